package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

const featuresApps = `applications:
  - name: api
    repository: acme-corp/api
    branch: main
    default_cluster: eks
    config_source: .greyhound/config.yaml
environments:
  - name: staging
    from_applications:
      - name: api
    removed_services:
      api:
        services:
          - debug
`

const featuresConfig = `# builds of the api
# and of its tools
builds:
  - name: api-build
services:
  - name: api
    image_from_build: api-build
    env:
      - name: SHA
        value: ${commit.sha}
      - name: BAD
        value: ${commit.SHAA}
  - name: debug # greylint-ignore[unused-definition]: kept for staging
    image_from_build: api-build
`

// featureWorkspace writes a checkout with an applications file and a
// config, starts a server on it and opens both.
func featureWorkspace(t *testing.T) (e *editor, apps, cfg uri.URI, root string) {
	root = t.TempDir()
	writeFile(t, filepath.Join(root, ".greylint.yaml"), "repository: acme-corp/api\n")
	writeFile(t, filepath.Join(root, ".greyhound", "applications.yaml"), featuresApps)
	writeFile(t, filepath.Join(root, ".greyhound", "config.yaml"), featuresConfig)
	e = startEditor(t, func(p *protocol.InitializeParams) {
		p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}})
	})
	apps = uri.File(filepath.Join(root, ".greyhound", "applications.yaml"))
	cfg = uri.File(filepath.Join(root, ".greyhound", "config.yaml"))
	for u, text := range map[uri.URI]string{apps: featuresApps, cfg: featuresConfig} {
		e.mu.Lock()
		e.versions[u] = 1
		e.mu.Unlock()
		e.openURI(u, text)
		e.wait(u, 1)
	}
	return e, apps, cfg, root
}

func td(u uri.URI) protocol.TextDocumentIdentifier { return protocol.TextDocumentIdentifier{URI: u} }

