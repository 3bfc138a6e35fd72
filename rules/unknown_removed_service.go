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
	configs := map[string]appConfig{}
	for _, c := range appConfigs(p) {
		configs[c.app.NameString()] = c
	}
	if len(configs) == 0 {
		return
	}
	// The services of each application's config, read once (not once per
	// removed_services entry); nil when they cannot be known.
	services := map[string]*lint.Candidates{}
	servicesOf := func(c appConfig) *lint.Candidates {
		name := c.app.NameString()
		if known, done := services[name]; done {
			return known
		}
		services[name] = nil
		if c.file == nil || c.file.Doc == nil || c.file.Doc.Root == nil {
			return nil // a config not to be read
		}
		if ok, _ := c.file.IsConfig(); !ok {
			return nil
		}
		if names, sure := workloadNames(model.New(c.file.Doc)); sure {
			services[name] = lint.NewCandidates(names)
		}
		return services[name]
	}
	for _, env := range model.Of(p).Environments {
		imported := env.Imported()
		for _, rm := range env.Removals() {
			c, ok := configs[imported[rm.App.Value]]
			if !ok {
				continue // unknown-removed-application
			}
			known := servicesOf(c)
			if known == nil {
				continue
			}
			for _, n := range rm.Names {
				s, _ := lint.Str(n)
				if s == "" || strings.Contains(s, "${") || known.Has(s) {
					continue
				}
				unresolved(p, n, fmt.Sprintf("removed_services names %q, which application %q (%s in %q) does not define", s, c.app.NameString(), path.Clean(c.rel), c.repo), known,
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
