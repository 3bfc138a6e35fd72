package lint

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// valueText returns the source text of the value of key (first match in a
// depth-first walk).
func valueText(t *testing.T, d *Document, key string) string {
	t.Helper()
	var found *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if found != nil || n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					found = n.Content[i+1]
					return
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.Root)
	if found == nil {
		t.Fatalf("key %q not found", key)
	}
	return d.Text(d.Range(found))
}

func TestNodeRanges(t *testing.T) {
	src := "\uFEFF" + `plain: hello world  # comment
emoji: 🚀 launch
multi: first line
  second line
single: 'it''s here'
double: "a \"quoted\" 🚀"
dq_multi: "one
  two"
literal: |
  line one

  line three
folded: >-
  folded
  text
after: 1
empty_block: |
next: x
flow_seq: [a, "b, c", {d: e}]
flow_map: {a: 1, b: [x]}
anchored: &anc value
alias: *anc
tagged: !!str 123
nothing:
list:
  - a
  - b: c
    d: e
url: http://example.com:8080/x
cjk: 名前
tab:	value
`
	d, diags := Parse([]byte(src))
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	tests := map[string]string{
		"plain":       "hello world",
		"emoji":       "🚀 launch",
		"multi":       "first line\n  second line",
		"single":      "'it''s here'",
		"double":      `"a \"quoted\" 🚀"`,
		"dq_multi":    "\"one\n  two\"",
		"literal":     "|\n  line one\n\n  line three",
		"folded":      ">-\n  folded\n  text",
		"after":       "1",
		"empty_block": "|",
		"flow_seq":    `[a, "b, c", {d: e}]`,
		"flow_map":    "{a: 1, b: [x]}",
		"anchored":    "value",
		"alias":       "*anc",
		"tagged":      "123",
		"nothing":     "",
		"list":        "- a\n  - b: c\n    d: e",
		"d":           "e",
		"url":         "http://example.com:8080/x",
		"cjk":         "名前",
		"tab":         "value",
	}
	for key, want := range tests {
		if got := valueText(t, d, key); got != want {
			t.Errorf("%s: got %q, want %q", key, got, want)
		}
	}
	// Keys have ranges too.
	k, _ := MapGet(d.Root, "emoji")
	if got := d.Text(d.Range(k)); got != "emoji" {
		t.Errorf("key range: got %q", got)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		rule      string
		line      int    // 1-based line of the diagnostic start
		at        string // exact text of the range
		msg       string // substring of the message
	}{
		{
			name: "mis-indented key in a list item",
			src:  "jobs:\n  - name: migrate\n    image: x\n    command: [a]\n   replicas: 1\n",
			rule: "syntax", line: 5, at: "replicas: 1", msg: "indented 3 spaces; its siblings use 4",
		},
		{
			name: "after a nested list, a key's siblings are the keys, not the list's entries",
			src:  "services:\n  - name: a\n    ports:\n      - containerPort: 80\n     image: x\n",
			rule: "syntax", line: 5, at: "image: x", msg: "indented 5 spaces; its siblings use 4",
		},
		{
			name: "a list entry that lost its dash is blamed, not the line below it",
			src:  "applications:\n   name: shop\n    repository: a/shop\n",
			rule: "syntax", line: 2, msg: "- name: shop",
		},
		{
			name: "a key glued to its value",
			src:  "services:\n  - name:web\n    image: nginx\n",
			rule: "syntax", line: 2, at: ":", msg: "a space is missing after this ':'",
		},
		{
			name: "an alias that names no anchor",
			src:  "x: &base {a: 1}\ny: *bsae\n",
			rule: "syntax", line: 2, at: "*bsae", msg: "did you mean *base?",
		},
		{
			name: "a quote left open points at it, not where the parser gave up",
			src:  "services:\n  - name: \"web\n    image: nginx\n",
			rule: "syntax", line: 2, at: "\"", msg: "never closed",
		},
		{
			name: "over-indented key after a complete entry",
			src:  "services:\n  - name: a\n    image: b\n      replicas: 2\n",
			rule: "syntax", line: 4, at: "replicas: 2", msg: "indented 6 spaces",
		},
		{
			name: "tab indentation",
			src:  "services:\n  - name: a\n\timage: b\n",
			rule: "syntax", line: 3, at: "\t", msg: "tab",
		},
		{
			name: "duplicate key",
			src:  "services:\n  - name: a\n    image: b\n    name: c\n",
			rule: "duplicate-key", line: 4, at: "name", msg: `key "name" is defined more than once`,
		},
		{
			name: "second document",
			src:  "builds: []\n---\nservices: []\n",
			rule: "multiple-documents", line: 2, at: "---", msg: "second YAML document",
		},
		{
			name: "a fragment parses but the rest does not: only the syntax error",
			src:  "#builds:\n  - name: a\nservices: []\n",
			rule: "syntax", line: 3, msg: "indented 0 spaces",
		},
		{name: "empty file", src: "", rule: "empty-file", line: 1, at: "", msg: "no content"},
		{name: "comments only", src: "# nothing here\n", rule: "empty-file", line: 1, at: "", msg: "no content"},
		{
			name: "unclosed quote points at the opening quote",
			src:  "a: x\nb: \"open\nc: d\n",
			rule: "syntax", line: 2, at: "\"", msg: "never closed",
		},
		{
			name: "block scalar content is not checked for indentation",
			src:  "a: |\n   odd\n    x\nb: [\n\tc]\nc: d: e\n",
			rule: "syntax", line: 6, msg: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := Parse([]byte(tt.src))
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics %v, want 1", len(diags), diags)
			}
			g := diags[0]
			line, _ := d.Lines.LineCol(g.Range.Start)
			if g.Rule != tt.rule || line != tt.line || !strings.Contains(g.Message, tt.msg) {
				t.Errorf("got %s at line %d %q, want %s at line %d containing %q", g.Rule, line, g.Message, tt.rule, tt.line, tt.msg)
			}
			if tt.at != "" || tt.rule == "empty-file" {
				if got := d.Text(g.Range); got != tt.at {
					t.Errorf("range text %q, want %q", got, tt.at)
				}
			}
		})
	}
}