func TestFoldingRanges(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	got, err := e.server.FoldingRanges(context.Background(), &protocol.FoldingRangeParams{TextDocument: td(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]uint32]protocol.FoldingRangeKind{
		{0, 1}:   protocol.FoldingRangeKindComment, // the comment block
		{2, 3}:   "",                               // builds
		{4, 13}:  "",                               // services
		{5, 11}:  "",                               // the api service
		{7, 11}:  "",                               // its env
		{12, 13}: "",                               // the debug service
	}
	seen := map[[2]uint32]bool{}
	for _, f := range got {
		seen[[2]uint32{f.StartLine, f.EndLine}] = true
		if k, ok := want[[2]uint32{f.StartLine, f.EndLine}]; ok && k != f.Kind {
			t.Errorf("fold %d-%d: kind %q, want %q", f.StartLine, f.EndLine, f.Kind, k)
		}
	}
	for r := range want {
		if !seen[r] {
			t.Errorf("no fold from line %d to %d; got %+v", r[0], r[1], got)
		}
	}
}

func TestSelectionRange(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	// On "api-build" in the api service's image_from_build (line 6).
	got, err := e.server.SelectionRange(context.Background(), &protocol.SelectionRangeParams{TextDocument: td(cfg), Positions: []protocol.Position{pos(6, 24)}})
	if err != nil || len(got) != 1 {
		t.Fatalf("%v %v", got, err)
	}
	var chain []string
	lines := strings.Split(featuresConfig, "\n")
	for sr := &got[0]; sr != nil; sr = sr.Parent {
		r := sr.Range
		if r.Start.Line == r.End.Line {
			chain = append(chain, lines[r.Start.Line][r.Start.Character:r.End.Character])
		} else {
			chain = append(chain, "lines "+itoa(int(r.Start.Line))+"-"+itoa(int(r.End.Line)))
		}
	}
	want := []string{"api-build", "image_from_build: api-build"}
	if len(chain) < 5 || chain[0] != want[0] || chain[1] != want[1] {
		t.Errorf("selection chain %q, want it to start %q and grow to the document", chain, want)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestDocumentHighlight(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	got, err := e.server.DocumentHighlight(context.Background(), &protocol.DocumentHighlightParams{TextDocumentPositionParams: tdpp(cfg, 3, 12)})
	if err != nil {
		t.Fatal(err)
	}
	writes, reads := 0, 0
	for _, h := range got {
		switch h.Kind {
		case protocol.DocumentHighlightKindWrite:
			writes++
		case protocol.DocumentHighlightKindRead:
			reads++
		}
	}
	if writes != 1 || reads != 2 {
		t.Errorf("api-build: %d definitions and %d uses highlighted, want 1 and 2: %+v", writes, reads, got)
	}
}

func TestDocumentLinks(t *testing.T) {
	e, apps, cfg, root := featureWorkspace(t)
	links, err := e.server.DocumentLink(context.Background(), &protocol.DocumentLinkParams{TextDocument: td(apps)})
	if err != nil || len(links) != 1 || *links[0].Target != uri.File(filepath.Join(root, ".greyhound", "config.yaml")) || links[0].Range.Start.Line != 5 {
		t.Errorf("applications links: %+v %v; want config_source to config.yaml", links, err)
	}
	links, _ = e.server.DocumentLink(context.Background(), &protocol.DocumentLinkParams{TextDocument: td(cfg)})
	if len(links) != 1 || !strings.HasSuffix(string(*links[0].Target), "#unused-definition") || links[0].Range.Start.Line != 12 {
		t.Errorf("config links: %+v; want the rule ID of the ignore comment", links)
	}
}

func TestCodeLensCountsUsesAcrossFiles(t *testing.T) {
	e, apps, cfg, _ := featureWorkspace(t)
	lenses, err := e.server.CodeLens(context.Background(), &protocol.CodeLensParams{TextDocument: td(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[uint32]string{}
	for _, l := range lenses {
		if l.Command.Title != "" {
			t.Errorf("lens resolved before it was asked: %+v", l)
		}
		r, err := e.server.CodeLensResolve(context.Background(), &l)
		if err != nil {
			t.Fatal(err)
		}
		titles[l.Range.Start.Line] = r.Command.Title
		if r.Command.Command != "greylint.showReferences" || len(r.Command.Arguments) != 3 {
			t.Errorf("lens command %+v", r.Command)
		}
	}
	// api-build: two image_from_build; api: none; debug: the
	// removed_services entry of applications.yaml.
	want := map[uint32]string{3: "2 uses", 5: "0 uses", 12: "1 use"}
	for line, title := range want {
		if titles[line] != title {
			t.Errorf("lens on line %d: %q, want %q (all: %v)", line, titles[line], title, titles)
		}
	}
	refs, _ := e.server.References(context.Background(), &protocol.ReferenceParams{TextDocumentPositionParams: tdpp(cfg, 12, 12)})
	if len(refs) != 1 || refs[0].URI != apps || refs[0].Range.Start.Line != 13 {
		t.Errorf("references of debug: %+v, want the removed_services entry", refs)
	}
}

func TestSemanticTokens(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	toks, err := e.server.SemanticTokensFull(context.Background(), &protocol.SemanticTokensParams{TextDocument: td(cfg)})
	if err != nil || len(toks.Data)%5 != 0 {
		t.Fatalf("%v %v", toks, err)
	}
	lines := strings.Split(featuresConfig, "\n")
	var got []string
	line, char := 0, 0
	for i := 0; i < len(toks.Data); i += 5 {
		d := toks.Data[i : i+5]
		if d[0] > 0 {
			line, char = line+int(d[0]), int(d[1])
		} else {
			char += int(d[1])
		}
		s := tokenTypes[d[3]] + ":" + lines[line][char:char+int(d[2])]
		for b, m := range tokenModifiers {
			if d[4]&(1<<b) != 0 {
				s += "+" + m
			}
		}
		got = append(got, s)
	}
	for _, want := range []string{
		"type:api-build+declaration", "type:api-build", "type:api+declaration",
		"operator:${", "variable:commit", "property:sha", "operator:}",
		"property:SHAA+invalid", "variable:commit+invalid",
	} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("no token %s in %v", want, got)
		}
	}
}

func TestPullDiagnosticsMatchPublished(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	published := e.wait(cfg, 1)
	rep, err := e.server.Diagnostic(context.Background(), &protocol.DocumentDiagnosticParams{TextDocument: td(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	full := rep.(*protocol.RelatedFullDocumentDiagnosticReport)
	if full.Kind != "full" || len(full.Items) != len(published) || len(published) == 0 {
		t.Fatalf("pulled %d, published %d", len(full.Items), len(published))
	}
	for i := range published {
		if codeOf(full.Items[i]) != codeOf(published[i]) || full.Items[i].Range != published[i].Range {
			t.Errorf("pulled %v, published %v", full.Items[i], published[i])
		}
	}
}

func TestWorkspaceSymbols(t *testing.T) {
	e, _, cfg, root := featureWorkspace(t)
	res, err := e.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "dbg"})
	if err != nil {
		t.Fatal(err)
	}
	syms := symbolsOf(res)
	if len(syms) != 1 || syms[0].Name != "debug" || syms[0].URI != cfg {
		t.Errorf("query dbg: %+v", syms)
	}
	res, _ = e.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: ""})
	names := map[string]bool{}
	for _, s := range symbolsOf(res) {
		names[s.Name] = true
	}
	for _, n := range []string{"api-build", "api", "debug", "staging"} {
		if !names[n] {
			t.Errorf("no workspace symbol %s: %v", n, names)
		}
	}
	// A file that is not open, after the files changed on disk: still
	// indexed.
	e.srv.runs.Wait() // the start-up indexing done (no notification is in flight)
	worker := filepath.Join(root, ".greyhound", "worker.yaml")
	writeFile(t, worker, "services:\n  - name: night-worker\n    image: busybox\n")
	e.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(worker), Type: protocol.FileChangeTypeCreated},
	}})
	res, _ = e.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "nightworker"})
	if syms := symbolsOf(res); len(syms) != 1 || syms[0].Name != "night-worker" {
		t.Errorf("after a change on disk, query nightworker: %+v", syms)
	}
}

