package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestHostnameProblemsInOrder: a hostname built from a scheme (an empty
// one too: "://"), a host (empty, right, with capitals, with a bad label),
// a port and a path, each present or not: invalid-hostname names the first problem of scheme
// (with or without a path), path, port, capitals, labels, with the fix
// each offers (the host without its scheme, unsafe; lower case, safe).
func TestHostnameProblemsInOrder(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	n := 0
	for _, scheme := range []string{"", "https://", "http://", "://"} {
		for _, host := range []string{"", "api.example.com", "API.Example.com", "a_b.example.com"} {
			for _, port := range []string{"", ":8080"} {
				for _, path := range []string{"", "/", "/api"} {
					h := scheme + host + port + path
					if h == "" {
						continue
					}
					var msg, fix string
					safe := false
					switch {
					case scheme != "" && path != "":
						msg = "has a scheme and a path; give only the host name and put the path in path:"
					case scheme != "":
						msg, fix = "has a scheme; give only the host name", host+port
					case path != "":
						msg = "has a path; give only the host name and put the path in path:"
					case port != "":
						msg = "has a port; ingress hosts take no port"
					case host != strings.ToLower(host):
						msg, fix, safe = "has capital letters; DNS names in an ingress must be lower-case", strings.ToLower(host), true
					case strings.Contains(host, "_"):
						msg = "is not a valid DNS name"
					}
					src := fmt.Sprintf("services:\n  - name: api\n    image: nginx\nrules:\n  - service: api\n    path: /\n    hostnames: [%q]\n", h)
					res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
					var got []lint.Diagnostic
					for _, d := range res.Diagnostics {
						if d.Rule == InvalidHostname.ID {
							got = append(got, d)
						}
					}
					n++
					if msg == "" {
						if len(got) != 0 {
							t.Errorf("%q: unexpected %s", h, got[0].Message)
						}
						continue
					}
					if len(got) != 1 || !strings.HasPrefix(got[0].Message, fmt.Sprintf("hostname %q %s", h, msg)) || src[got[0].Range.Start:got[0].Range.End] != fmt.Sprintf("%q", h) {
						t.Errorf("%q: got %v, want one finding on it: hostname %q %s", h, got, h, msg)
						continue
					}
					fixes := got[0].Fixes
					switch {
					case fix == "" && len(fixes) != 0:
						t.Errorf("%q: unexpected fix %q", h, fixes[0].Title)
					case fix != "" && (len(fixes) != 1 || fixes[0].Title != fmt.Sprintf("change to %q", fix) || (fixes[0].Safety == lint.Safe) != safe):
						t.Errorf("%q: fixes %+v, want \"change to %q\" (safe: %v)", h, fixes, fix, safe)
					}
				}
			}
		}
	}
	t.Logf("%d hostnames", n)
}
