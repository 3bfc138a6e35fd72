package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// A Symbol is a named definition of a file and the places that refer to
// it by name. The language server answers definition, references and
// rename from these.
type Symbol struct {
	Kind  string     // build, service, job, configmap, shared volume, application, alias
	Name  string     // the defined name
	Def   *yaml.Node // the scalar holding the name
	Item  *yaml.Node // the defining mapping
	Refs  []*yaml.Node
	Scope *yaml.Node // for an alias: the environment it belongs to
}

// Symbols indexes the definitions of a document and their references.
// References that name nothing are not attached (unknown-* rules report
// them).
func Symbols(doc *lint.Document) []*Symbol {
	if doc == nil || doc.Root == nil {
		return nil
	}
	var out []*Symbol
	byName := func(kind, section string) map[string]*Symbol {
		m := map[string]*Symbol{}
		for _, d := range definitions(doc, section) {
			if _, dup := m[d.Name]; dup {
				continue
			}
			s := &Symbol{Kind: kind, Name: d.Name, Def: d.NameNode, Item: lint.Resolve(d.Item)}
			m[d.Name] = s
			out = append(out, s)
		}
		return m
	}
	ref := func(m map[string]*Symbol, n *yaml.Node) {
		if name, ok := lint.Str(n); ok {
			if s := m[name]; s != nil {
				s.Refs = append(s.Refs, n)
			}
		}
	}
	builds := byName("build", "builds")
	services := byName("service", "services")
	byName("job", "jobs")
	configmaps := byName("configmap", "configmaps")
	volumes := byName("shared volume", "shared_volumes")
	apps := byName("application", "applications")

	for _, w := range workloads(doc) {
		ref(builds, lint.Get(w.Node, "image_from_build"))
		for _, v := range lint.Mappings(w.Node, "volumes") {
			ref(volumes, lint.Get(v, "claim"))
		}
	}
	for _, r := range lint.Mappings(doc.Root, "rules") {
		ref(services, lint.Get(r, "service"))
	}
	for _, r := range configmapRefs(doc) {
		ref(configmaps, r.Name)
	}
	for _, v := range lint.Mappings(doc.Root, "shared_volumes") {
		if t, _ := lint.Str(lint.Get(v, "type")); t == "configmap" {
			ref(configmaps, lint.Get(v, "source"))
		}
	}
	for _, env := range environments(doc) {
		aliases := map[string]*Symbol{}
		for _, im := range env.Imports {
			ref(apps, im.NameNode)
			if im.Alias != "" {
				a := &Symbol{Kind: "alias", Name: im.Alias, Def: im.AliasNode, Item: env.Node, Scope: env.Node}
				aliases[im.Alias] = a
				out = append(out, a)
			}
		}
		removed := lint.Resolve(lint.Get(env.Node, "removed_services"))
		if removed == nil || removed.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(removed.Content); i += 2 {
			k := removed.Content[i]
			if a := aliases[k.Value]; a != nil {
				a.Refs = append(a.Refs, k)
			} else {
				ref(apps, k)
			}
		}
	}
	return out
}