func TestCrossFileNavigation(t *testing.T) {
	e, apps, cfg, _ := featureWorkspace(t)
	def := func(u uri.URI, line, char uint32) *protocol.Location {
		res, err := e.server.Definition(context.Background(), &protocol.DefinitionParams{TextDocumentPositionParams: tdpp(u, line, char)})
		if err != nil {
			t.Fatal(err)
		}
		loc, _ := res.(*protocol.Location)
		return loc
	}
	if loc := def(apps, 5, 25); loc == nil || loc.URI != cfg {
		t.Errorf("definition of config_source: %+v, want config.yaml", loc)
	}
	if loc := def(apps, 13, 13); loc == nil || loc.URI != cfg || loc.Range.Start.Line != 12 {
		t.Errorf("definition of a removed service: %+v, want debug in config.yaml", loc)
	}
	edit, err := e.server.Rename(context.Background(), &protocol.RenameParams{TextDocumentPositionParams: tdpp(cfg, 12, 12), NewName: "debugger"})
	if err != nil {
		t.Fatal(err)
	}
	if len(edit.Changes[cfg]) != 1 || len(edit.Changes[apps]) != 1 || edit.Changes[apps][0].Range.Start.Line != 13 {
		t.Errorf("rename of debug: %+v, want the definition and the removed_services entry", edit.Changes)
	}
}

func TestCompletionKnowsTheWorkspace(t *testing.T) {
	e, apps, _, _ := featureWorkspace(t)
	text := strings.Replace(featuresApps, "config_source: .greyhound/config.yaml", "config_source: ", 1)
	text = strings.Replace(text, "          - debug\n", "          - \n", 1)
	v := e.edit(apps, 0, 0, uint32(strings.Count(featuresApps, "\n")), 0, text)
	e.wait(apps, v)
	if got := labels(e.complete(apps, 5, 19)); got != ".greyhound/config.yaml" {
		t.Errorf("config_source completes %q", got)
	}
	if got := labels(e.complete(apps, 13, 12)); !strings.Contains(got, "debug") || !strings.Contains(got, "api") {
		t.Errorf("removed_services services complete %q, want the api config's services", got)
	}
}

type namedLocation struct {
	Name string
	URI  uri.URI
}

// symbolsOf reads a workspace/symbol answer, which the client library
// decodes as either form of the union.
func symbolsOf(res protocol.WorkspaceSymbolResult) []namedLocation {
	var out []namedLocation
	switch r := res.(type) {
	case protocol.WorkspaceSymbolSlice:
		for _, s := range r {
			loc, _ := s.Location.(*protocol.Location)
			out = append(out, namedLocation{s.Name, loc.URI})
		}
	case protocol.SymbolInformationSlice:
		for _, s := range r {
			out = append(out, namedLocation{s.Name, s.Location.URI})
		}
	}
	return out
}

func TestInlayHintsShowDefaults(t *testing.T) {
	text := "services:\n  - name: api\n    image: nginx\n  - name: web\n    image: nginx\n    replicas: 3\n"
	for _, on := range []bool{false, true} {
		e := startEditor(t, func(p *protocol.InitializeParams) {
			if on {
				p.InitializationOptions = []byte(`{"inlayHints": true}`)
			}
		})
		u := e.open("config.yaml", text)
		e.wait(u, 1)
		hints, err := e.server.InlayHint(context.Background(), &protocol.InlayHintParams{TextDocument: td(u), Range: protocol.Range{End: pos(99, 0)}})
		if err != nil {
			t.Fatal(err)
		}
		if !on {
			if len(hints) != 0 {
				t.Errorf("inlay hints without the setting: %+v", hints)
			}
			continue
		}
		// api leaves replicas out (default 1); web sets it.
		if len(hints) != 1 || hints[0].Position.Line != 1 || !strings.Contains(fmt.Sprint(hints[0].Label), "replicas: 1") {
			t.Errorf("hints %+v, want replicas: 1 at the end of api's line", hints)
		}
	}
}

// A folder added during the session is indexed: its symbols are found
// without opening a file.
func TestAddedWorkspaceFolderIsIndexed(t *testing.T) {
	e := startEditor(t, nil)
	// A request answered means the initialized notification before it was
	// handled: its runs.Add cannot race with the Wait below.
	e.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "x"})
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".greyhound", "config.yaml"), "services:\n  - name: late-comer\n    image: busybox\n")
	e.srv.DidChangeWorkspaceFolders(context.Background(), &protocol.DidChangeWorkspaceFoldersParams{ // the server side: the notification is handled before Wait
		Event: protocol.WorkspaceFoldersChangeEvent{Added: []protocol.WorkspaceFolder{{URI: uri.File(root), Name: "late"}}},
	})
	e.srv.runs.Wait() // the indexing runs in the background, counted with the lint runs
	res, _ := e.srv.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "latecomer"})
	if syms := symbolsOf(res); len(syms) != 1 {
		t.Errorf("the added folder's service is not a workspace symbol: %+v", syms)
	}
}
