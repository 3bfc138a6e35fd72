package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownApplication = &lint.Rule{
	ID:       "unknown-application",
	Summary:  "an environment imports an application that is not declared (catalogue GH106, XR10)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindApplications},
	Doc: `environments[].from_applications[].name must name an entry of applications
in the same file.

Bad:

` + "```yaml" + `
applications:
  - name: api
    repository: acme-corp/api
    branch: main
environments:
  - name: staging
    from_applications:
      - name: api-server
` + "```" + `

Good:

` + "```yaml" + `
environments:
  - name: staging
    from_applications:
      - name: api
` + "```",
	Run: runUnknownApplication,
}

func runUnknownApplication(p *lint.Pass) {
	apps := definitions(p.Doc, "applications")
	known := names(apps)
	for _, env := range environments(p.Doc) {
		for _, im := range env.Imports {
			if im.NameNode == nil || im.Name == "" || strings.Contains(im.Name, "${") || contains(known, im.Name) {
				continue
			}
			d := lint.Diagnostic{Range: p.Doc.Range(im.NameNode), Related: related(p.Doc, apps, "application")}
			if s := suggest(im.Name, known); s != "" {
				d.Message = fmt.Sprintf("%s imports application %q, which is not declared; did you mean %q?", env, im.Name, s)
				d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, im.NameNode, s)}, Certain: true}}
			} else {
				d.Message = fmt.Sprintf("%s imports application %q, which is not declared; add it under applications", env, im.Name)
			}
			p.Report(d)
		}
	}
}
