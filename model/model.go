package model

import (
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// Model is one greyhound file as Go values. Every section of both file
// kinds is read whatever the file's kind (a rule decides what applies);
// an entry that is not a mapping is left out of its list, and a field
// that is absent has nil nodes, so a partial document (a broken parse's
// last good text, a fragment) gives a partial model.
type Model struct {
	Doc *lint.Document

	// config.yaml
	Builds        []*Build
	Services      []*Workload
	Jobs          []*Workload
	Rules         []*Rule
	ConfigMaps    []*ConfigMap
	SharedVolumes []*SharedVolume

	// applications.yaml
	Applications []*Application
	Environments []*Environment

	// Symbols indexes the definitions and the references that name them.
	Symbols  []*Symbol
	byName   map[string][]*Symbol
	dangling map[Kind]bool // kinds a reference names no definition of

	readers  map[*yaml.Node]Reader  // ReaderOf
	scriptMu sync.Mutex             // rules of a large file ask from several goroutines
	scripts  map[*yaml.Node]*Script // Script: each parsed when first asked for
}

// Field is a key of a mapping and its value as written (an alias stays an
// alias); both are nil when the key is absent.
type Field struct{ Key, Value *yaml.Node }

// Str returns the value when it is a string scalar (through an alias).
func (f Field) Str() (string, bool) { return lint.Str(f.Value) }

// String returns the string value, or "".
func (f Field) String() string { s, _ := f.Str(); return s }

// Resolved returns the value with aliases followed.
func (f Field) Resolved() *yaml.Node { return lint.Resolve(f.Value) }

// field reads key of mapping m (through an alias) as a loader does: a
// duplicated key gives the last value, and a key m lacks is looked up in
// what "<<" merges in, so every rule sees the same merged mapping as the
// schema check. The nodes are where the value is written (in the anchored
// mapping for a merged one), so findings point at the source.
func field(m *yaml.Node, key string) Field {
	k, v := lint.MergedGet(m, key)
	return Field{k, v}
}

// mappings returns the mapping entries of the list under key of m, key
// looked up as field does.
func mappings(m *yaml.Node, key string) []*yaml.Node { return lint.MergedMappings(m, key) }

// Entry is a list entry that has a name: a build, a service, a job, a
// configmap, a shared volume, an application or an environment.
type Entry struct {
	Item *yaml.Node // the entry as written (may be an alias)
	Node *yaml.Node // the entry's mapping
	Name Field
}

// NameString returns the entry's name, or "" when it has no string name.
func (e *Entry) NameString() string { return e.Name.String() }

// Named reports whether the entry has a string name.
func (e *Entry) Named() bool { _, ok := e.Name.Str(); return ok }

// Kind is what a definition or an owner is.
type Kind int

const (
	BuildKind Kind = iota + 1
	ServiceKind
	JobKind
	ConfigMapKind
	SharedVolumeKind
	ApplicationKind
	EnvironmentKind
	AliasKind // an application alias in an environment
)

var kindNames = [...]string{"", "build", "service", "job", "configmap", "shared volume", "application", "environment", "alias"}

// kindSections are the sections that hold the definitions of each kind.
var kindSections = [...]*lint.Section{nil, lint.Builds, lint.Services, lint.Jobs, lint.ConfigMaps, lint.SharedVolumes, lint.Applications, lint.Environments, nil}

// Section returns the section that holds definitions of kind k (nil for an
// alias, which an environment defines).
func (k Kind) Section() *lint.Section {
	if int(k) < len(kindSections) {
		return kindSections[k]
	}
	return nil
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Owner is what owns an env list: a build, a service or a job.
type Owner struct {
	Entry
	Kind    Kind
	Env     []*EnvVar
	EnvFrom []*EnvFrom
}

// String names the owner in messages: service "api", or service.
func (o *Owner) String() string {
	if s := o.NameString(); s != "" {
		return fmt.Sprintf("%s %q", o.Kind, s)
	}
	return o.Kind.String()
}

// Build is an entry of builds.
type Build struct {
	Owner
	Dockerfile         Field
	Target             Field
	ServiceAccountName Field
	Secrets            []*BuildSecret
}

// BuildSecret is an entry of a build's secrets.
type BuildSecret struct {
	Node       *yaml.Node
	SecretName Field
}

// Workload is a service or a job.
type Workload struct {
	Owner
	ImageFromBuild Field
	Image          Field
	Ports          Field   // the ports list as written
	PortList       []*Port // its entries that are mappings
	Volumes        []*VolumeMount
	Resources      Field
	Parallelism    Field
	Completions    Field
	Suspend        Field
	Command        Field
	Args           Field
}

// Port is an entry of a service's ports.
type Port struct {
	Node          *yaml.Node
	ContainerPort Field
	Protocol      Field
}

// VolumeMount is an entry of a workload's volumes.
type VolumeMount struct {
	Node      *yaml.Node
	Name      Field
	MountPath Field
	Claim     Field
}

// EnvVar is an entry of an env list.
type EnvVar struct {
	Node            *yaml.Node
	Name            Field
	Value           Field
	ValueFrom       Field
	ConfigMapKeyRef *Ref // valueFrom.configMapKeyRef, or nil
	SecretKeyRef    *Ref // valueFrom.secretKeyRef, or nil
}

// EnvFrom is an entry of an envFrom list.
type EnvFrom struct {
	Node         *yaml.Node
	ConfigMapRef *Ref // or nil
	SecretRef    *Ref // or nil
	Prefix       Field
}

// Ref is a configMapKeyRef, a secretKeyRef or a configMapRef.
type Ref struct {
	Node     *yaml.Node
	Name     Field
	Key      Field // absent for configMapRef
	Optional Field
}

// IsOptional reports whether the reference says optional: true.
func (r *Ref) IsOptional() bool { return IsTrue(r.Optional.Value) }

// IsTrue reports whether n is the boolean true (through an alias).
func IsTrue(n *yaml.Node) bool {
	n = lint.Resolve(n)
	return n != nil && n.ShortTag() == "!!bool" && n.Value == "true"
}

// Rule is an entry of rules (an ingress route).
type Rule struct {
	Node        *yaml.Node
	Service     Field
	Path        Field
	Visibility  Field
	ReadTimeout Field
	Hostnames   Field
	HostList    []*yaml.Node // the entries of hostnames as written
}

// ConfigMap is an entry of configmaps.
type ConfigMap struct {
	Entry
	Data Field
}

// SharedVolume is an entry of shared_volumes.
type SharedVolume struct {
	Entry
	Type   Field
	Source Field
}

// Application is an entry of applications.
type Application struct {
	Entry
	Repository     Field
	Branch         Field
	Tag            Field
	DefaultCluster Field
	ConfigSource   Field
}

// Environment is an entry of environments.
type Environment struct {
	Entry
	Cluster          Field
	FromApplications Field
	Imports          []*Import
	RemovedServices  Field
	// Partial is set when an import is malformed (not a mapping with a
	// name): checks that need the full list of imports skip the
	// environment.
	Partial bool
}

// String names the environment in messages.
func (e *Environment) String() string {
	if s := e.NameString(); s != "" {
		return fmt.Sprintf("environment %q", s)
	}
	return "environment"
}

// Import is an entry of an environment's from_applications.
type Import struct {
	Node  *yaml.Node
	Name  Field
	Alias Field
}

// Of returns the model of the file a rule is checking, built once per run
// and shared by every rule (and by the language server, through the run's
// Result).
func Of(p *lint.Pass) *Model {
	return p.Shared(sharedKey, func() any { return New(p.Doc) }).(*Model)
}

// FromResult returns the model of an analysed file: the one its rules used
// when they ran, or a new one.
func FromResult(r *lint.Result) *Model {
	return r.Shared(sharedKey, func() any { return New(r.Doc) }).(*Model)
}

const sharedKey = "model"

// New builds the model of a parsed document (a nil Root gives an empty
// model).
func New(doc *lint.Document) *Model {
	m := &Model{Doc: doc}
	if doc == nil || doc.Root == nil {
		return m
	}
	root := doc.Root
	for _, e := range entries(root, lint.Builds.Key) {
		b := &Build{Owner: owner(e, BuildKind), Dockerfile: field(e.Node, "dockerfile"), Target: field(e.Node, "target"),
			ServiceAccountName: field(e.Node, "service_account_name")}
		for _, s := range mappings(e.Node, "secrets") {
			b.Secrets = append(b.Secrets, &BuildSecret{Node: s, SecretName: field(s, "secretName")})
		}
		m.Builds = append(m.Builds, b)
	}
	for _, e := range entries(root, lint.Services.Key) {
		m.Services = append(m.Services, workload(e, ServiceKind))
	}
	for _, e := range entries(root, lint.Jobs.Key) {
		m.Jobs = append(m.Jobs, workload(e, JobKind))
	}
	for _, r := range mappings(root, lint.Routes.Key) {
		rule := &Rule{Node: r, Service: field(r, "service"), Path: field(r, "path"), Visibility: field(r, "visibility"),
			ReadTimeout: field(r, "read_timeout"), Hostnames: field(r, "hostnames")}
		rule.HostList = lint.Items(rule.Hostnames.Value)
		m.Rules = append(m.Rules, rule)
	}
	for _, e := range entries(root, lint.ConfigMaps.Key) {
		m.ConfigMaps = append(m.ConfigMaps, &ConfigMap{Entry: *e, Data: field(e.Node, "data")})
	}
	for _, e := range entries(root, lint.SharedVolumes.Key) {
		m.SharedVolumes = append(m.SharedVolumes, &SharedVolume{Entry: *e, Type: field(e.Node, "type"), Source: field(e.Node, "source")})
	}
	for _, e := range entries(root, lint.Applications.Key) {
		m.Applications = append(m.Applications, &Application{Entry: *e, Repository: field(e.Node, "repository"),
			Branch: field(e.Node, "branch"), Tag: field(e.Node, "tag"),
			DefaultCluster: field(e.Node, "default_cluster"), ConfigSource: field(e.Node, "config_source")})
	}
	for _, e := range entries(root, lint.Environments.Key) {
		m.Environments = append(m.Environments, environment(e))
	}
	m.readReaders()
	m.Symbols = m.index()
	m.byName = make(map[string][]*Symbol, len(m.Symbols))
	for _, s := range m.Symbols {
		m.byName[s.Name] = append(m.byName[s.Name], s)
	}
	return m
}

// Workloads returns the services, then the jobs.
func (m *Model) Workloads() []*Workload {
	out := make([]*Workload, 0, len(m.Services)+len(m.Jobs))
	return append(append(out, m.Services...), m.Jobs...)
}

// Owners returns every env owner: the builds, then the services and jobs.
func (m *Model) Owners() []*Owner {
	out := make([]*Owner, 0, len(m.Builds)+len(m.Services)+len(m.Jobs))
	for _, b := range m.Builds {
		out = append(out, &b.Owner)
	}
	for _, w := range m.Workloads() {
		out = append(out, &w.Owner)
	}
	return out
}

// entries returns the mapping entries of a top-level list section.
func entries(root *yaml.Node, section string) []*Entry {
	_, list := lint.MergedGet(root, section) // a loader resolves "<<" at the top level too
	var out []*Entry
	for _, item := range lint.Items(list) {
		n := lint.Resolve(item)
		if n.Kind != yaml.MappingNode {
			continue
		}
		out = append(out, &Entry{Item: item, Node: n, Name: field(n, "name")})
	}
	return out
}

func owner(e *Entry, k Kind) Owner {
	o := Owner{Entry: *e, Kind: k}
	for _, ev := range mappings(e.Node, "env") {
		v := &EnvVar{Node: ev, Name: field(ev, "name"), Value: field(ev, "value"), ValueFrom: field(ev, "valueFrom")}
		v.ConfigMapKeyRef = ref(field(v.ValueFrom.Value, "configMapKeyRef").Value)
		v.SecretKeyRef = ref(field(v.ValueFrom.Value, "secretKeyRef").Value)
		o.Env = append(o.Env, v)
	}
	for _, ef := range mappings(e.Node, "envFrom") {
		o.EnvFrom = append(o.EnvFrom, &EnvFrom{Node: ef, ConfigMapRef: ref(field(ef, "configMapRef").Value),
			SecretRef: ref(field(ef, "secretRef").Value), Prefix: field(ef, "prefix")})
	}
	return o
}

func ref(n *yaml.Node) *Ref {
	if n == nil {
		return nil
	}
	return &Ref{Node: n, Name: field(n, "name"), Key: field(n, "key"), Optional: field(n, "optional")}
}

func workload(e *Entry, k Kind) *Workload {
	n := e.Node
	w := &Workload{Owner: owner(e, k), ImageFromBuild: field(n, "image_from_build"), Image: field(n, "image"),
		Ports: field(n, "ports"), Resources: field(n, "resources"), Parallelism: field(n, "parallelism"),
		Completions: field(n, "completions"), Suspend: field(n, "suspend"), Command: field(n, "command"), Args: field(n, "args")}
	for _, p := range mappings(n, "ports") {
		w.PortList = append(w.PortList, &Port{Node: p, ContainerPort: field(p, "containerPort"), Protocol: field(p, "protocol")})
	}
	for _, v := range mappings(n, "volumes") {
		w.Volumes = append(w.Volumes, &VolumeMount{Node: v, Name: field(v, "name"), MountPath: field(v, "mount_path"), Claim: field(v, "claim")})
	}
	return w
}

func environment(e *Entry) *Environment {
	env := &Environment{Entry: *e, Cluster: field(e.Node, "cluster"), FromApplications: field(e.Node, "from_applications"),
		RemovedServices: field(e.Node, "removed_services")}
	for _, f := range lint.Items(env.FromApplications.Value) {
		if f = lint.Resolve(f); f.Kind != yaml.MappingNode {
			env.Partial = true
			continue
		}
		im := &Import{Node: f, Name: field(f, "name"), Alias: field(f, "alias")}
		if im.Name.String() == "" {
			env.Partial = true
		}
		env.Imports = append(env.Imports, im)
	}
	return env
}

// ResourceList returns the requests or limits mapping of an owner's
// resources (through merges), or nil.
func (o *Owner) ResourceList(kind string) *yaml.Node {
	res := field(o.Node, "resources")
	l := field(res.Value, kind).Resolved()
	if l == nil || l.Kind != yaml.MappingNode {
		return nil
	}
	return l
}

// Pairs returns the key and value nodes of a mapping value as a loader sees
// them, merges included (lint.MergedPairs); nil for anything else.
func (f Field) Pairs() [][2]*yaml.Node { return lint.MergedPairs(f.Value) }

// Removal is one entry of an environment's removed_services: the
// application it names (the key: an imported name or alias) and the
// service names under its services: (one string or a list).
type Removal struct {
	App   *yaml.Node
	Names []*yaml.Node
}

// Removals returns the environment's removed_services entries.
func (e *Environment) Removals() []Removal {
	var out []Removal
	for _, kv := range e.RemovedServices.Pairs() {
		r := Removal{App: kv[0]}
		_, services := lint.MergedGet(kv[1], "services")
		services = lint.Resolve(services)
		switch {
		case services == nil:
		case services.Kind == yaml.ScalarNode:
			r.Names = []*yaml.Node{services}
		default:
			for _, it := range lint.Items(services) {
				if n := lint.Resolve(it); n != nil && n.Kind == yaml.ScalarNode {
					r.Names = append(r.Names, n)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// Imported maps the names an environment imports applications by (their
// names and aliases) to the application names.
func (e *Environment) Imported() map[string]string {
	out := map[string]string{}
	for _, im := range e.Imports {
		out[im.Name.String()] = im.Name.String()
		if al := im.Alias.String(); al != "" {
			out[al] = im.Name.String()
		}
	}
	return out
}
