package lsp

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// Documents with a definition and references of every kind: builds
// (image_from_build of a service and a job), services (a rule's
// service), shared volumes (a claim), configmaps (configMapKeyRef,
// configMapRef, a shared volume's source), applications
// (from_applications, removed_services) and aliases (removed_services).
// Names are plain, double- and single-quoted, and some follow wide
// characters on their line (UTF-16 columns differ from bytes there).
const kindsConfig = `builds:
  - name: b1
    dockerfile: Dockerfile.x
    target: api
    service_account_name: sa
  - {description: "é😀", name: 'b2', dockerfile: D2}
services:
  - name: web
    image_from_build: "b1"
    ports:
      - containerPort: 80
      - containerPort: 8080
    volumes:
      - name: data
        mount_path: /data
        claim: vol
    env:
      - name: A
        valueFrom:
          configMapKeyRef:
            name: cm
            key: K
    envFrom:
      - configMapRef:
          name: 'cm'
  - name: "side"
    image: busybox:1
jobs:
  - name: j
    image_from_build: b2
    restart_policy: Never
  - {image_from_build: b1, name: j2}
rules:
  - {path: "/😀", service: web, hostnames: [a.example.com]}
  - service: side
    hostnames: [b.example.com]
    path: /
configmaps:
  - name: cm
    data:
      K: v
      L: w
  - name: empty
shared_volumes:
  - name: vol
    type: configmap
    source: cm
`

const kindsApps = `applications:
  - name: api
    repository: acme-corp/api
    branch: main
    config_source: .greyhound/config.yaml
    default_cluster: eks
  - name: "ui"
    repository: acme-corp/ui
    tag: v1
environments:
  - name: staging
    from_applications:
      - name: api
        alias: backend
      - {x: "😀", name: ui}
    removed_services:
      backend:
        services: [debug]
      ui:
        services: [x]
`

// occurrence is where a symbol's name is written: its line and the
// UTF-16 columns of the name without quotes, read off the text.
func occurrence(text string, n *yaml.Node, name string) protocol.Range {
	line := strings.Split(text, "\n")[n.Line-1]
	// The node starts at column n.Column (characters); the name is its
	// first occurrence from there.
	from := 0
	for range n.Column - 1 {
		_, size := utf8.DecodeRuneInString(line[from:])
		from += size
	}
	i := from + strings.Index(line[from:], name)
	col := uint32(len(utf16Of(line[:i])))
	return protocol.Range{Start: pos(uint32(n.Line-1), col), End: pos(uint32(n.Line-1), col+uint32(len(utf16Of(name))))}
}

