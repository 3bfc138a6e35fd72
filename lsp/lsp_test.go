package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

const sampleConfig = `builds:
  - name: api-build
    dockerfile: Dockerfile.greyhound
    target: api
  - name: worker-build
services:
  - name: api
    image_from_build: api-build
    ports:
      - containerPort: 3000
  - name: worker
    image_from_build: worker-build
jobs:
  - name: migrate
    image_from_build: api-build
    restart_policy: OnFailure
rules:
  - service: api
    hostnames: [api.example.com]
    path: /
configmaps:
  - name: app-config
    data:
      LOG_LEVEL: info
      REGION: eu
`

func TestDiagnosticsArePublishedWithVersionAndDetails(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "jobs:\n  - name: migrate\n    image_from_build: api\n    restartPolicy: Never\n")
	ds := e.wait(u, 1)
	got := map[string]protocol.Diagnostic{}
	for _, d := range ds {
		got[codeOf(d)] = d
	}
	ub, ok := got["unknown-build"]
	if !ok {
		t.Fatalf("no unknown-build in %v", ds)
	}
	if ub.Range.Start != pos(2, 22) || ub.Range.End != pos(2, 25) || ub.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("unknown-build at %v severity %v", ub.Range, ub.Severity)
	}
	if src, _ := ub.Source.Get(); src != "greylint" || !strings.HasSuffix(string(ub.CodeDescription.Href), "#unknown-build") {
		t.Errorf("source %q href %q", src, ub.CodeDescription.Href)
	}
	uf := got["unknown-field"]
	var data fixData
	if err := json.Unmarshal(uf.Data, &data); err != nil || len(data.Fixes) != 1 || data.Fixes[0].Edits[0].NewText != "restart_policy" {
		t.Errorf("unknown-field data %s (%v)", uf.Data, err)
	}
}

func TestIncrementalEditsInUTF16(t *testing.T) {
	e := startEditor(t, nil)
	// The rocket is 2 UTF-16 units: the typo after it is at character 20.
	u := e.open("config.yaml", "services:\n  - name: web # 🚀 rocket\n    image: nginx\n    replicass: 2\n")
	if ds := e.wait(u, 1); len(ds) != 1 || codeOf(ds[0]) != "unknown-field" {
		t.Fatalf("got %v", ds)
	}
	// Replace "rocket" (after the emoji) with "ok": UTF-16 columns 19-25
	// (the emoji is at 16-17).
	v := e.edit(u, 1, 19, 1, 25, "ok")
	e.wait(u, v)
	// Fix the typo: delete one "s" of "replicass" (line 3, columns 12-13).
	v = e.edit(u, 3, 12, 3, 13, "")
	if ds := e.wait(u, v); len(ds) != 0 {
		t.Fatalf("after the fix: %v", ds)
	}
	sn := e.snapshotText(u)
	if want := "services:\n  - name: web # 🚀 ok\n    image: nginx\n    replicas: 2\n"; sn != want {
		t.Errorf("text %q, want %q", sn, want)
	}
}

// snapshotText is the server's copy of the text (LSP does not expose it).
func (e *editor) snapshotText(u uri.URI) string { return e.serverText(u) }

func TestVersionOrdering(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "services:\n  - name: web\n    image: nginx\n")
	e.wait(u, 1)
	var v int32
	for i := 0; i < 20; i++ {
		v = e.edit(u, 2, 16, 2, 16, "x") // type quickly at the end of the image
	}
	if ds := e.wait(u, v); len(ds) != 0 {
		t.Errorf("final diagnostics %v", ds)
	}
	if got := e.serverText(u); !strings.Contains(got, "nginx"+strings.Repeat("x", 20)) {
		t.Errorf("edits applied out of order: %q", got)
	}
}

