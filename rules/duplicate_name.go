package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var DuplicateName = &lint.Rule{
	ID:       "duplicate-name",
	Summary:  "two entries of one list share a name",
	Severity: lint.Error,
	Run:      runDuplicateName,
}

// namedKinds returns the kinds of definition of file kind k whose names
// are unique: one per named section.
func namedKinds(k lint.Kind) []model.Kind {
	var out []model.Kind
	for d := model.BuildKind; d.Section() != nil; d++ {
		if s := d.Section(); s.Kind == k && s.Named {
			out = append(out, d)
		}
	}
	return out
}

func runDuplicateName(p *lint.Pass) {
	m := model.Of(p)
	for _, kind := range namedKinds(p.File.Kind) {
		first := map[string]*model.Entry{}
		for _, d := range m.Defined(kind) {
			name := d.NameString()
			f, dup := first[name]
			if !dup {
				first[name] = d
				continue
			}
			line, _ := p.Doc.Lines.LineCol(p.Doc.Range(f.Name.Value).Start)
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(d.Name.Value),
				Message: fmt.Sprintf("%s name %q is already used on line %d; names must be unique among %s (rename one)", kind, name, line, kind.Section().Key),
				Related: []lint.Related{{Range: p.Doc.Range(f.Name.Value), Message: fmt.Sprintf("%s %q first defined here", kind, name)}},
			})
		}
	}
}
