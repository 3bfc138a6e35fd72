package graph

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/rules"
)

func analyze(t *testing.T, path string, src []byte) *lint.Result {
	t.Helper()
	return lint.Analyze(context.Background(), &lint.File{Path: path, Source: src}, &lint.Config{Rules: rules.All()})
}

// examples returns the analysed files of examples/.
func examples(t *testing.T) []File {
	t.Helper()
	paths, err := filepath.Glob("../examples/*/.greyhound/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var files []File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: p, Result: analyze(t, p, src)})
	}
	return files
}

var allKinds = []model.Kind{model.BuildKind, model.ServiceKind, model.JobKind, model.ConfigMapKind,
	model.SharedVolumeKind, model.ApplicationKind, model.EnvironmentKind}

// TestGraphFollowsTheIndexAndTheRules holds the graph to the two sources
// it draws from: one node per named definition, an edge for every
// reference the symbol index attaches, and a red edge at every reference
// a reference rule reports, and nothing red that no rule reported.
func TestGraphFollowsTheIndexAndTheRules(t *testing.T) {
	files := examples(t)
	g := New(files)
	for fi, f := range files {
		m := model.FromResult(f.Result)
		var want []string
		for _, k := range allKinds {
			for _, e := range m.Defined(k) {
				want = append(want, k.String()+" "+e.NameString())
			}
		}
		for range m.Rules {
			want = append(want, "rule")
		}
		var got []string
		for _, n := range g.Nodes {
			if n.File == fi && !n.Missing {
				if n.Kind == kindRule {
					got = append(got, "rule")
				} else {
					got = append(got, n.Kind+" "+n.Name)
				}
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: nodes %q, want one per definition %q", f.Path, got, want)
		}
		// Every attached reference is an edge from its definition.
		// Every attached reference is an edge at its definition (from
		// it, or, for a rule's service, to it).
		edges := map[string]bool{}
		for _, e := range g.Edges {
			for _, n := range []*Node{e.From, e.To} {
				if n.File == fi {
					edges[n.Kind+" "+n.Name] = true
				}
			}
		}
		for _, s := range m.Symbols {
			if len(s.Refs) > 0 && s.Kind != model.AliasKind && !edges[s.Kind.String()+" "+s.Name] {
				t.Errorf("%s: %s %q is referred to %d times, and no edge is at it", f.Path, s.Kind, s.Name, len(s.Refs))
			}
		}
		reported := 0
		for _, d := range f.Result.Diagnostics {
			if slices.ContainsFunc(referenceRules, func(r *lint.Rule) bool { return r.ID == d.Rule }) {
				reported++
			}
		}
		red := 0
		for _, e := range g.Edges {
			if e.To.File == fi && e.Broken {
				red++
			}
		}
		if red != reported {
			t.Errorf("%s: %d red edges, the reference rules reported %d", f.Path, red, reported)
		}
	}
	if !slices.ContainsFunc(g.Edges, func(e *Edge) bool { return e.Broken }) {
		t.Error("examples/broken has broken references, and no edge is red")
	}
}

// TestExamplesInEveryFormat writes examples/ in the three formats and
// checks each: the SVG is well-formed XML that names every node, DOT and
// Mermaid have one statement per node and per edge, their quoting
// balanced.
func TestExamplesInEveryFormat(t *testing.T) {
	g := New(examples(t))
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := g.Write(&buf, format); err != nil {
			t.Fatal(err)
		}
		checkFormat(t, g, format, buf.String())
	}
	if err := g.Write(io.Discard, "png"); err == nil {
		t.Error("an unknown format is not an error")
	}
}

func checkFormat(t *testing.T, g *Graph, format, out string) {
	t.Helper()
	switch format {
	case "svg":
		checkSVG(t, g, out)
	case "dot":
		checkDOT(t, g, out)
	case "mermaid":
		checkMermaid(t, g, out)
	}
}