func TestCloseClearsDiagnostics(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "jobs: [{name: j, image: x, ports: []}]\n")
	if len(e.wait(u, 1)) == 0 {
		t.Fatal("expected diagnostics")
	}
	if err := e.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil {
		t.Fatal(err)
	}
	// Closing publishes an empty list without a version.
	e.waitFor(u, func(p *protocol.PublishDiagnosticsParams) bool { return p.Version.IsZero() && len(p.Diagnostics) == 0 })
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // labels that must be offered
		not        []string // labels that must not be offered
	}{
		{"job keys, not those present", strings.Replace(sampleConfig, "rules:\n", "  - name: seed\n    image: busybox\n    |\nrules:\n", 1), []string{"restart_policy", "command"}, []string{"name", "image", "ports"}},
		{"builds at image_from_build", strings.Replace(sampleConfig, "image_from_build: worker-build", "image_from_build: |", 1), []string{"api-build", "worker-build"}, nil},
		{"services with ports at a rule", strings.Replace(sampleConfig, "  - service: api", "  - service: |", 1), []string{"api"}, []string{"worker", "migrate"}},
		{"enum values", strings.Replace(sampleConfig, "restart_policy: OnFailure", "restart_policy: |", 1), []string{"OnFailure", "Never"}, []string{"Always"}},
		{"configmap keys", sampleConfig + "    env:\n      - name: L\n        valueFrom:\n          configMapKeyRef:\n            name: app-config\n            key: |", []string{"LOG_LEVEL", "REGION"}, nil},
		{"variables after ${", strings.Replace(sampleConfig, "image_from_build: worker-build", "image: registry/w:${com|", 1), []string{"commit.sha", "commit.tag_or_branch", "database.0.writer_endpoint"}, nil},
		{"half-typed key, no colon yet", strings.Replace(sampleConfig, "    restart_policy: OnFailure\n", "    restart_pol|\n", 1), []string{"restart_policy", "backoff_limit"}, []string{"ports", "replicas", "name"}},
		{"new list entry being typed", strings.Replace(sampleConfig, "jobs:\n", "jobs:\n  - |\n", 1), []string{"name", "image_from_build", "restart_policy"}, []string{"ports"}},
		{"trailing garbage below", strings.Replace(sampleConfig, "image_from_build: worker-build", "image_from_build: |", 1) + "  ]]] {{ not yaml\n", []string{"api-build", "worker-build"}, nil},
		{"booleans", strings.Replace(sampleConfig, "rules:\n", "  - name: once\n    image: busybox\n    suspend: |\nrules:\n", 1), []string{"true", "false"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startEditor(t, nil)
			text, line, char := cursorPos(tt.text)
			u := e.open("config.yaml", text)
			items := e.complete(u, line, char)
			got := "," + labels(items) + ","
			for _, w := range tt.want {
				if !strings.Contains(got, ","+w+",") {
					t.Errorf("missing %q in %s", w, got)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, ","+w+",") {
					t.Errorf("unexpected %q in %s", w, got)
				}
			}
		})
	}
}

func TestCompletionKeysDetail(t *testing.T) {
	e := startEditor(t, withSnippets(true, false))
	text, line, char := cursorPos(strings.Replace(sampleConfig, "rules:\n", "  - name: seed\n    image: busybox\n    |\nrules:\n", 1))
	u := e.open("config.yaml", text)
	items := e.complete(u, line, char)
	byLabel := map[string]protocol.CompletionItem{}
	for _, it := range items {
		byLabel[it.Label] = it
	}
	for _, absent := range []string{"name", "image", "ports", "replicas"} {
		if _, ok := byLabel[absent]; ok {
			t.Errorf("%q offered although present or forbidden", absent)
		}
	}
	rp, ok := byLabel["restart_policy"]
	if !ok {
		t.Fatalf("restart_policy not offered: %s", labels(items))
	}
	edit, _ := rp.TextEdit.(*protocol.TextEdit)
	if edit == nil || edit.NewText != "restart_policy: ${1|OnFailure,Never|}" || rp.InsertTextFormat != protocol.InsertTextFormatSnippet {
		t.Errorf("restart_policy edit %+v", rp.TextEdit)
	}
	if d, _ := rp.Detail.Get(); d != "string" {
		t.Errorf("detail %q", d)
	}
	if doc, _ := rp.Documentation.(*protocol.MarkupContent); doc == nil || !strings.Contains(doc.Value, "OnFailure") {
		t.Errorf("documentation %+v", rp.Documentation)
	}
	if env := byLabel["env"]; env.TextEdit.(*protocol.TextEdit).NewText != "env:\n      - $0" {
		t.Errorf("env snippet %q", env.TextEdit.(*protocol.TextEdit).NewText)
	}
}

func TestCompletionApplications(t *testing.T) {
	apps := "applications:\n  - name: api\n    repository: acme-corp/api\n    branch: main\n  - name: web\n    repository: acme-corp/web\n    branch: main\nenvironments:\n  - name: staging\n    from_applications:\n      - name: api\n        alias: backend\n      - name: |\n"
	e := startEditor(t, nil)
	text, line, char := cursorPos(apps)
	u := e.open("applications.yaml", text)
	if got := labels(e.complete(u, line, char)); got != "api,web" {
		t.Errorf("applications: %s", got)
	}
	removed := strings.Replace(apps, "      - name: |\n", "      - name: web\n    removed_services:\n      |\n", 1)
	text, line, char = cursorPos(removed)
	u = e.open("applications.yaml", text)
	if got := labels(e.complete(u, line, char)); got != "backend,web" {
		t.Errorf("removed_services keys: %s", got)
	}
}

