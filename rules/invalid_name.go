package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidName = &lint.Rule{
	ID:       "invalid-name",
	Summary:  "a build, service, job, configmap or shared volume name is not RFC 1123",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Manual, What: "renames to a valid name; references to the old name elsewhere must follow"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runInvalidName,
}

func runInvalidName(p *lint.Pass) {
	m := model.Of(p)
	for _, kind := range namedKinds(lint.KindConfig) {
		for _, d := range m.Defined(kind) {
			name := d.NameString()
			if strings.Contains(name, "${") || model.ValidName(name) {
				continue
			}
			diag := lint.Diagnostic{
				Range:   p.Doc.Range(d.Name.Value),
				Message: fmt.Sprintf("%s name %q is not a valid Kubernetes name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit", kind, name),
			}
			if fixed := toRFC1123(name); fixed != "" && fixed != name {
				diag.Message += fmt.Sprintf(" (e.g. %q)", fixed)
				// Manual: references to the old name elsewhere would break.
				diag.Fixes = []lint.Fix{{Title: fmt.Sprintf("rename to %q", fixed), Edits: []lint.Edit{replaceScalar(p.Doc, d.Name.Value, fixed)}}}
			}
			p.Report(diag)
		}
	}
}

func toRFC1123(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r == '_' || r == '.' || r == ' ':
			return '-'
		}
		return -1
	}, s)
	s = strings.Trim(s, "-")
	// Cut to the limit; a cut may leave a "-" at the end.
	return strings.Trim(s[:min(len(s), model.MaxNameLength)], "-")
}
