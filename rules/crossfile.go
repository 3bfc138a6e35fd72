package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// The cross-file rules look at other files through the file's Workspace
// (nil when it is checked alone: they are then silent). An application
// whose repository greylint cannot see is never judged: the docs allow
// anything there.

const defaultConfigSource = ".greyhound/config.yaml"

// configOf is where an application's config lives: its repository, the
// path in it, and the node to point at (config_source, or the application's
// name when config_source is absent). ok is false when the path cannot be
// followed (interpolated, invalid: invalid-config-source reports those).
func configOf(p *lint.Pass, a *model.Application) (repo, rel string, at *yaml.Node, ok bool) {
	repo, isStr := a.Repository.Str()
	if !isStr || repo == "" || strings.Contains(repo, "${") {
		return "", "", nil, false
	}
	rel, at = defaultConfigSource, a.Name.Value
	if a.ConfigSource.Value != nil {
		s, isStr := a.ConfigSource.Str()
		if !isStr {
			return "", "", nil, false
		}
		rel, at = s, a.ConfigSource.Value
	}
	if at == nil {
		at = a.Node
	}
	return repo, rel, at, true
}

// appConfig is an application whose repository greylint can see, with its
// config file there (nil when it does not exist).
type appConfig struct {
	app       *model.Application
	repo, rel string
	at        *yaml.Node // what a finding about the config points at
	file      *lint.WorkspaceFile
}

// appConfigs returns the applications of the file whose config greylint
// can look for; nil without a workspace.
func appConfigs(p *lint.Pass) []appConfig {
	ws := p.File.Workspace
	if ws == nil {
		return nil
	}
	var out []appConfig
	for _, a := range model.Of(p).Applications {
		repo, rel, at, ok := configOf(p, a)
		if !ok {
			continue
		}
		f, visible := ws.Open(repo, rel)
		if !visible {
			continue
		}
		out = append(out, appConfig{app: a, repo: repo, rel: rel, at: at, file: f})
	}
	return out
}
