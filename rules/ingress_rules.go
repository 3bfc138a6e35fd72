package rules

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// Checks of rules[] (the ingress routes).

var InvalidPath = &lint.Rule{
	ID:       "invalid-path",
	Summary:  "a rule path that does not start with / (catalogue GH053)",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "adds the leading \"/\" to a path that starts with a letter or digit (api to /api)"},
		{Safety: lint.Unsafe, What: "adds the leading \"/\" to a path that starts with anything else (*, .*), which may be a pattern"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `Ingress paths are absolute: Kubernetes rejects a path that does not start
with "/".`,
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.Path.Value
			s, ok := lint.Str(n)
			if !ok || s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "${") {
				continue
			}
			// An ingress path is matched from the root, so a path that
			// starts with a segment (api/v1) can only mean /api/v1; one
			// that starts with anything else (*, .*) may be a pattern.
			safety := lint.Unsafe
			if c := s[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				safety = lint.Safe
			}
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(n),
				Message: fmt.Sprintf("rule path %q must start with \"/\"; write %q", s, "/"+s),
				Fixes:   []lint.Fix{{Title: fmt.Sprintf("change to %q", "/"+s), Edits: []lint.Edit{replaceScalar(p.Doc, n, "/"+s)}, Safety: safety}},
			})
		}
	},
}

var PublicVisibility = &lint.Rule{
	ID:       "public-visibility",
	Summary:  "a rule exposes a service publicly, which needs platform approval (catalogue GH055)",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `visibility: nginx-public routes public internet traffic to the service. The
docs warn that it needs extra networking work and sign-off from the
platform team (#proj-ephemeral-environments); without it, the deployment
may not be reachable or may be refused. Disable the rule for a repository
that has the approval.`,
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.Visibility.Value
			if s, _ := lint.Str(n); s == "nginx-public" {
				p.Reportf(p.Doc.Range(n), "nginx-public exposes the service to public traffic, which needs networking work and platform-team approval (#proj-ephemeral-environments); use nginx-internal unless you have it")
			}
		}
	},
}

var ReadTimeoutTooHigh = &lint.Rule{
	ID:       "read-timeout-too-high",
	Summary:  "a rule read_timeout above 60 seconds, which the docs say can fail deployments (catalogue GH056)",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `read_timeout defaults to 59 seconds; the docs warn that values above 60 can
make deployments fail.`,
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.ReadTimeout.Value
			if v, ok := intValue(n); ok && v > 60 {
				p.Reportf(p.Doc.Range(n), "read_timeout %d is above 60 seconds, which the docs say can make deployments fail; use at most 60", v)
			}
		}
	},
}

var DuplicateRoute = &lint.Rule{
	ID:       "duplicate-route",
	Summary:  "two rules route the same hostname and path (catalogue GH058)",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `Two rules with the same hostname and path conflict: only one of them can
receive the traffic, and which one is up to the ingress controller.`,
	Run: func(p *lint.Pass) {
		first := map[string]*yaml.Node{}
		for _, r := range model.Of(p).Rules {
			path, ok := r.Path.Str()
			if !ok {
				continue
			}
			for _, h := range r.HostList {
				host, ok := lint.Str(h)
				if !ok {
					continue
				}
				key := strings.ToLower(host) + " " + path
				if f, dup := first[key]; dup {
					p.Report(lint.Diagnostic{
						Range:   p.Doc.Range(h),
						Message: fmt.Sprintf("another rule already routes %s%s; only one of them will receive the traffic (change the path or the hostname)", host, path),
						Related: []lint.Related{{Range: p.Doc.Range(f), Message: "first routed here"}},
					})
					continue
				}
				first[key] = h
			}
		}
	},
}

var InvalidHostname = &lint.Rule{
	ID:       "invalid-hostname",
	Summary:  "a rule hostname that is not a DNS name: a scheme, a path, a port, capitals (catalogue GH059)",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "lower-cases a hostname (DNS names are case-insensitive, so it names the same host)"},
		{Safety: lint.Unsafe, What: "drops a scheme (https://api.example.com to api.example.com)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `Ingress hosts are bare DNS names: lower-case labels of letters, digits and
'-', separated by dots, optionally starting with "*." for a wildcard. No
scheme (https://), no path (put it in path), no port. ${...} placeholders
are checked as if they were a plain label.`,
	Run: runInvalidHostname,
}

var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

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
	if len(sub) > 253 {
		return "is longer than 253 characters", ""
	}
	for _, l := range labels {
		if len(l) > 63 || !dnsLabel.MatchString(l) {
			return "is not a valid DNS name: use lower-case letters, digits, '-' and dots (a wildcard only as a leading \"*.\")", ""
		}
	}
	return "", ""
}

var EmptyDNSDomain = &lint.Rule{
	ID:       "empty-dns-domain",
	Summary:  "a hostname built from ${cluster.dnsDomain}, which is empty on clusters without one (catalogue GH204)",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `${cluster.dnsDomain} is the empty string when the target cluster has no
DNS domain, which turns api.${cluster.dnsDomain} into the invalid host
"api.". That is fine on clusters that have one; the catalogue rates this a
warning, greylint an info, because the common case works.`,
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			for _, h := range r.HostList {
				host, _ := lint.Str(h)
				for _, ph := range model.Placeholders(host) {
					if ph.Closed && ph.Name == "cluster.dnsDomain" {
						p.Reportf(subRange(p.Doc, h, ph.Index, ph.Text), "${cluster.dnsDomain} is empty on a cluster without a DNS domain, leaving %q invalid there; make sure the target clusters have one", strings.Replace(host, ph.Text, "", 1))
					}
				}
			}
		}
	},
}