func utf16Of(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

// hoverFields are the fields hover lists for a definition of each kind.
var hoverFields = map[model.Kind][]string{
	model.BuildKind:        {"dockerfile", "target", "service_account_name"},
	model.ServiceKind:      {"image", "image_from_build"},
	model.JobKind:          {"image", "image_from_build"},
	model.SharedVolumeKind: {"type", "source"},
	model.ApplicationKind:  {"repository", "branch", "tag", "config_source", "default_cluster"},
}

// TestNavigationOnEveryReferenceKind: for every symbol of both documents
// and every place its name is written (the definition and each use), at
// the name's first character, inside it and just after it, definition
// goes to the definition's name, references list exactly the uses (and
// the definition when asked), highlight marks the definition as written
// and the uses as read, hover describes the definition (its kind, name,
// line, its fields' values and the number of uses), prepareRename
// selects the name without quotes, and rename edits every occurrence.
func TestNavigationOnEveryReferenceKind(t *testing.T) {
	e := startEditor(t, nil)
	ctx := context.Background()
	kinds := map[model.Kind]int{}
	for _, f := range []struct{ name, text string }{{"config.yaml", kindsConfig}, {"applications.yaml", kindsApps}} {
		u := e.open(f.name, f.text)
		doc, _ := lint.Parse([]byte(f.text))
		syms := model.New(doc).Symbols
		for _, sym := range syms {
			kinds[sym.Kind]++
			def := occurrence(f.text, sym.Def, sym.Name)
			var uses []protocol.Range
			for _, r := range sym.Refs {
				uses = append(uses, occurrence(f.text, r, sym.Name))
			}
			for i, at := range append([]protocol.Range{def}, uses...) {
				for _, p := range []protocol.Position{at.Start, pos(at.Start.Line, at.Start.Character+1), at.End} {
					name := fmt.Sprintf("%s: %s %q, occurrence %d at %v", f.name, sym.Kind, sym.Name, i, p)
					res, err := e.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)})
					if loc, ok := res.(*protocol.Location); err != nil || !ok || loc.URI != u || loc.Range != def {
						t.Errorf("%s: definition %+v %v, want %v", name, res, err, def)
					}
					for _, decl := range []bool{false, true} {
						refs, err := e.server.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character), Context: protocol.ReferenceContext{IncludeDeclaration: decl}})
						want := uses
						if decl {
							want = append([]protocol.Range{def}, uses...)
						}
						var got []protocol.Range
						for _, l := range refs {
							got = append(got, l.Range)
						}
						if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
							t.Errorf("%s: references (declaration %v) %v %v, want %v", name, decl, got, err, want)
						}
					}
					hl, _ := e.server.DocumentHighlight(ctx, &protocol.DocumentHighlightParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)})
					var wantHL []string
					for j, r := range append([]protocol.Range{def}, uses...) {
						wantHL = append(wantHL, fmt.Sprint(r, j == 0))
					}
					var gotHL []string
					for _, h := range hl {
						gotHL = append(gotHL, fmt.Sprint(h.Range, h.Kind == protocol.DocumentHighlightKindWrite))
					}
					if strings.Join(gotHL, " ") != strings.Join(wantHL, " ") {
						t.Errorf("%s: highlights %v, want %v", name, gotHL, wantHL)
					}
					h, err := e.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)})
					if err != nil || h == nil {
						t.Errorf("%s: no hover (%v)", name, err)
					} else {
						text := h.Contents.(*protocol.MarkupContent).Value
						want := []string{fmt.Sprintf("**%s `%s`** (line %d)", sym.Kind, sym.Name, def.Start.Line+1)}
						if n := len(uses); n == 1 {
							want = append(want, "\n1 reference")
						} else {
							want = append(want, fmt.Sprintf("\n%d references", n))
						}
						for _, field := range hoverFields[sym.Kind] {
							if v := lint.Get(sym.Item, field); v != nil {
								want = append(want, fmt.Sprintf("- %s: `%s`\n", field, v.Value))
							}
						}
						var wantNot []string // what a definition without it must not show
						for _, field := range hoverFields[sym.Kind] {
							if lint.Get(sym.Item, field) == nil {
								wantNot = append(wantNot, "- "+field+":")
							}
						}
						switch {
						case sym.Kind == model.ServiceKind && lint.Get(sym.Item, "ports") != nil:
							want = append(want, "- ports: 80, 8080\n")
						case sym.Kind == model.ServiceKind:
							wantNot = append(wantNot, "- ports")
						case sym.Name == "cm":
							want = append(want, "- data keys: K, L\n")
						case sym.Kind == model.ConfigMapKind:
							wantNot = append(wantNot, "- data keys")
						case sym.Kind == model.AliasKind:
							want = append(want, "an alias of an imported application")
						}
						for _, w := range wantNot {
							if strings.Contains(text, w) {
								t.Errorf("%s: hover %q shows %q", name, text, w)
							}
						}
						for _, w := range want {
							if !strings.Contains(text, w) {
								t.Errorf("%s: hover %q lacks %q", name, text, w)
							}
						}
						// Hover covers the scalar, its quotes included.
						hr := at
						if l := strings.Split(f.text, "\n")[at.Start.Line]; strings.Contains(l, `"`+sym.Name+`"`) || strings.Contains(l, "'"+sym.Name+"'") {
							hr.Start.Character--
							hr.End.Character++
						}
						if *h.Range != hr {
							t.Errorf("%s: hover range %v, want %v", name, *h.Range, hr)
						}
					}
					prep, err := e.server.PrepareRename(ctx, &protocol.PrepareRenameParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)})
					if pp, ok := prep.(*protocol.PrepareRenamePlaceholder); err != nil || !ok || pp.Placeholder != sym.Name || pp.Range != at {
						t.Errorf("%s: prepareRename %+v %v, want %q at %v", name, prep, err, sym.Name, at)
					}
				}
			}
			edit, err := e.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, def.Start.Line, def.Start.Character), NewName: "renamed-x"})
			if err != nil {
				t.Errorf("%s %q: rename: %v", sym.Kind, sym.Name, err)
				continue
			}
			var got []string
			for _, te := range edit.Changes[u] {
				if te.NewText != "renamed-x" {
					t.Errorf("%s %q: rename writes %q", sym.Kind, sym.Name, te.NewText)
				}
				got = append(got, fmt.Sprint(te.Range))
			}
			var want []string
			for _, r := range append([]protocol.Range{def}, uses...) {
				want = append(want, fmt.Sprint(r))
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s %q: rename edits %v, want %v", sym.Kind, sym.Name, got, want)
			}
		}
	}
	// Every kind that has a name, and uses of every kind that has them.
	for _, k := range []model.Kind{model.BuildKind, model.ServiceKind, model.JobKind, model.ConfigMapKind, model.SharedVolumeKind, model.ApplicationKind, model.AliasKind} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the documents", k)
		}
	}
}

// TestRenameCollisions: a rename to a name a definition of the same kind
// has is refused (for aliases: in the same environment only); to a name
// of another kind, or of an alias in another environment, it is done.
func TestRenameCollisions(t *testing.T) {
	e := startEditor(t, nil)
	ctx := context.Background()
	cfg := e.open("config.yaml", "builds:\n  - name: b1\n  - name: b2\nservices:\n  - name: web\n    image_from_build: b1\n")
	apps := e.open("applications.yaml", "applications:\n  - name: api\n    repository: acme-corp/api\n  - name: ui\n    repository: acme-corp/ui\nenvironments:\n  - name: staging\n    from_applications:\n      - name: api\n        alias: one\n      - name: ui\n        alias: two\n  - name: prod\n    from_applications:\n      - name: api\n        alias: three\n")
	for _, c := range []struct {
		u          protocolURI
		line, char uint32
		to         string
		refused    bool
	}{
		{cfg, 1, 10, "b2", true},     // another build
		{cfg, 1, 10, "web", false},   // a service
		{cfg, 4, 10, "b1", false},    // a service named like a build
		{apps, 9, 16, "two", true},   // an alias of the same environment
		{apps, 9, 16, "ui", false},   // an application
		{apps, 15, 16, "one", false}, // an alias of another environment
		{apps, 1, 10, "ui", true},    // another application
	} {
		_, err := e.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: tdpp(c.u, c.line, c.char), NewName: c.to})
		if refused := err != nil && strings.Contains(err.Error(), "already exists"); refused != c.refused || !c.refused && err != nil {
			t.Errorf("rename at %d:%d to %q: %v, want refused: %v", c.line, c.char, c.to, err, c.refused)
		}
	}
}