// Deeply nested flow collections: every level's range ends at its own
// closer (each level was found by rescanning from its start: depth x size).
func TestDeepFlowRanges(t *testing.T) {
	const depth = 200
	src := []byte("a: " + strings.Repeat("[", depth) + "x, 'y]', \"z}\"" + strings.Repeat("]", depth) + "\n")
	doc, diags := Parse(src)
	if len(diags) != 0 {
		t.Fatalf("%v", diags)
	}
	n := doc.Root.Content[1]
	for level := 0; level < depth; level++ {
		r := doc.Range(n)
		wantStart, wantEnd := 3+level, len(src)-1-level
		if r.Start != wantStart || r.End != wantEnd {
			t.Fatalf("level %d: range %v, want [%d,%d)", level, r, wantStart, wantEnd)
		}
		if level < depth-1 {
			n = n.Content[0]
		}
	}
}

// A control character is reported where it is, by name (it was reported at
// 1:1 as an indentation problem); a binary file is one finding.
func TestBadCharactersAreNamedWhereTheyAre(t *testing.T) {
	src := []byte("services:\n  - name: web\n    image: ng\x00inx\n")
	_, diags := Parse(src)
	if len(diags) != 1 || diags[0].Range != (Range{37, 38}) || !strings.Contains(diags[0].Message, "a NUL character (U+0000)") {
		t.Errorf("NUL: %v", diags)
	}
	bin := make([]byte, 2000)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	_, diags = Parse(bin)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "not a text file") {
		t.Errorf("binary: %v", diags)
	}
}

// The indexed lookups of a large mapping answer as the scans do: the last
// of duplicated keys, keys merged in, and absent keys.
func TestLargeMappingLookups(t *testing.T) {
	var b strings.Builder
	b.WriteString("base: &b {merged: 1}\nm:\n  <<: *b\n")
	for i := range 3 * bigMapping {
		fmt.Fprintf(&b, "  k%d: %d\n", i, i)
	}
	b.WriteString("  k5: last\n")
	doc, _ := Parse([]byte(b.String()))
	_, m := doc.Lookup([]string{"m"})
	for _, key := range []string{"k0", "k5", "k100", "merged", "absent", "<<"} {
		k1, v1 := MapGet(m, key)
		k2, v2 := doc.MapGet(m, key)
		if k1 != k2 || v1 != v2 {
			t.Errorf("MapGet(%q): scan %v, index %v", key, v1, v2)
		}
		_, mv := MergedGet(m, key)
		if got := doc.MergedHas(m, key); got != (mv != nil) {
			t.Errorf("MergedHas(%q) = %v, MergedGet finds %v", key, got, mv)
		}
	}
	if _, v := doc.MapGet(m, "k5"); v == nil || v.Value != "last" {
		t.Errorf("k5 = %v, want the last one", v)
	}
}

// A parse whose context ends stops reading: a cancelled parse of a large
// file gives no document, where a parse to the end would give one.
func TestParseStopsWhenCancelled(t *testing.T) {
	src := []byte("x: [" + strings.Repeat("1, ", 200_000) + "1]\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if doc, _ := ParseContext(ctx, src); doc.Root != nil {
		t.Error("a cancelled parse read the whole file")
	}
	if doc, _ := ParseContext(context.Background(), src); doc.Root == nil {
		t.Error("the parse failed")
	}
}

// A %YAML 1.2 directive is valid YAML: the file parses as with 1.1 (or none),
// with the same node positions, and Source keeps the text as written.
func TestYAML12Directive(t *testing.T) {
	for _, prologue := range []string{"%YAML 1.2\n", "\ufeff%YAML 1.2\n", "# c\n%YAML 1.2\n%TAG !e! tag:example.com,2000:\n", "%YAML 1.2 # version\n"} {
		src := prologue + "---\nbuilds:\n  - name: web\n"
		d, diags := Parse([]byte(src))
		if len(diags) != 0 || d.Root == nil {
			t.Fatalf("%q: got %v, want no findings", prologue, diags)
		}
		if string(d.Source) != src {
			t.Errorf("%q: Source changed to %q", prologue, d.Source)
		}
		name := d.Root.Content[1].Content[0].Content[1]
		if got := d.Text(d.Range(name)); got != "web" {
			t.Errorf("%q: name's range holds %q, want web", prologue, got)
		}
	}
	// Other versions stay an error, and a %YAML 1.2 inside the content is data.
	for _, src := range []string{"%YAML 2.0\n---\na: 1\n", "a: |\n  %YAML 1.2\n"} {
		_, diags := Parse([]byte(src))
		wantErr := strings.HasPrefix(src, "%YAML 2")
		if (len(diags) > 0) != wantErr {
			t.Errorf("%q: got %v, want error=%v", src, diags, wantErr)
		}
	}
}