func TestHover(t *testing.T) {
	e := startEditor(t, nil)
	text := sampleConfig + "    env:\n      - name: R\n        value: ${commit.sha}\n"
	u := e.open("config.yaml", text)
	hover := func(line, char uint32) string {
		h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, line, char)})
		if err != nil {
			t.Fatal(err)
		}
		if h == nil {
			return ""
		}
		return h.Contents.(*protocol.MarkupContent).Value
	}
	if got := hover(15, 6); !strings.Contains(got, "OnFailure") || !strings.Contains(got, "not retried") || !strings.Contains(got, "stated") {
		t.Errorf("restart_policy hover: %q", got)
	}
	if got := hover(7, 25); !strings.Contains(got, "build `api-build`") || !strings.Contains(got, "Dockerfile.greyhound") {
		t.Errorf("image_from_build hover: %q", got)
	}
	if got := hover(27, 20); !strings.Contains(got, "full commit SHA") {
		t.Errorf("variable hover: %q", got)
	}
	if got := hover(15, 23); !strings.Contains(got, "retried") {
		t.Errorf("enum value hover: %q", got)
	}
}

func TestHoverWhileBroken(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "jobs:\n  - name: x\n    restart_policy: Never\n    ]]] broken {\n")
	h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, 2, 8)})
	if err != nil || h == nil || !strings.Contains(h.Contents.(*protocol.MarkupContent).Value, "OnFailure") {
		t.Errorf("hover on a broken document: %+v %v", h, err)
	}
}

func TestDefinitionReferencesRename(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", sampleConfig)
	ctx := context.Background()
	// F12 on the reference in the job (line 14 "    image_from_build: api-build").
	def, err := e.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdpp(u, 14, 24)})
	if err != nil {
		t.Fatal(err)
	}
	if loc, ok := def.(*protocol.Location); !ok || loc.Range.Start != pos(1, 10) || loc.Range.End != pos(1, 19) {
		t.Errorf("definition %+v", def)
	}
	refs, err := e.server.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: tdpp(u, 1, 12), Context: protocol.ReferenceContext{IncludeDeclaration: true}})
	if err != nil || len(refs) != 3 {
		t.Errorf("references %v %v, want the definition and 2 uses", refs, err)
	}
	prep, err := e.server.PrepareRename(ctx, &protocol.PrepareRenameParams{TextDocumentPositionParams: tdpp(u, 7, 25)})
	if p, ok := prep.(*protocol.PrepareRenamePlaceholder); err != nil || !ok || p.Placeholder != "api-build" {
		t.Errorf("prepareRename %+v %v", prep, err)
	}
	edit, err := e.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 7, 25), NewName: "backend"})
	if err != nil || len(edit.Changes[u]) != 3 {
		t.Fatalf("rename %+v %v", edit, err)
	}
	for _, te := range edit.Changes[u] {
		if te.NewText != "backend" {
			t.Errorf("edit %+v", te)
		}
	}
	if _, err := e.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 7, 25), NewName: "worker-build"}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("collision: %v", err)
	}
	if _, err := e.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 7, 25), NewName: "Bad_Name"}); err == nil || !strings.Contains(err.Error(), "not a valid name") {
		t.Errorf("invalid name: %v", err)
	}
	if _, err := e.server.PrepareRename(ctx, &protocol.PrepareRenameParams{TextDocumentPositionParams: tdpp(u, 2, 6)}); err == nil {
		t.Error("prepareRename on a key should be refused")
	}
}

func TestRenameApplicationAndAlias(t *testing.T) {
	e := startEditor(t, nil)
	apps := "applications:\n  - name: api\n    repository: acme-corp/api\n    branch: main\n    default_cluster: eks\nenvironments:\n  - name: staging\n    from_applications:\n      - name: api\n        alias: backend\n    removed_services:\n      backend:\n        services: [debug]\n"
	u := e.open("applications.yaml", apps)
	edit, err := e.server.Rename(context.Background(), &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 9, 17), NewName: "core"})
	if err != nil || len(edit.Changes[u]) != 2 {
		t.Fatalf("alias rename %+v %v", edit, err)
	}
	edit, err = e.server.Rename(context.Background(), &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 1, 11), NewName: "core-api"})
	if err != nil || len(edit.Changes[u]) != 2 {
		t.Fatalf("application rename %+v %v", edit, err)
	}
}

