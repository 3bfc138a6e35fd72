package rules

import (
	"path"

	"github.com/greylint/greylint/lint"
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
	for _, c := range appConfigs(p) {
		if c.file == nil || c.file.Doc == nil {
			continue
		}
		if ok, why := c.file.IsConfig(); !ok {
			p.Reportf(p.Doc.Range(c.at), "%q in %q is not a greyhound config: %s; point config_source at the application's config", path.Clean(c.rel), c.repo, why)
		}
	}
}
