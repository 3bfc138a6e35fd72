package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidHostname = &lint.Rule{
	ID:       "invalid-hostname",
	Summary:  "a rule hostname that is not a DNS name: a scheme, a path, a port, capitals",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "lower-cases a hostname (DNS names are case-insensitive, so it names the same host)"},
		{Safety: lint.Unsafe, What: "drops a scheme (https://api.example.com to api.example.com)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runInvalidHostname,
}

func runInvalidHostname(p *lint.Pass) {
	for _, r := range model.Of(p).Rules {
		for _, h := range r.HostList {
			host, ok := lint.Str(h)
			if !ok || host == "" {
				continue
			}
			if msg, fixed := hostnameProblem(host); msg != "" {
				d := lint.Diagnostic{Range: p.Doc.Range(h), Message: fmt.Sprintf("hostname %q %s", host, msg)}
				if fixed != "" {
					// DNS names are case-insensitive, so lower-casing names
					// the same host (safe); dropping a scheme is a guess.
					safety := lint.Unsafe
					if strings.EqualFold(fixed, host) {
						safety = lint.Safe
					}
					d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", fixed), Edits: []lint.Edit{replaceScalar(p.Doc, h, fixed)}, Safety: safety}}
				}
				p.Report(d)
			}
		}
	}
}

// maxHostnameLength is the longest DNS name (RFC 1123).
const maxHostnameLength = 253

// hostnameProblem says what is wrong with a hostname, and a certain repair
// when there is one.
func hostnameProblem(host string) (string, string) {
	if i := strings.Index(host, "://"); i >= 0 {
		rest := host[i+3:]
		if j := strings.IndexAny(rest, "/"); j >= 0 {
			return "has a scheme and a path; give only the host name and put the path in path:", ""
		}
		return "has a scheme; give only the host name", rest
	}
	if strings.Contains(host, "/") {
		return "has a path; give only the host name and put the path in path:", ""
	}
	// Placeholders become a plain label for the check.
	sub := host
	for _, ph := range model.Placeholders(host) {
		sub = strings.Replace(sub, ph.Text, "x", 1)
	}
	if strings.Contains(sub, ":") {
		return "has a port; ingress hosts take no port", ""
	}
	if strings.ToLower(sub) != sub {
		return "has capital letters; DNS names in an ingress must be lower-case", strings.ToLower(host)
	}
	labels := strings.Split(strings.TrimPrefix(sub, "*."), ".")
	if len(sub) > maxHostnameLength {
		return fmt.Sprintf("is longer than %d characters", maxHostnameLength), ""
	}
	for _, l := range labels {
		if !model.ValidName(l) {
			return "is not a valid DNS name: use lower-case letters, digits, '-' and dots (a wildcard only as a leading \"*.\")", ""
		}
	}
	return "", ""
}
