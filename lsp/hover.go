package lsp

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/schema"
)

// hit is the scalar under a position.
type hit struct {
	node  *yaml.Node
	isKey bool
	path  []string // instance path of the value (a key's path ends with it)
}

// nodeAt finds the key or scalar value at off (its end included, so a
// cursor just after a word still hits it).
func nodeAt(doc *lint.Document, off int) *hit {
	if doc == nil || doc.Root == nil {
		return nil
	}
	in := func(n *yaml.Node) bool { r := doc.Range(n); return r.Start <= off && off <= r.End }
	var walk func(n *yaml.Node, path []string) *hit
	walk = func(n *yaml.Node, path []string) *hit {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := append(append([]string(nil), path...), k.Value)
				if in(k) {
					return &hit{node: k, isKey: true, path: p}
				}
				if in(v) {
					if h := walk(v, p); h != nil {
						return h
					}
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if in(c) {
					if h := walk(c, append(append([]string(nil), path...), strconv.Itoa(i))); h != nil {
						return h
					}
				}
			}
		case yaml.ScalarNode, yaml.AliasNode:
			if in(n) {
				return &hit{node: n, path: path}
			}
		}
		return nil
	}
	return walk(doc.Root, nil)
}

// Hover explains the field under the cursor (type, allowed values,
// default, documentation status), the definition a reference names, an
// enum value, or a ${...} variable.
func (s *Server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return nil, nil
	}
	off := sn.offset(params.Position)
	h := nodeAt(sn.doc, off)
	if h == nil {
		return sn.hoverFromText(off), nil
	}
	r := sn.rng(sn.doc.Range(h.node))
	text := ""
	sch := schema.Get(sn.kind.String())
	switch {
	case h.isKey:
		// A removed_services key names an application or an alias:
		// described as definition and references take it.
		if sym := symbolFor(sn.model(sn.doc).Symbols, h.node); sym != nil {
			text = summary(sn.doc, sym)
			break
		}
		if f, ok := sch.Field(h.path); ok {
			text = fieldDoc(f)
		}
	default:
		if v, pr, ok := variableAt(sn.doc, h.node, off); ok {
			text, r = v, sn.rng(pr)
			break
		}
		if sym := symbolFor(sn.model(sn.doc).Symbols, h.node); sym != nil {
			text = summary(sn.doc, sym)
			break
		}
		if f, ok := sch.Field(h.path); ok {
			if d := f.EnumDocs[h.node.Value]; d != "" {
				text = fmt.Sprintf("`%s`: %s", h.node.Value, d)
			}
		}
	}
	if text == "" {
		return nil, nil
	}
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}, Range: &r}, nil
}

// hoverFromText explains a key while the document does not parse.
func (sn *snapshot) hoverFromText(off int) *protocol.Hover {
	li := sn.doc.Lines.Line(off)
	ls, le := sn.doc.Lines.Bounds(li)
	t := lint.ScanLine(sn.doc.Source[ls:le])
	if t.Key == "" || off < ls+t.Content || off > ls+t.Content+len(t.Key) {
		return nil
	}
	path, _ := pathAt(sn.doc.Source, sn.doc.Lines, li, t.Content, t.Dash)
	f, ok := schema.Get(sn.kind.String()).Field(append(path, t.Key))
	if !ok {
		return nil
	}
	r := sn.rng(lint.Range{Start: ls + t.Content, End: ls + t.Content + len(t.Key)})
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: fieldDoc(f)}, Range: &r}
}

// variableAt explains the ${...} placeholder of a scalar under off.
func variableAt(doc *lint.Document, n *yaml.Node, off int) (string, lint.Range, bool) {
	r := doc.Range(n)
	src := doc.Text(r)
	for i := 0; ; {
		j := strings.Index(src[i:], "${")
		if j < 0 {
			return "", lint.Range{}, false
		}
		start := i + j
		end := strings.Index(src[start:], "}")
		if end < 0 {
			return "", lint.Range{}, false
		}
		end += start + 1
		if r.Start+start <= off && off <= r.Start+end {
			name := src[start+2 : end-1]
			return variableDoc(name), lint.Range{Start: r.Start + start, End: r.Start + end}, true
		}
		i = end
	}
}

func variableDoc(name string) string {
	for _, v := range model.Variables {
		if v.Name == name {
			return fmt.Sprintf("`${%s}`: %s", name, v.Doc)
		}
	}
	if parts := strings.Split(name, "."); len(parts) == 3 && parts[0] == "database" {
		for _, a := range model.DatabaseAttributes {
			if a.Name == parts[2] {
				return fmt.Sprintf("`${%s}`: %s of the database `%s` (a pool name, or a 0-based index when the cluster did not come from a pool)", name, a.Doc, parts[1])
			}
		}
	}
	return fmt.Sprintf("`${%s}` is not a greyhound variable", name)
}

// symbolFor returns the symbol n defines or refers to.
func symbolFor(syms []*model.Symbol, n *yaml.Node) *model.Symbol {
	for _, s := range syms {
		if s.Def == n {
			return s
		}
		for _, r := range s.Refs {
			if r == n {
				return s
			}
		}
	}
	return nil
}

// summary describes a definition for hover and completion.
func summary(doc *lint.Document, s *model.Symbol) string {
	var b strings.Builder
	line, _ := doc.Lines.LineCol(doc.Range(s.Def).Start)
	fmt.Fprintf(&b, "**%s `%s`** (line %d)\n\n", s.Kind, s.Name, line)
	field := func(name string, f model.Field) {
		if v, ok := f.Str(); ok {
			fmt.Fprintf(&b, "- %s: `%s`\n", name, v)
		}
	}
	switch {
	case s.Build != nil:
		field("dockerfile", s.Build.Dockerfile)
		field("target", s.Build.Target)
		field("service_account_name", s.Build.ServiceAccountName)
	case s.Workload != nil:
		field("image", s.Workload.Image)
		field("image_from_build", s.Workload.ImageFromBuild)
		var ports []string
		for _, p := range lint.Items(s.Workload.Ports.Value) {
			if v := lint.Get(p, "containerPort"); v != nil {
				ports = append(ports, v.Value)
			}
		}
		if len(ports) > 0 {
			fmt.Fprintf(&b, "- ports: %s\n", strings.Join(ports, ", "))
		}
	case s.ConfigMap != nil:
		if keys := dataKeys(s.ConfigMap); keys != nil {
			fmt.Fprintf(&b, "- data keys: %s\n", strings.Join(keys, ", "))
		}
	case s.SharedVolume != nil:
		field("type", s.SharedVolume.Type)
		field("source", s.SharedVolume.Source)
	case s.Application != nil:
		a := s.Application
		field("repository", a.Repository)
		field("branch", a.Branch)
		field("tag", a.Tag)
		field("config_source", a.ConfigSource)
		field("default_cluster", a.DefaultCluster)
	case s.Kind == model.AliasKind:
		b.WriteString("an alias of an imported application in this environment\n")
	}
	fmt.Fprintf(&b, "\n%d reference%s", len(s.Refs), map[bool]string{true: "", false: "s"}[len(s.Refs) == 1])
	return strings.TrimSpace(b.String())
}

// dataKeys returns the keys of a configmap's data, or nil when it has no
// data mapping.
func dataKeys(c *model.ConfigMap) []string {
	data := c.Data.Resolved()
	if data == nil {
		return nil
	}
	keys := []string{}
	for i := 0; i+1 < len(data.Content); i += 2 {
		keys = append(keys, data.Content[i].Value)
	}
	return keys
}
