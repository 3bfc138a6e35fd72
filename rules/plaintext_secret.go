package rules

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var PlaintextSecret = &lint.Rule{
	ID:       "plaintext-secret",
	Summary:  "a plain env value or configmap value that looks like a credential",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runPlaintextSecret,
}

var (
	secretNameRe  = regexp.MustCompile(`(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)`)
	secretValueRe = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----|\b(ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{40,}|\bAKIA[0-9A-Z]{16}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}`)
)

// mayHoldToken is a cheap necessary condition of secretValueRe (each of
// its alternatives holds one of these), checked first: the regexp runs on
// every env and configmap value.
func mayHoldToken(v string) bool {
	return strings.Contains(v, "-----BEGIN ") || strings.Contains(v, "gh") || strings.Contains(v, "AKIA") || strings.Contains(v, "xox")
}

// A credential is at least minCredential characters; one of
// longCredential or more needs no digit.
const (
	minCredential  = 8
	longCredential = 24
)

// looksLikeCredential reports whether a literal value under a secret-like
// name is plausibly a credential rather than a path, a flag or a reference.
func looksLikeCredential(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < minCredential || strings.ContainsAny(v, " \t\n") || strings.HasPrefix(v, "/") || strings.Contains(v, "${") || strings.Contains(v, "$(") {
		return false
	}
	if strings.Contains(v, "://") {
		return credentialURL.MatchString(v) // a URL is a credential only with user:password@
	}
	// A header name (X-Api-Key) or a setting (required) has no digits; a
	// generated secret almost always mixes letters and digits, or is long.
	hasDigit := strings.ContainsAny(v, "0123456789")
	hasLetter := strings.IndexFunc(v, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }) >= 0
	return hasDigit && hasLetter || len(v) >= longCredential
}

var credentialURL = regexp.MustCompile(`://[^/@:\s]+:[^/@\s]+@`)

func runPlaintextSecret(p *lint.Pass) {
	check := func(name string, n *yaml.Node) {
		v, ok := lint.Str(n)
		if !ok {
			return
		}
		switch {
		case mayHoldToken(v) && secretValueRe.MatchString(v) || (strings.Contains(v, "@") && credentialURL.MatchString(v) && !strings.Contains(v, "${") && !strings.Contains(v, "$(")):
			p.Reportf(p.Doc.Range(n), "%q holds what looks like a credential in plain text; store it in a secret provider or a Kubernetes Secret and read it with valueFrom.secretKeyRef", name)
		case looksLikeCredential(v) && secretNameRe.MatchString(name):
			p.Reportf(p.Doc.Range(n), "%q looks like a credential, and plain values live in git; store it in a secret provider or a Kubernetes Secret and read it with valueFrom.secretKeyRef", name)
		}
	}
	m := model.Of(p)
	for _, o := range m.Owners() {
		for _, e := range o.Env {
			check(e.Name.String(), e.Value.Value)
		}
	}
	for _, c := range m.ConfigMaps {
		for _, kv := range c.Data.Pairs() {
			check(kv[0].Value, kv[1])
		}
	}
}
