package graph

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/rules"
)

// A File is one analysed greyhound file, as the linter left it.
type File struct {
	Path   string
	Result *lint.Result
}

// Graph is the deployment of a set of files: nodes grouped by file, and
// the edges between them (always from the definition to what uses it).
type Graph struct {
	Files []string
	Nodes []*Node
	Edges []*Edge
}

// A Node is a definition (or the name a broken reference gives, when
// nothing defines it). Its ID is generated ("n3"), never user text.
type Node struct {
	ID      string
	Kind    string // build, service, job, rule, configmap, shared volume, application, environment
	Name    string // as the user wrote it: escaped by each writer
	Detail  string // a rule's hostnames
	File    int    // index in Graph.Files
	Missing bool   // named by a broken reference and defined nowhere
}

// An Edge goes from a definition to what refers to it.
type Edge struct {
	From, To *Node
	Labels   []string // what the reference says: a key, a mount path, an alias, removed services
	Broken   bool     // a reference rule reported it
}

// Label is the edge's labels joined.
func (e *Edge) Label() string { return strings.Join(e.Labels, "; ") }

// Kinds, in the order of the layers they are drawn in.
const (
	kindBuild       = "build"
	kindConfigMap   = "configmap"
	kindRule        = "rule"
	kindApplication = "application"
	kindVolume      = "shared volume"
	kindEnvironment = "environment"
	kindService     = "service"
	kindJob         = "job"
)

// layer is the row a kind is drawn in: every edge goes down.
func layer(kind string) int {
	switch kind {
	case kindVolume, kindEnvironment:
		return 1
	case kindService, kindJob:
		return 2
	}
	return 0
}

// referenceRules are the rules whose findings mark a reference broken:
// the "unresolved" of rules/reference.go.
var referenceRules = []*lint.Rule{
	rules.UnknownBuild, rules.UnknownService, rules.UnknownConfigmap, rules.UnknownClaim,
	rules.UnknownVolumeSource, rules.UnknownApplication, rules.UnknownRemovedApplication,
}

// New draws the files, in the order given.
func New(files []File) *Graph {
	g := &Graph{}
	for _, f := range files {
		if f.Result == nil || f.Result.Doc == nil {
			continue
		}
		g.Files = append(g.Files, f.Path)
		g.add(len(g.Files)-1, f.Result)
	}
	return g
}

// builder draws one file.
type builder struct {
	g       *Graph
	file    int
	doc     *lint.Document
	m       *model.Model
	defs    map[*yaml.Node]*Node         // a definition's mapping -> its node
	refs    map[*yaml.Node]*model.Symbol // a reference -> the symbol it names (the index)
	broken  map[lint.Range]bool          // ranges a reference rule reported
	missing map[string]*Node             // kind + name -> the node of an undefined name
	edges   map[[2]*Node]*Edge
	imports map[*yaml.Node]*yaml.Node // an alias -> the name it imports
}

