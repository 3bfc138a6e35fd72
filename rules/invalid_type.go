package rules

import (
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var InvalidType = &lint.Rule{
	ID:       "invalid-type",
	Summary:  "a value of the wrong type: a string for a number, a string for a list, ... (catalogue GH017, GH020, GH036, GH052, GH057, GH108)",
	Severity: lint.Error,
	Doc: `greyhound validates the file against its schema and refuses a value of the
wrong type: "10m" where seconds are an integer, a single string where a
list is expected, an unquoted true where a ConfigMap wants the string
"true". When the fix is to quote a value, it is offered.

Bad:

` + "```yaml" + `
configmaps:
  - name: flags
    data:
      NEW_UI: true
jobs:
  - name: migrate
    image_from_build: api
    command: yarn migrate
` + "```" + `

Good:

` + "```yaml" + `
configmaps:
  - name: flags
    data:
      NEW_UI: 'true'
jobs:
  - name: migrate
    image_from_build: api
    command: [yarn, migrate]
` + "```",
	Run: schemaRun("invalid-type", quoteFix),
}

func quoteFix(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if !v.QuoteFix {
		return
	}
	_, n := p.Doc.Lookup(v.Path)
	if n == nil {
		return
	}
	text := p.Doc.Text(p.Doc.Range(n))
	if text == "" || strings.ContainsAny(text, "\n\r") {
		return
	}
	d.Fixes = []lint.Fix{{
		Title:   "quote the value",
		Edits:   []lint.Edit{{Range: p.Doc.Range(n), NewText: "'" + strings.ReplaceAll(text, "'", "''") + "'"}},
		Certain: true,
	}}
}
