package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var InvalidType = &lint.Rule{
	ID:       schema.InvalidType,
	Summary:  "a value of the wrong type: a string for a number or for a list, an unquoted true for a string",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "quotes a plain true/false, integer or number where a string is expected, keeping its text exactly (true to 'true')"},
		{Safety: lint.Unsafe, What: "rewrites another format's shape the greyhound way: a compose port \"8080:80\" as {containerPort: 80}, Helm's image: {repository, tag} as one string, an unquoted key: value inside [...] as a quoted string"},
		{Safety: lint.Manual, What: "quotes a special value (.inf, .nan) whose text is probably not what was meant; rewrites a Helm image mapping that holds comments or other fields"},
	},
	Run: schemaRun(schema.InvalidType, quoteFix),
}

func quoteFix(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if typeHabit(p, v, d) {
		return
	}
	if !v.QuoteFix {
		return
	}
	_, n := p.Doc.Lookup(v.Path)
	// Only a plain scalar written as it is: quoting an alias (*x) or a
	// tagged value (!!int 1) would change the text, not keep it.
	if n == nil || n.Kind != yaml.ScalarNode || n.Style != 0 {
		return
	}
	r := p.Doc.Range(n)
	text := p.Doc.Text(r)
	if text == "" || text != n.Value || strings.ContainsAny(text, "\n\r#") {
		return
	}
	fix := lint.Fix{Title: "quote the value", Edits: []lint.Edit{{Range: r, NewText: "'" + strings.ReplaceAll(text, "'", "''") + "'"}}}
	// Quoting keeps the text exactly, and a string is what the field takes,
	// so "true" and "8080" stay what the author wrote. A null (~) or a
	// special float (.inf) reads as text only by accident: offered, not
	// applied.
	switch n.ShortTag() {
	case "!!bool", "!!int":
		fix.Safety = lint.Safe
	case "!!float":
		if f := strings.ToLower(strings.TrimLeft(text, "+-")); f != ".inf" && f != ".nan" {
			fix.Safety = lint.Safe
		}
	}
	d.Fixes = []lint.Fix{fix}
}
