package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// workload is a service or a job.
type workload struct {
	Kind string // "service" or "job"
	Node *yaml.Node
	Name string // "" when unnamed
}

func (w workload) String() string {
	if w.Name == "" {
		return w.Kind
	}
	return fmt.Sprintf("%s %q", w.Kind, w.Name)
}

// workloads returns the services, then the jobs, in file order.
func workloads(doc *lint.Document) []workload {
	var out []workload
	for _, s := range []struct{ section, kind string }{{"services", "service"}, {"jobs", "job"}} {
		for _, n := range entries(doc, s.section) {
			n = lint.Resolve(n)
			if n.Kind != yaml.MappingNode {
				continue
			}
			_, nameNode := lint.MapGet(n, "name")
			name, _ := lint.Str(nameNode)
			out = append(out, workload{Kind: s.kind, Node: n, Name: name})
		}
	}
	return out
}

// envOwner is a build, service or job with its env list.
type envOwner struct {
	Kind string // "build", "service", "job"
	Name string
	Node *yaml.Node   // the owner's mapping
	Env  []*yaml.Node // the env entries (mappings)
}

func (o envOwner) String() string {
	if o.Name == "" {
		return o.Kind
	}
	return fmt.Sprintf("%s %q", o.Kind, o.Name)
}

// envOwners returns every build, service and job, with its env entries.
func envOwners(doc *lint.Document) []envOwner {
	var out []envOwner
	for _, b := range entries(doc, "builds") {
		b = lint.Resolve(b)
		_, nn := lint.MapGet(b, "name")
		name, _ := lint.Str(nn)
		out = append(out, envOwner{Kind: "build", Name: name, Node: b, Env: lint.Mappings(b, "env")})
	}
	for _, w := range workloads(doc) {
		out = append(out, envOwner{Kind: w.Kind, Name: w.Name, Node: w.Node, Env: lint.Mappings(w.Node, "env")})
	}
	return out
}

// stringValues calls f for every string scalar that is a value (not a
// key) in the document, in order, with the key it belongs to ("" for a
// list entry). Aliases are not followed: their content is checked where it
// is defined.
func stringValues(doc *lint.Document, f func(n *yaml.Node, key string)) {
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], n.Content[i].Value)
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, "")
			}
		case yaml.ScalarNode:
			if n.ShortTag() == "!!str" {
				f(n, key)
			}
		}
	}
	if doc.Root != nil {
		walk(doc.Root, "")
	}
}

// subRange locates the text part, found at byte index idx of the scalar's
// value, in the source: the first occurrence of part in the node's source
// text at or after the same number of earlier occurrences. When the source
// spells the value differently (escapes, folding) it falls back to the
// whole node.
func subRange(doc *lint.Document, n *yaml.Node, idx int, part string) lint.Range {
	r := doc.Range(n)
	src := doc.Text(r)
	nth := strings.Count(n.Value[:idx], part)
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], part)
		if j < 0 {
			return r
		}
		if i == nth {
			return lint.Range{Start: r.Start + off + j, End: r.Start + off + j + len(part)}
		}
		off += j + len(part)
	}
}

func related(doc *lint.Document, defs []definition, noun string) []lint.Related {
	var out []lint.Related
	for _, d := range defs {
		out = append(out, lint.Related{Range: doc.Range(d.NameNode), Message: fmt.Sprintf("%s %q defined here", noun, d.Name)})
	}
	return out
}