func (g *Graph) add(file int, res *lint.Result) {
	m := model.FromResult(res)
	b := &builder{g: g, file: file, doc: res.Doc, m: m, defs: map[*yaml.Node]*Node{}, refs: map[*yaml.Node]*model.Symbol{},
		broken: map[lint.Range]bool{}, missing: map[string]*Node{}, edges: map[[2]*Node]*Edge{}}
	for _, s := range m.Symbols {
		for _, r := range s.Refs {
			if b.refs[r] == nil {
				b.refs[r] = s
			}
		}
	}
	for _, d := range res.Diagnostics {
		if slices.ContainsFunc(referenceRules, func(r *lint.Rule) bool { return r.ID == d.Rule }) {
			b.broken[d.Range] = true
		}
	}
	def := func(kind string, e *model.Entry) *Node {
		name, ok := e.Name.Str()
		if !ok {
			return nil // a definition with no name is never referred to
		}
		n := b.node(kind, name, false)
		b.defs[e.Node] = n
		return n
	}
	for _, x := range m.Builds {
		def(kindBuild, &x.Entry)
	}
	for _, x := range m.ConfigMaps {
		def(kindConfigMap, &x.Entry)
	}
	for _, x := range m.Applications {
		def(kindApplication, &x.Entry)
	}
	for _, x := range m.SharedVolumes {
		def(kindVolume, &x.Entry)
	}
	for _, x := range m.Environments {
		def(kindEnvironment, &x.Entry)
	}
	for _, x := range m.Services {
		def(kindService, &x.Entry)
	}
	for _, x := range m.Jobs {
		def(kindJob, &x.Entry)
	}

	for _, w := range m.Workloads() {
		to := b.defs[w.Node]
		b.link(w.ImageFromBuild.Value, kindBuild, to, "")
		for _, v := range w.Volumes {
			b.link(v.Claim.Value, kindVolume, to, v.MountPath.String())
		}
	}
	for _, r := range m.ConfigMapRefs() {
		label := "envFrom"
		if r.Key.Value != nil {
			label = r.Key.String()
		}
		b.link(r.Name.Value, kindConfigMap, b.defs[r.Owner.Node], label)
	}
	for _, v := range m.SharedVolumes {
		b.link(v.Source.Value, kindConfigMap, b.defs[v.Node], "source")
	}
	for _, r := range m.Rules {
		var hosts []string
		for _, h := range r.HostList {
			if s, ok := lint.Str(h); ok {
				hosts = append(hosts, s)
			}
		}
		path := r.Path.String()
		if path == "" {
			path = "/"
		}
		rule := b.node(kindRule, path, false)
		rule.Detail = strings.Join(hosts, ", ")
		// The rule points at the service: it is the rule that refers.
		if svc, broken := b.resolve(r.Service.Value, kindService); svc != nil {
			b.edge(rule, svc, "", broken)
		}
	}
	for _, env := range m.Environments {
		to := b.defs[env.Node]
		for _, im := range env.Imports {
			label := ""
			if a := im.Alias.String(); a != "" {
				label = "as " + a
			}
			b.link(im.Name.Value, kindApplication, to, label)
		}
		for _, r := range env.Removals() {
			var names []string
			for _, n := range r.Names {
				names = append(names, n.Value)
			}
			b.link(r.App, kindApplication, to, "removes "+strings.Join(names, ", "))
		}
	}
}

func (b *builder) node(kind, name string, missing bool) *Node {
	n := &Node{ID: fmt.Sprintf("n%d", len(b.g.Nodes)), Kind: kind, Name: name, File: b.file, Missing: missing}
	b.g.Nodes = append(b.g.Nodes, n)
	return n
}

// resolve returns the node a reference names: the definition the symbol
// index attaches it to (an alias: the application it imports), or, for a
// reference a rule reported and nothing defines, a node of its own. It
// returns nil for what is not a judged reference (an absent field, an
// interpolated name).
func (b *builder) resolve(n *yaml.Node, kind string) (*Node, bool) {
	if n == nil {
		return nil, false
	}
	broken := b.broken[b.doc.Range(n)]
	s := b.refs[n]
	if s != nil && s.Kind == model.AliasKind {
		s = b.aliased(s)
	}
	if s != nil && b.defs[s.Item] != nil {
		return b.defs[s.Item], broken
	}
	if !broken {
		return nil, false
	}
	name, _ := lint.Str(n)
	// A name defined as something else (a rule routing to a job): the
	// red edge goes to that definition, as the rule's message says.
	for _, o := range b.m.DefinedAs(name, 0) {
		if d := b.defs[o.Item]; d != nil {
			return d, true
		}
	}
	key := kind + "\x00" + name
	if b.missing[key] == nil {
		b.missing[key] = b.node(kind, name, true)
	}
	return b.missing[key], true
}

// aliased returns the application symbol an alias stands for: the import
// that declares the alias, resolved through the index.
func (b *builder) aliased(alias *model.Symbol) *model.Symbol {
	if b.imports == nil { // once, not once per alias: a file may hold thousands
		b.imports = map[*yaml.Node]*yaml.Node{}
		for _, env := range b.m.Environments {
			for _, im := range env.Imports {
				if im.Alias.Value != nil {
					b.imports[im.Alias.Value] = im.Name.Value
				}
			}
		}
	}
	return b.refs[b.imports[alias.Def]]
}

// link draws the edge from what reference n names to the node that holds
// it (nil: an unnamed owner, not drawn).
func (b *builder) link(n *yaml.Node, kind string, to *Node, label string) {
	if to == nil {
		return
	}
	if from, broken := b.resolve(n, kind); from != nil {
		b.edge(from, to, label, broken)
	}
}

// edge adds an edge, or a label to the one already between the nodes.
func (b *builder) edge(from, to *Node, label string, broken bool) {
	e := b.edges[[2]*Node{from, to}]
	if e == nil {
		e = &Edge{From: from, To: to}
		b.edges[[2]*Node{from, to}] = e
		b.g.Edges = append(b.g.Edges, e)
	}
	e.Broken = e.Broken || broken
	if label != "" && !slices.Contains(e.Labels, label) {
		e.Labels = append(e.Labels, label)
	}
}