func TestDocumentSymbols(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", sampleConfig)
	res, err := e.server.DocumentSymbol(context.Background(), &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range res.(protocol.DocumentSymbolSlice) {
		var kids []string
		for _, c := range g.Children {
			kids = append(kids, c.Name)
		}
		got = append(got, g.Name+"("+strings.Join(kids, ",")+")")
	}
	want := "Builds(api-build,worker-build) Services(api,worker) Jobs(migrate) Rules(api /) ConfigMaps(app-config)"
	if strings.Join(got, " ") != want {
		t.Errorf("symbols %s, want %s", strings.Join(got, " "), want)
	}
}

func TestCodeActions(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "jobs:\n  - name: migrate\n    image: busybox\n    restartPolicy: Never\n")
	e.wait(u, 1)
	acts, err := e.server.CodeAction(context.Background(), &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: pos(3, 6), End: pos(3, 6)},
	})
	if err != nil || len(acts) != 2 {
		t.Fatalf("actions %v %v, want the fix and the ignore", acts, err)
	}
	a := acts[0].(*protocol.CodeAction)
	if a.Title != `rename to "restart_policy"` || !*a.IsPreferred || *a.Kind != protocol.CodeActionKindQuickFix {
		t.Errorf("action %+v", a)
	}
	if te := a.Edit.Changes[u]; len(te) != 1 || te[0].NewText != "restart_policy" || te[0].Range.Start != pos(3, 4) {
		t.Errorf("edit %+v", te)
	}
	ig := acts[1].(*protocol.CodeAction)
	if te := ig.Edit.Changes[u]; len(te) != 1 || te[0].NewText != "    # greylint-ignore[unknown-field]: TODO: why\n" || te[0].Range.Start != pos(3, 0) || ig.IsPreferred != nil {
		t.Errorf("ignore action %q %+v", ig.Title, te)
	}
}

func TestUnknownDocumentsAndOutOfRange(t *testing.T) {
	e := startEditor(t, nil)
	ctx := context.Background()
	ghost := fileURI("ghost.yaml")
	if items := e.complete(ghost, 0, 0); len(items) != 0 {
		t.Errorf("completion on unknown doc: %v", items)
	}
	if h, err := e.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdpp(ghost, 3, 3)}); h != nil || err != nil {
		t.Errorf("hover on unknown doc: %v %v", h, err)
	}
	u := e.open("config.yaml", sampleConfig)
	// Past the end of the text, or of a line: no answer, and no error.
	for _, p := range []protocol.Position{pos(999, 999), pos(0, 999)} {
		if h, err := e.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)}); h != nil || err != nil {
			t.Errorf("hover at %v: %v %v", p, h, err)
		}
		if locs, err := e.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdpp(u, p.Line, p.Character)}); err != nil {
			t.Errorf("definition at %v: %v", p, err)
		} else if b, _ := json.Marshal(locs); string(b) != "[]" && string(b) != "null" {
			t.Errorf("definition at %v: %s, want no location", p, b)
		}
		e.complete(u, p.Line, p.Character) // fails the test on an error
	}
	// A change to a document that is not open is logged, not fatal.
	e.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: ghost}, Version: 2}})
	v := e.edit(u, 0, 0, 0, 0, "# still alive\n")
	e.wait(u, v)
}

func TestSettings(t *testing.T) {
	e := startEditor(t, func(p *protocol.InitializeParams) {
		p.InitializationOptions = []byte(`{"rules": {"unknown-build": "off"}}`)
	})
	u := e.open("config.yaml", "jobs:\n  - name: j\n    image_from_build: nope\n    replica: 1\n")
	ds := e.wait(u, 1)
	if len(ds) != 1 || codeOf(ds[0]) != "unknown-field" || ds[0].Severity != protocol.DiagnosticSeverityWarning {
		t.Fatalf("with unknown-build off: %v", ds)
	}
	e.server.DidChangeConfiguration(context.Background(), &protocol.DidChangeConfigurationParams{Settings: []byte(`{"greylint": {"strict": true}}`)})
	v := e.edit(u, 0, 0, 0, 0, "")
	ds = e.wait(u, v)
	sev := map[string]protocol.DiagnosticSeverity{}
	for _, d := range ds {
		sev[codeOf(d)] = d.Severity
	}
	if sev["unknown-field"] != protocol.DiagnosticSeverityError || sev["unknown-build"] != protocol.DiagnosticSeverityError {
		t.Errorf("strict settings: %v", sev)
	}
}

