package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownService = &lint.Rule{
	ID:       "unknown-service",
	Summary:  "a rule routes to a service that is not defined (catalogue GH050, XR3)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `rules[].service must name a service of the same file. A job cannot
receive traffic: it runs to completion and has no ports.

Bad:

` + "```yaml" + `
services:
  - name: api
    image: nginx:1.27-alpine
    ports: [{containerPort: 80}]
rules:
  - service: apii
    hostnames: [api.example.com]
    path: /
` + "```" + `

Good:

` + "```yaml" + `
rules:
  - service: api
    hostnames: [api.example.com]
    path: /
` + "```",
	Run: runUnknownService,
}

func runUnknownService(p *lint.Pass) {
	services := definitions(p.Doc, "services")
	known := names(services)
	jobs := names(definitions(p.Doc, "jobs"))
	for _, r := range mappings(p.Doc.Root, "rules") {
		n := get(r, "service")
		ref, ok := lint.Str(n)
		if !ok || ref == "" || strings.Contains(ref, "${") || contains(known, ref) {
			continue
		}
		d := lint.Diagnostic{Range: p.Doc.Range(n), Related: related(p.Doc, services, "service")}
		s := suggest(ref, known)
		switch {
		case contains(jobs, ref):
			d.Message = fmt.Sprintf("rule routes to %q, which is a job; rules route only to services, which have ports", ref)
		case s != "":
			d.Message = fmt.Sprintf("rule routes to service %q, which is not defined; did you mean %q?", ref, s)
			d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}, Certain: true}}
		case len(known) == 0:
			d.Message = fmt.Sprintf("rule routes to service %q, but this file defines no services; add it under services", ref)
		default:
			d.Message = fmt.Sprintf("rule routes to service %q, which is not defined; defined services: %s", ref, strings.Join(known, ", "))
		}
		p.Report(d)
	}
}
