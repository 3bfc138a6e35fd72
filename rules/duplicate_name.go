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

// namedKinds are the sections of each file kind whose entries have unique
// names.
var namedKinds = map[lint.Kind][]struct {
	section string
	kind    model.Kind
}{
	lint.KindConfig: {
		{"builds", model.BuildKind}, {"services", model.ServiceKind}, {"jobs", model.JobKind},
		{"configmaps", model.ConfigMapKind}, {"shared_volumes", model.SharedVolumeKind},
	},
	lint.KindApplications: {
		{"applications", model.ApplicationKind}, {"environments", model.EnvironmentKind},
	},
}

func runDuplicateName(p *lint.Pass) {
	m := model.Of(p)
	for _, s := range namedKinds[p.File.Kind] {
		first := map[string]*model.Entry{}
		for _, d := range m.Defined(s.kind) {
			name := d.NameString()
			f, dup := first[name]
			if !dup {
				first[name] = d
				continue
			}
			line, _ := p.Doc.Lines.LineCol(p.Doc.Range(f.Name.Value).Start)
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(d.Name.Value),
				Message: fmt.Sprintf("%s name %q is already used on line %d; names must be unique among %s (rename one)", s.kind, name, line, s.section),
				Related: []lint.Related{{Range: p.Doc.Range(f.Name.Value), Message: fmt.Sprintf("%s %q first defined here", s.kind, name)}},
			})
		}
	}
}