// checkSVG parses the SVG with encoding/xml: every node is a <g> with its
// ID whose texts are the node's lines as shown, and only the elements
// the writer draws appear.
func checkSVG(t *testing.T, g *Graph, out string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	allowed := []string{"svg", "defs", "marker", "path", "rect", "text", "g", "title", "line"}
	texts := map[string][]string{} // node ID -> its texts
	var stack []string             // open elements' node IDs
	var cur *strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg is not well-formed: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !slices.Contains(allowed, tok.Name.Local) {
				t.Fatalf("svg has a <%s> element", tok.Name.Local)
			}
			id := ""
			for _, a := range tok.Attr {
				if a.Name.Local == "id" && tok.Name.Local == "g" {
					id = a.Value
				}
			}
			if id == "" && len(stack) > 0 {
				id = stack[len(stack)-1]
			}
			stack = append(stack, id)
			if tok.Name.Local == "text" {
				cur = &strings.Builder{}
			}
		case xml.CharData:
			if cur != nil {
				cur.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" && cur != nil {
				if id := stack[len(stack)-1]; id != "" {
					texts[id] = append(texts[id], cur.String())
				}
				cur = nil
			}
			stack = stack[:len(stack)-1]
		}
	}
	for _, n := range g.Nodes {
		kind, name, detail := n.lines()
		want := []string{shown(kind), shown(name)}
		if detail != "" {
			want = append(want, shown(detail))
		}
		if !slices.Equal(texts[n.ID], want) {
			t.Errorf("svg: node %s shows %q, want %q", n.ID, texts[n.ID], want)
		}
	}
}

// lexQuoted splits a line into what is outside double-quoted strings and
// the strings themselves (undone by unescape); it fails on an unclosed
// string. escaped says whether \ escapes the next character (DOT).
func lexQuoted(t *testing.T, line string, escaped bool) (outside string, quoted []string) {
	t.Helper()
	var o strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] != '"' {
			o.WriteByte(line[i])
			continue
		}
		var q strings.Builder
		i++
		for ; i < len(line) && line[i] != '"'; i++ {
			if escaped && line[i] == '\\' && i+1 < len(line) {
				i++
				if line[i] == 'n' {
					q.WriteByte('\n') // a line break of the label
					continue
				}
			}
			q.WriteByte(line[i])
		}
		if i == len(line) {
			t.Fatalf("unclosed string in %q", line)
		}
		o.WriteString(`""`)
		quoted = append(quoted, q.String())
	}
	return o.String(), quoted
}

var dotNode = regexp.MustCompile(`^    (n\d+) \[label=""(, color="", fontcolor="", style="")?\];$`)
var dotEdge = regexp.MustCompile(`^  (n\d+) -> (n\d+)( \[.*\])?;$`)

func checkDOT(t *testing.T, g *Graph, out string) {
	t.Helper()
	nodes, edges := map[string]string{}, 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		outside, quoted := lexQuoted(t, line, true)
		if m := dotNode.FindStringSubmatch(outside); m != nil {
			if _, dup := nodes[m[1]]; dup {
				t.Errorf("dot: node %s declared twice", m[1])
			}
			nodes[m[1]] = quoted[0]
		} else if dotEdge.MatchString(outside) {
			edges++
		} else if strings.Contains(outside, "->") || strings.Contains(outside, "[") && !strings.Contains(outside, "node [") && !strings.Contains(outside, "edge [") {
			t.Errorf("dot: unexpected statement %q", line)
		}
	}
	if len(nodes) != len(g.Nodes) || edges != len(g.Edges) {
		t.Errorf("dot: %d nodes and %d edges, want %d and %d", len(nodes), edges, len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		if label := nodes[n.ID]; !slices.Contains(strings.Split(label, "\n"), shown(n.Name)) {
			t.Errorf("dot: node %s is labelled %q, which lacks its name %q", n.ID, label, shown(n.Name))
		}
	}
}

var mermaidNode = regexp.MustCompile(`^    (n\d+)\[""\]$`)
var mermaidEdge = regexp.MustCompile(`^  (n\d+) -->(\|""\|)? (n\d+)$`)
var entity = regexp.MustCompile(`#(\d+|quot|lt|gt|amp);`)

func unentity(s string) string {
	return entity.ReplaceAllStringFunc(s, func(e string) string {
		switch e {
		case "#quot;":
			return `"`
		case "#lt;":
			return "<"
		case "#gt;":
			return ">"
		case "#amp;":
			return "&"
		}
		var r rune
		fmt.Sscanf(e, "#%d;", &r)
		return string(r)
	})
}

