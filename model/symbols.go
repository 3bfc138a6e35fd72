package model

import (
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// A Symbol is a named definition of a file and the places that refer to
// it by name. The language server answers definition, references and
// rename from these.
type Symbol struct {
	Kind  Kind
	Name  string     // the defined name
	Def   *yaml.Node // the scalar holding the name
	Item  *yaml.Node // the defining mapping
	Refs  []*yaml.Node
	Scope *yaml.Node // for an alias: the environment it belongs to

	// The definition as a typed value: the one field that matches Kind
	// is set (none for an alias).
	Build        *Build
	Workload     *Workload // a service or a job
	ConfigMap    *ConfigMap
	SharedVolume *SharedVolume
	Application  *Application
}

// ConfigMapRef is a reference to a configmap by name: a configMapKeyRef
// (with its key) or an envFrom configMapRef.
type ConfigMapRef struct {
	Owner *Owner
	*Ref
}

// ConfigMapRefs returns every reference to a configmap by name from an env
// list, in file order of the owners (configMapKeyRefs, then envFrom).
func (m *Model) ConfigMapRefs() []ConfigMapRef {
	var out []ConfigMapRef
	for _, o := range m.Owners() {
		for _, e := range o.Env {
			if e.ConfigMapKeyRef != nil {
				out = append(out, ConfigMapRef{o, e.ConfigMapKeyRef})
			}
		}
		for _, e := range o.EnvFrom {
			if e.ConfigMapRef != nil {
				out = append(out, ConfigMapRef{o, e.ConfigMapRef})
			}
		}
	}
	return out
}

// Defined returns the named entries of a kind's section, in file order.
func (m *Model) Defined(k Kind) []*Entry {
	var out []*Entry
	switch k {
	case BuildKind:
		out = named(m.Builds, func(x *Build) *Entry { return &x.Entry })
	case ServiceKind:
		out = named(m.Services, func(x *Workload) *Entry { return &x.Entry })
	case JobKind:
		out = named(m.Jobs, func(x *Workload) *Entry { return &x.Entry })
	case ConfigMapKind:
		out = named(m.ConfigMaps, func(x *ConfigMap) *Entry { return &x.Entry })
	case SharedVolumeKind:
		out = named(m.SharedVolumes, func(x *SharedVolume) *Entry { return &x.Entry })
	case ApplicationKind:
		out = named(m.Applications, func(x *Application) *Entry { return &x.Entry })
	case EnvironmentKind:
		out = named(m.Environments, func(x *Environment) *Entry { return &x.Entry })
	}
	return out
}

// named returns the entries of xs that have a name, in order.
func named[T any](xs []*T, entry func(*T) *Entry) []*Entry {
	var out []*Entry
	for _, x := range xs {
		if e := entry(x); e.Named() {
			out = append(out, e)
		}
	}
	return out
}

// Names returns the names of entries.
func Names(es []*Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.NameString()
	}
	return out
}

// index builds the symbols: the first definition of each name, and the
// references that name it. It is the one answer to "what refers to what":
// the server's definition, references and rename, and unused-definition,
// read it. References that name nothing are not attached (the unknown-*
// rules report them); the kinds they were meant for are noted (Dangling).
func (m *Model) index() []*Symbol {
	var out []*Symbol
	// byName indexes the first definition of each name among n entries;
	// entry(i) returns the i-th entry and fills in the typed value.
	byName := func(k Kind, n int, entry func(i int, s *Symbol) *Entry) map[string]*Symbol {
		idx := map[string]*Symbol{}
		for i := range n {
			s := &Symbol{Kind: k}
			e := entry(i, s)
			name, ok := e.Name.Str()
			if _, dup := idx[name]; !ok || dup {
				continue
			}
			s.Name, s.Def, s.Item = name, e.Name.Value, e.Node
			idx[name] = s
			out = append(out, s)
		}
		return idx
	}
	m.dangling = map[Kind]bool{}
	ref := func(k Kind, idx map[string]*Symbol, n *yaml.Node) {
		if name, ok := lint.Str(n); ok {
			if s := idx[name]; s != nil {
				s.Refs = append(s.Refs, n)
			} else {
				m.dangling[k] = true
			}
		}
	}
	builds := byName(BuildKind, len(m.Builds), func(i int, s *Symbol) *Entry { s.Build = m.Builds[i]; return &m.Builds[i].Entry })
	services := byName(ServiceKind, len(m.Services), func(i int, s *Symbol) *Entry { s.Workload = m.Services[i]; return &m.Services[i].Entry })
	byName(JobKind, len(m.Jobs), func(i int, s *Symbol) *Entry { s.Workload = m.Jobs[i]; return &m.Jobs[i].Entry })
	configmaps := byName(ConfigMapKind, len(m.ConfigMaps), func(i int, s *Symbol) *Entry {
		s.ConfigMap = m.ConfigMaps[i]
		return &m.ConfigMaps[i].Entry
	})
	volumes := byName(SharedVolumeKind, len(m.SharedVolumes), func(i int, s *Symbol) *Entry {
		s.SharedVolume = m.SharedVolumes[i]
		return &m.SharedVolumes[i].Entry
	})
	apps := byName(ApplicationKind, len(m.Applications), func(i int, s *Symbol) *Entry {
		s.Application = m.Applications[i]
		return &m.Applications[i].Entry
	})

	for _, w := range m.Workloads() {
		ref(BuildKind, builds, w.ImageFromBuild.Value)
		for _, v := range w.Volumes {
			ref(SharedVolumeKind, volumes, v.Claim.Value)
		}
	}
	for _, r := range m.Rules {
		ref(ServiceKind, services, r.Service.Value)
	}
	for _, r := range m.ConfigMapRefs() {
		ref(ConfigMapKind, configmaps, r.Name.Value)
	}
	// A shared volume's source names a configmap whatever its type:
	// configmap is the only type the format documents, and a volume whose
	// type is mistyped (unknown-volume-type reports it) must not make its
	// configmap unused, nor hide it from references and rename.
	for _, v := range m.SharedVolumes {
		ref(ConfigMapKind, configmaps, v.Source.Value)
	}
	for _, env := range m.Environments {
		aliases := map[string]*Symbol{}
		for _, im := range env.Imports {
			ref(ApplicationKind, apps, im.Name.Value)
			if a := im.Alias.String(); a != "" {
				s := &Symbol{Kind: AliasKind, Name: a, Def: im.Alias.Value, Item: env.Node, Scope: env.Node}
				aliases[a] = s
				out = append(out, s)
			}
		}
		for _, kv := range env.RemovedServices.Pairs() {
			k := kv[0]
			if a := aliases[k.Value]; a != nil {
				a.Refs = append(a.Refs, k)
			} else {
				ref(ApplicationKind, apps, k)
			}
		}
	}
	return out
}

// Symbol returns the symbol of kind k named name (its first definition),
// or nil.
func (m *Model) Symbol(k Kind, name string) *Symbol {
	for _, s := range m.byName[name] {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// Dangling reports whether a reference meant for a definition of kind k
// names none (a typo the unknown-* rules report, or a ${...}).
func (m *Model) Dangling(k Kind) bool { return m.dangling[k] }

// DefinedAs returns the definitions of name of another kind than except
// (a build named where a service is expected, say), from the symbol index.
func (m *Model) DefinedAs(name string, except Kind) []*Symbol {
	var out []*Symbol
	for _, s := range m.byName[name] {
		if s.Kind != except && s.Kind != AliasKind {
			out = append(out, s)
		}
	}
	return out
}
