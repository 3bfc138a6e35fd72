package rules

import (
	"path"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidConfigSource = &lint.Rule{
	ID:       "invalid-config-source",
	Summary:  "config_source is not a relative .yaml/.yml path inside the repository",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindApplications},
	Run:      runInvalidConfigSource,
}

func runInvalidConfigSource(p *lint.Pass) {
	for _, a := range model.Of(p).Applications {
		n := a.ConfigSource.Value
		s, ok := lint.Str(n)
		if !ok || s == "" || strings.Contains(s, "${") {
			continue
		}
		var problem string
		clean := path.Clean(strings.ReplaceAll(s, `\`, "/"))
		switch {
		case strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\`) || (len(s) > 1 && s[1] == ':'):
			problem = "is absolute; use a path relative to the repository root, e.g. .greyhound/config.yaml"
		case clean == ".." || strings.HasPrefix(clean, "../"):
			problem = "leaves the repository; use a path inside it, e.g. .greyhound/config.yaml"
		case !strings.HasSuffix(s, ".yaml") && !strings.HasSuffix(s, ".yml"):
			problem = "is not a .yaml or .yml file; greyhound configs are YAML"
		default:
			continue
		}
		p.Reportf(p.Doc.Range(n), "config_source %q %s", s, problem)
	}
}
