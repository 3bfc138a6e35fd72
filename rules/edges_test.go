package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestParallelismAgainstCompletions: parallelism one below, equal to and
// one above completions, for a few completions: reported only above.
func TestParallelismAgainstCompletions(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for _, comp := range []int{1, 2, 10} {
		for par := comp - 1; par <= comp+1; par++ {
			src := fmt.Sprintf("jobs:\n  - name: j\n    image: busybox\n    restart_policy: Never\n    parallelism: %d\n    completions: %d\n", par, comp)
			got := findingsOf(t, cfg, ParallelismExceedsCompletions, src)
			if want := par > comp; (len(got) == 1) != want || len(got) > 1 {
				t.Errorf("parallelism %d, completions %d: %d findings, want reported=%v", par, comp, len(got), want)
			}
		}
	}
}

// TestCredentialLetters: a value of digits under a secret's name with one
// printable ASCII character first or last (under the length that makes any
// value a credential): a credential exactly when that character is a
// letter, since a generated secret mixes letters and digits.
func TestCredentialLetters(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for c := byte(0x21); c < 0x7f; c++ {
		if strings.ContainsRune(`"\$/{}[],#&*!|>'%@`+"`", rune(c)) {
			continue // YAML or interpolation syntax, a path
		}
		for _, v := range []string{string(c) + "1234567", "1234567" + string(c)} {
			got := findingsOf(t, cfg, PlaintextSecret, secret(fmt.Sprintf("%q", v)))
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if (len(got) == 1) != letter || len(got) > 1 {
				t.Errorf("DB_PASSWORD %q: %d findings, want reported=%v", v, len(got), letter)
			}
		}
	}
}

// TestListedNamesAtTheLimit: an unknown service with 9 to 12 services
// defined (too far from it for a did-you-mean): the message lists them
// all up to maxListed, and past it the first maxListed and how many more.
func TestListedNamesAtTheLimit(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for n := maxListed - 1; n <= maxListed+2; n++ {
		var src strings.Builder
		src.WriteString("services:\n")
		var names []string
		for i := range n {
			name := fmt.Sprintf("backend-%02d", i)
			names = append(names, name)
			fmt.Fprintf(&src, "  - name: %s\n    image: nginx\n    ports: [{containerPort: 80}]\n", name)
		}
		src.WriteString("rules:\n  - service: zzzzzzzzzzzzzzzz\n    hostnames: [a.example.com]\n    path: /\n")
		got := findingsOf(t, cfg, UnknownService, src.String())
		want := strings.Join(names[:min(n, maxListed)], ", ")
		if n > maxListed {
			want += fmt.Sprintf(" and %d more", n-maxListed)
		}
		if len(got) != 1 || !strings.HasSuffix(got[0].Message, "defined services: "+want) {
			t.Errorf("%d services: %v, want the message to end %q", n, got, "defined services: "+want)
		}
	}
}

// TestRuleServicePorts: a rule routing to a service whose ports are
// omitted, an empty list, a list with a port, null or not a list (which
// invalid-type reports): rule-service-no-ports reports exactly the ones
// without a port that are not mistyped.
func TestRuleServicePorts(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for ports, want := range map[string]bool{"": true, "\n    ports: null": false, "\n    ports: []": true, "\n    ports: [{containerPort: 80}]": false, "\n    ports: 80": false, "\n    ports: {containerPort: 80}": false} {
		src := "services:\n  - name: api\n    image: nginx" + ports + "\nrules:\n  - service: api\n    hostnames: [a.example.com]\n    path: /\n"
		got := findingsOf(t, cfg, RuleServiceNoPorts, src)
		if (len(got) == 1) != want || len(got) > 1 {
			t.Errorf("ports %q: %d findings, want reported=%v", ports, len(got), want)
		}
	}
}

// TestComposePortAtEveryIndex: a docker-compose port ("8080:80") as the
// i-th entry of ports, for i from 0 to 21 (every last digit, one and two
// digits): invalid-type explains it and offers containerPort 80 wherever
// it is.
func TestComposePortAtEveryIndex(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for i := range 22 {
		var entries []string
		for j := range i {
			entries = append(entries, fmt.Sprintf("{containerPort: %d}", 1000+j))
		}
		entries = append(entries, `"8080:80"`)
		src := "services:\n  - name: api\n    image: nginx\n    ports: [" + strings.Join(entries, ", ") + "]\n"
		got := findingsOf(t, cfg, InvalidType, src)
		if len(got) != 1 || !strings.Contains(got[0].Message, `("8080:80" is docker-compose's HOST:CONTAINER mapping`) ||
			len(got[0].Fixes) != 1 || got[0].Fixes[0].Title != "write containerPort: 80" {
			t.Errorf("entry %d: %v", i, got)
		}
	}
}

// TestMissingFieldRange: a missing field is reported on the first key of
// its object, or on the whole object when it has none ({}).
func TestMissingFieldRange(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for src, at := range map[string]string{
		"services:\n  - {}\n":                    "{}",
		"services:\n  - image: nginx\n":          "image",
		"services:\n  - {image: nginx}\n":        "image",
		"jobs:\n  - name: j\n    command: [a]\n": "name",
	} {
		got := findingsOf(t, cfg, MissingField, src)
		if len(got) == 0 {
			t.Errorf("no missing-field in\n%s", src)
		}
		for _, d := range got {
			if text := src[d.Range.Start:d.Range.End]; text != at {
				t.Errorf("missing-field at %q, want %q: %s\n%s", text, at, d.Message, src)
			}
		}
	}
}
