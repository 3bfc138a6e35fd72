package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var InvalidValue = &lint.Rule{
	ID:       schema.InvalidValue,
	Summary:  "a value outside its allowed set or range",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "corrects the letter case of a value (onfailure to OnFailure)"},
		{Safety: lint.Unsafe, What: "changes a near miss or a part to the allowed value (public to nginx-public)"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Run: schemaRun(schema.InvalidValue, didYouMeanValue),
}

func didYouMeanValue(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if len(v.Allowed) == 0 {
		return
	}
	_, n := p.Doc.Lookup(v.Path)
	got, ok := lint.Str(n)
	if !ok {
		return
	}
	g := lint.GuessName(got, v.Allowed)
	if len(g.Names) == 0 {
		return
	}
	d.Message += fmt.Sprintf(" (did you mean %s?)", g.Phrase())
	// Only a value equal to one allowed value but for letter case is
	// certain (greyhound's enums never differ by case alone); a separator
	// twin (nginx_public) or a near miss is a guess: visibility decides
	// who can reach a service.
	sameButCase := len(g.Names) == 1 && strings.EqualFold(g.Names[0], got)
	d.Fixes = g.Fixes(sameButCase, func(s string) lint.Fix {
		return lint.Fix{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}}
	})
}
