package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var ForbiddenField = &lint.Rule{
	ID:       schema.ForbiddenField,
	Summary:  "a field that greyhound forbids where it is",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Manual, What: "removes the field with its value"},
	},
	Run: schemaRun(schema.ForbiddenField, removeFix),
}

func removeFix(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	k, val := p.Doc.Lookup(v.KeyPath())
	if k == nil || val == nil {
		return
	}
	if e, ok := removeEntry(p.Doc, k, val); ok {
		d.Fixes = []lint.Fix{{Title: fmt.Sprintf("remove %q", v.Key), Edits: []lint.Edit{e}}}
	}
}
