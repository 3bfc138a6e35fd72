package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidPath = &lint.Rule{
	ID:       "invalid-path",
	Summary:  "a rule path that does not start with /",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "adds the leading \"/\" to a path that starts with a letter or digit (api to /api)"},
		{Safety: lint.Unsafe, What: "adds the leading \"/\" to a path that starts with anything else (*, .*), which may be a pattern"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
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
