package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownRemovedService = &lint.Rule{
	CrossFile: true,
	ID:        "unknown-removed-service",
	Summary:   "removed_services names a service the application's config does not define",
	Severity:  lint.Warning,
	Kinds:     []lint.Kind{lint.KindApplications},
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one service or job of that config whose name is closest: a guess"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Run: runUnknownRemovedService,
}

func runUnknownRemovedService(p *lint.Pass) {
	ws := p.File.Workspace
	if ws == nil {
		return
	}
	m := model.Of(p)
	apps := map[string]*model.Application{}
	for _, a := range m.Applications {
		apps[a.NameString()] = a
	}
	for _, env := range m.Environments {
		imported := env.Imported()
		for _, rm := range env.Removals() {
			a := apps[imported[rm.App.Value]]
			if a == nil {
				continue // unknown-removed-application
			}
			repo, rel, _, ok := configOf(p, a)
			if !ok {
				continue
			}
			f, visible := ws.Open(repo, rel)
			if !visible || f == nil || f.Doc == nil || f.Doc.Root == nil {
				continue
			}
			if ok, _ := greyhoundConfig(f); !ok {
				continue
			}
			names, sure := workloadNames(model.New(f.Doc))
			if !sure {
				continue
			}
			known := lint.NewCandidates(names)
			for _, n := range rm.Names {
				s, _ := lint.Str(n)
				if s == "" || strings.Contains(s, "${") || known.Has(s) {
					continue
				}
				unresolved(p, n, fmt.Sprintf("removed_services names %q, which application %q (%s in %q) does not define", s, a.NameString(), path.Clean(rel), repo), known,
					"name one of its services", nil)
			}
		}
	}
}

// workloadNames are the names removed_services may name: services, and
// jobs too (greyhound's docs say services; a job named there is not
// worth a false alarm). sure is false when a name is interpolated.
func workloadNames(m *model.Model) ([]string, bool) {
	var out []string
	for _, ws := range [][]*model.Workload{m.Services, m.Jobs} {
		for _, w := range ws {
			s, ok := w.Name.Str()
			if !ok || strings.Contains(s, "${") {
				return nil, false
			}
			out = append(out, s)
		}
	}
	return out, true
}
