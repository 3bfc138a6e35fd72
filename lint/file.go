package lint

import (
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kind is the kind of greyhound file.
type Kind int

const (
	KindUnknown      Kind = iota
	KindConfig            // .greyhound/config.yaml: builds, services, jobs, ...
	KindApplications      // .greyhound/applications.yaml: applications, environments
	KindGreylint          // .greylint.yaml: greylint's own configuration
)

func (k Kind) String() string {
	switch k {
	case KindConfig:
		return "config"
	case KindApplications:
		return "applications"
	case KindGreylint:
		return "greylint"
	}
	return "unknown"
}

// ParseKind accepts "config" and "applications".
func ParseKind(s string) (Kind, bool) {
	switch s {
	case "config":
		return KindConfig, true
	case "applications":
		return KindApplications, true
	}
	return KindUnknown, false
}

// File is one file to lint.
type File struct {
	Path   string // as given by the user; used in messages and for kind detection
	Kind   Kind   // KindUnknown: detect from Path and content
	Source []byte
	// Workspace, when set, lets cross-file rules look at other files.
	Workspace Workspace
}

// KindFromPath applies the path part of kind detection: applications.yaml
// and applications.yml are applications files; any other file inside a
// .greyhound directory is a config file (config_source may name e.g.
// .greyhound/api-config.yaml). Elsewhere the kind is unknown until the
// content is seen.
func KindFromPath(path string) Kind {
	base := strings.ToLower(filepath.Base(path))
	if base == "applications.yaml" || base == "applications.yml" {
		return KindApplications
	}
	if filepath.Base(filepath.Dir(filepath.Clean(path))) == ".greyhound" {
		return KindConfig
	}
	return KindUnknown
}

// LooksLikeGreyhound reports whether a document's top-level keys include
// one of greyhound's sections: an untitled buffer is a greyhound file
// when it does (a Kubernetes manifest or a compose file does not).
func LooksLikeGreyhound(root *yaml.Node) bool {
	if root == nil || root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if SectionOf(root.Content[i].Value) != nil {
			return true
		}
	}
	return false
}

// kubernetesManifest returns the value node of kind when a document's top
// level has apiVersion and kind, as every Kubernetes manifest does, and
// none of greyhound's sections.
func kubernetesManifest(root *yaml.Node) *yaml.Node {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	var api, kind *yaml.Node
	for _, kv := range MergedPairs(root) { // a loader resolves "<<" at the top too
		switch kv[0].Value {
		case "apiVersion":
			api = Resolve(kv[1])
		case "kind":
			kind = Resolve(kv[1])
		case "applications", "environments", "builds", "services", "jobs", "rules", "configmaps", "shared_volumes":
			return nil
		}
	}
	if api == nil || kind == nil || api.Kind != yaml.ScalarNode || kind.Kind != yaml.ScalarNode {
		return nil
	}
	return kind
}

// KindFromContent classifies a file found elsewhere by its top-level keys: a
// mapping with applications or environments and none of the config sections
// is an applications file; everything else is checked as a config file.
func KindFromContent(root *yaml.Node) Kind {
	if root == nil || root.Kind != yaml.MappingNode {
		return KindConfig
	}
	apps := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		if s := SectionOf(root.Content[i].Value); s != nil {
			if s.Kind == KindConfig {
				return KindConfig
			}
			apps = true
		}
	}
	if apps {
		return KindApplications
	}
	return KindConfig
}