func TestUTF8PositionEncoding(t *testing.T) {
	e := startEditor(t, func(p *protocol.InitializeParams) {
		p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16}}
	})
	u := e.open("config.yaml", "services:\n  - {name: web, image: \"🚀\", replicass: 1}\n")
	ds := e.wait(u, 1)
	if len(ds) != 1 || ds[0].Range.Start != pos(1, 31) {
		t.Errorf("utf-8 position: %+v", ds)
	}
}

func TestLifecycle(t *testing.T) {
	for _, shutdown := range []bool{true, false} {
		a, b := net.Pipe()
		done := make(chan error, 1)
		go func() { done <- Serve(context.Background(), a, Options{}) }()
		_, conn, server := protocol.NewClient(context.Background(), protocol.UnimplementedClient{}, jsonrpc2.NewStream(b))
		if _, err := server.Initialize(context.Background(), &protocol.InitializeParams{}); err != nil {
			t.Fatal(err)
		}
		if shutdown {
			if err := server.Shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		server.Exit(context.Background())
		select {
		case err := <-done:
			if shutdown && err != nil || !shutdown && err != ErrExitWithoutShutdown {
				t.Errorf("shutdown=%v: Serve returned %v", shutdown, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("server did not exit")
		}
		conn.Close()
	}
	// Closing the stream (the editor died) stops the server too.
	a, b := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), a, Options{}) }()
	b.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop when its input closed")
	}
}

func TestConfigFileIsReadAndReloaded(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".greyhound"), 0o755)
	cfgPath := filepath.Join(dir, ".greylint.yaml")
	os.WriteFile(cfgPath, []byte("rules:\n  unknown-field: off\n"), 0o644)
	e := startEditor(t, nil)
	u := uri.File(filepath.Join(dir, ".greyhound", "config.yaml"))
	e.mu.Lock()
	e.versions[u] = 1
	e.mu.Unlock()
	e.openURI(u, "services:\n  - name: web\n    image: nginx\n    livenessProbe: {}\n")
	if ds := e.wait(u, 1); len(ds) != 0 {
		t.Fatalf("with unknown-field off in .greylint.yaml: %v", ds)
	}
	os.WriteFile(cfgPath, []byte("strict: true\n"), 0o644)
	e.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(cfgPath), Type: protocol.FileChangeTypeChanged}}})
	v := e.edit(u, 0, 0, 0, 0, "")
	if ds := e.wait(u, v); len(ds) != 1 || ds[0].Severity != protocol.DiagnosticSeverityError {
		t.Fatalf("after the configuration changed to strict: %v", ds)
	}
	// The configuration file itself is checked when open.
	cu := uri.File(cfgPath)
	e.mu.Lock()
	e.versions[cu] = 1
	e.mu.Unlock()
	e.openURI(cu, "rules:\n  unknwn-field: off\n")
	if ds := e.wait(cu, 1); len(ds) != 1 || !strings.Contains(messageOf(ds[0]), "did you mean \"unknown-field\"") {
		t.Fatalf("config file diagnostics: %v", ds)
	}
}

// A request the client cancels ($/cancelRequest) does not disturb the
// server: the next requests are answered and diagnostics still arrive.
func TestCancelRequest(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", sampleConfig)
	e.wait(u, 1)
	for i := 0; i < 5; i++ {
		v := e.edit(u, 0, 0, 0, 0, " ")
		// The code action must lint the new text; the client has given up
		// already. The answer is "cancelled", not actions computed from a
		// lint cut short. (Asked of the server itself: through the
		// connection, the client side returns the context's error first.)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		acts, err := e.srv.CodeAction(ctx, &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: protocol.Range{Start: pos(1, 0), End: pos(1, 0)}})
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) || rpcErr.Code != protocol.CodeRequestCancelled || acts != nil {
			t.Fatalf("a cancelled code action answered %v, %v; want RequestCancelled", acts, err)
		}
		e.wait(u, v)
		v = e.edit(u, 0, 0, 0, 1, "")
		e.wait(u, v)
	}
	h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, 15, 6)})
	if err != nil || h == nil {
		t.Fatalf("hover after cancelled requests: %v %v", h, err)
	}
}
