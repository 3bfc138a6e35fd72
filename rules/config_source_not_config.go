package rules

import (
	"path"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var ConfigSourceNotConfig = &lint.Rule{
	CrossFile: true,
	ID:        "config-source-not-config",
	Summary:   "an application's config_source names a file that is not a greyhound config",
	Severity:  lint.Warning,
	Kinds:     []lint.Kind{lint.KindApplications},
	Run:       runConfigSourceNotConfig,
}

func runConfigSourceNotConfig(p *lint.Pass) {
	ws := p.File.Workspace
	if ws == nil {
		return
	}
	for _, a := range model.Of(p).Applications {
		repo, rel, at, ok := configOf(p, a)
		if !ok {
			continue
		}
		f, visible := ws.Open(repo, rel)
		if !visible || f == nil || f.Doc == nil {
			continue
		}
		if ok, why := greyhoundConfig(f); !ok {
			p.Reportf(p.Doc.Range(at), "%q in %q is not a greyhound config: %s; point config_source at the application's config", path.Clean(rel), repo, why)
		}
	}
}
