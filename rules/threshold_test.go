package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// A threshold of a rule: the limit (the constant the rule compares with),
// a config file whose one measured value is v, and whether the rule
// reports at v (the side of the edge it reports on).
type threshold struct {
	rule    *lint.Rule
	limit   int
	doc     func(v int) string
	reports func(v, limit int) bool
}

func above(v, limit int) bool   { return v > limit }
func atLeast(v, limit int) bool { return v >= limit }

// repeat writes n characters from pattern, over and over.
func repeat(pattern string, n int) string {
	return strings.Repeat(pattern, n/len(pattern)+1)[:n]
}

// hostname is a valid DNS name of n characters: labels of 63 letters.
func hostname(n int) string {
	s := []byte(repeat(strings.Repeat("a", model.MaxNameLength)+".", n))
	if n > 0 && s[n-1] == '.' {
		s[n-1] = 'a'
	}
	return string(s)
}

func route(field string) string {
	return "services:\n  - name: api\n    image: nginx\n    ports: [{containerPort: 80}]\nrules:\n  - service: api\n    path: /\n    " + field + "\n"
}

func secret(value string) string {
	return "services:\n  - name: api\n    image: nginx\n    env:\n      - name: DB_PASSWORD\n        value: " + value + "\n"
}

// Every threshold of the rules, as the rules define it.
var thresholds = map[string]threshold{
	"read_timeout": {ReadTimeoutTooHigh, maxReadTimeout, func(v int) string { return route(fmt.Sprintf("read_timeout: %d", v)) }, above},
	"hostname length": {InvalidHostname, maxHostnameLength, func(v int) string {
		return route(fmt.Sprintf("hostnames: [%s]", hostname(v)))
	}, above},
	"hostname label length": {InvalidHostname, model.MaxNameLength, func(v int) string {
		return route(fmt.Sprintf("hostnames: [%s.example.com]", repeat("a", v)))
	}, above},
	"name length": {InvalidName, model.MaxNameLength, func(v int) string {
		return "services:\n  - name: " + repeat("a", v) + "\n    image: nginx\n"
	}, above},
	"credential with digits": {PlaintextSecret, minCredential, func(v int) string { return secret(repeat("a1", v)) }, atLeast},
	"credential of letters":  {PlaintextSecret, longCredential, func(v int) string { return secret(repeat("abc", v)) }, atLeast},
}

// Each threshold at its edge, both sides: the limit, one below and one
// above, generated from the limit the rule uses.
func TestThresholdEdges(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for name, th := range thresholds {
		for v := th.limit - 1; v <= th.limit+1; v++ {
			src := th.doc(v)
			res := lint.Analyze(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
			n := 0
			for _, d := range res.Diagnostics {
				if d.Rule == th.rule.ID {
					n++
				}
			}
			if want := th.reports(v, th.limit); (n > 0) != want {
				t.Errorf("%s = %d (limit %d): %d %s findings, want reported=%v\n%s", name, v, th.limit, n, th.rule.ID, want, src)
			}
		}
	}
}
