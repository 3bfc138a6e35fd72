package rules

import (
	"fmt"
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

// greyhoundConfig reports whether a parsed file reads as a greyhound
// config: a mapping with one of its sections (or an empty file, which
// greyhound reads as a config without workloads), and not an
// applications file.
func greyhoundConfig(f *lint.WorkspaceFile) (bool, string) {
	if f.Kind == lint.KindApplications {
		return false, "it is an applications file"
	}
	root := f.Doc.Root
	if root == nil {
		return true, "" // empty, or broken: its own findings say so
	}
	if root.Kind != yaml.MappingNode {
		return false, "it is not a mapping of greyhound sections"
	}
	if len(root.Content) == 0 || lint.LooksLikeGreyhound(root) {
		return true, ""
	}
	keys := []string{}
	for i := 0; i+1 < len(root.Content) && len(keys) < 3; i += 2 {
		keys = append(keys, root.Content[i].Value)
	}
	return false, fmt.Sprintf("its top-level keys (%q) are none of builds, services, jobs, rules, configmaps, shared_volumes", strings.Join(keys, ", "))
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
