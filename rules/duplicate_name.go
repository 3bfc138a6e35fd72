package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
)

var DuplicateName = &lint.Rule{
	ID:       "duplicate-name",
	Summary:  "two entries of one list share a name (catalogue GH003, GH101, GH114)",
	Severity: lint.Error,
	Doc: `Builds, services, jobs, configmaps, shared volumes, applications and
environments are lists of named entries, and every reference to them is by
name. Two entries with the same name in one list make those references
ambiguous, and the Kubernetes objects generated from them collide. The
second entry is reported, with the first as a related location.`,
	Run: runDuplicateName,
}

var namedSections = map[lint.Kind][]struct{ section, noun string }{
	lint.KindConfig: {
		{"builds", "build"}, {"services", "service"}, {"jobs", "job"},
		{"configmaps", "configmap"}, {"shared_volumes", "shared volume"},
	},
	lint.KindApplications: {
		{"applications", "application"}, {"environments", "environment"},
	},
}

func runDuplicateName(p *lint.Pass) {
	for _, s := range namedSections[p.File.Kind] {
		first := map[string]definition{}
		for _, d := range definitions(p.Doc, s.section) {
			f, dup := first[d.Name]
			if !dup {
				first[d.Name] = d
				continue
			}
			line, _ := p.Doc.Lines.LineCol(p.Doc.Range(f.NameNode).Start)
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(d.NameNode),
				Message: fmt.Sprintf("%s name %q is already used on line %d; names must be unique among %s (rename one)", s.noun, d.Name, line, s.section),
				Related: []lint.Related{{Range: p.Doc.Range(f.NameNode), Message: fmt.Sprintf("%s %q first defined here", s.noun, d.Name)}},
			})
		}
	}
}