func checkMermaid(t *testing.T, g *Graph, out string) {
	t.Helper()
	nodes, edges := map[string]string{}, 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		outside, quoted := lexQuoted(t, line, false)
		for _, q := range quoted {
			if strings.ContainsAny(entity.ReplaceAllString(strings.ReplaceAll(q, "<br/>", ""), ""), "<>&`|%;#") {
				t.Errorf("mermaid: a label holds a character Mermaid reads: %q", q)
			}
		}
		switch {
		case mermaidNode.MatchString(outside):
			id := mermaidNode.FindStringSubmatch(outside)[1]
			if _, dup := nodes[id]; dup {
				t.Errorf("mermaid: node %s declared twice", id)
			}
			nodes[id] = quoted[0]
		case mermaidEdge.MatchString(outside):
			edges++
		case strings.Contains(outside, "-->") || strings.Contains(outside, "["):
			if !strings.HasPrefix(outside, "  subgraph f") {
				t.Errorf("mermaid: unexpected statement %q", line)
			}
		}
	}
	if len(nodes) != len(g.Nodes) || edges != len(g.Edges) {
		t.Errorf("mermaid: %d nodes and %d edges, want %d and %d", len(nodes), edges, len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		var lines []string
		for _, l := range strings.Split(nodes[n.ID], "<br/>") {
			lines = append(lines, unentity(l))
		}
		if !slices.Contains(lines, shown(n.Name)) {
			t.Errorf("mermaid: node %s is labelled %q, which lacks its name %q", n.ID, lines, shown(n.Name))
		}
	}
}

// hostilePieces are what breaks out of a label in one format or another.
var hostilePieces = []string{`"`, `'`, "<", ">", "&", "\n", "\r", "\t", "]]>", "-->", "<!--", `\`, `\N`, `\n`, "#quot;", "#35;",
	"|", "%%", ";", "}", "]", "[", "(", ")", "{", "`", "\x1b[31m", "\u202e", "\u2028", "\x7f", "<script>", "&amp;", "api", "é", "🚀"}

func hostileName(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(6) {
		b.WriteString(hostilePieces[r.IntN(len(hostilePieces))])
	}
	return b.String()
}

// TestHostileNames generates configs whose every name, path, hostname and
// key is made of hostile pieces, and checks every format as above: the
// output parses, has one node per definition and one edge per edge, and
// each label says the name as shown, whatever the name.
func TestHostileNames(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 3))
	for i := range 200 {
		n := func() string { return hostileName(r) }
		build, svc, cm, vol, app := n(), n(), n(), n(), n()
		doc := node(yaml.MappingNode,
			str("builds"), seq(mapping("name", str(build))),
			str("configmaps"), seq(mapping("name", str(cm), "data", mapping(n(), str("x")))),
			str("shared_volumes"), seq(mapping("name", str(vol), "type", str("configmap"), "source", str(cm))),
			str("services"), seq(
				mapping("name", str(svc), "image_from_build", str(build), "volumes", seq(mapping("name", str("v"), "mount_path", str(n()), "claim", str(vol))),
					"envFrom", seq(mapping("configMapRef", mapping("name", str(cm))))),
				mapping("name", str(n()), "image_from_build", str(n()))),
			str("rules"), seq(mapping("service", str(svc), "path", str(n()), "hostnames", seq(str(n())))),
		)
		apps := node(yaml.MappingNode,
			str("applications"), seq(mapping("name", str(app))),
			str("environments"), seq(mapping("name", str(n()), "from_applications", seq(mapping("name", str(app), "alias", str(n())), mapping("name", str(n()))))),
		)
		var files []File
		for path, d := range map[string]*yaml.Node{".greyhound/config.yaml": doc, ".greyhound/applications.yaml": apps} {
			src, err := yaml.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, File{Path: n() + "/" + path, Result: analyze(t, path, src)})
		}
		slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
		g := New(files)
		if len(g.Edges) < 4 {
			t.Fatalf("case %d: %d edges: the generated references were not drawn", i, len(g.Edges))
		}
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := g.Write(&buf, format); err != nil {
				t.Fatal(err)
			}
			checkFormat(t, g, format, buf.String())
			if t.Failed() {
				t.Fatalf("case %d, %s:\n%s", i, format, buf.String())
			}
		}
	}
}

func node(k yaml.Kind, content ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: k, Content: content}
}
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}
func seq(items ...*yaml.Node) *yaml.Node { return node(yaml.SequenceNode, items...) }
func mapping(kv ...any) *yaml.Node {
	m := node(yaml.MappingNode)
	for i := 0; i < len(kv); i += 2 {
		m.Content = append(m.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return m
}
