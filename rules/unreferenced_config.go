package rules

import (
	"github.com/greylint/greylint/lint"
	"go.yaml.in/yaml/v3"
)

var UnreferencedConfig = &lint.Rule{
	CrossFile: true,
	ID:        "unreferenced-config",
	Summary:   "a config file in .greyhound/ that no application of this repository uses",
	Severity:  lint.Info,
	Kinds:     []lint.Kind{lint.KindConfig},
	Run:       runUnreferencedConfig,
}

func runUnreferencedConfig(p *lint.Pass) {
	ws := p.File.Workspace
	if ws == nil || p.Doc.Root == nil {
		return
	}
	if n, known := ws.Referrers(p.File.Path); !known || n > 0 {
		return
	}
	at := p.Doc.Root
	if at.Kind == yaml.MappingNode && len(at.Content) > 0 {
		at = at.Content[0]
	}
	p.Reportf(p.Doc.Range(at), "no application of this repository in its applications file uses this file (config_source, or the default %s), so greyhound never reads it; point an application's config_source at it, or delete it", defaultConfigSource)
}
