package lsp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/internal/hostile"
)

// The escape test, server half (issue #19): on the checkout of every link
// shape (internal/hostile.WriteEscape), the server's file features (open
// and diagnostics, definition, references, rename, hover, document links,
// code lenses, workspace symbols) answer no byte of the sentinel planted
// outside, name no file outside but the mapped checkout, change no file
// outside, and never block on a FIFO or /dev/zero (.greylint.yaml links
// included).
func TestServerNothingEscapesTheCheckout(t *testing.T) {
	e, err := hostile.WriteEscape(t.TempDir())
	if err != nil {
		t.Skipf("cannot make the link shapes here: %v", err)
	}
	t.Setenv("GREYLINT_ESCAPE_SENTINEL", e.Sentinel) // read through /proc/self/environ, if at all
	before := hostile.Snapshot(e.Outside)
	ed := startEditor(t, func(p *protocol.InitializeParams) {
		root := uri.File(e.Repo)
		p.RootURI = &root //lint:ignore SA1019 the folder of a client without workspace folders
	})
	check := func(what string, v any) {
		t.Helper()
		b, _ := json.Marshal(v)
		s := string(b)
		if e.Leaks(s) {
			t.Errorf("%s answered the sentinel: %.2000s", what, s)
		}
		if strings.Contains(s, "file://"+filepath.ToSlash(e.Outside)) && !strings.Contains(s, "file://"+filepath.ToSlash(e.Mapped)) {
			t.Errorf("%s names a file outside the checkout: %.2000s", what, s)
		}
	}
	docs := []string{".greyhound/applications.yaml", ".greyhound/config.yaml", "deploy/ok.yaml", "svc/.greyhound/config.yaml"}
	var uris []uri.URI
	for _, name := range docs {
		text, err := os.ReadFile(filepath.Join(e.Repo, name))
		if err != nil {
			t.Fatal(err)
		}
		u := uri.File(filepath.Join(e.Repo, name))
		ed.openURI(u, string(text))
		uris = append(uris, u)
		check("diagnostics of "+name, ed.waitFor(u, func(*protocol.PublishDiagnosticsParams) bool { return true }))
	}
	// Documents at paths through links out of the checkout: the client
	// sends their text (here its own), the server reads the rest.
	for _, name := range []string{"l/other.yaml", "up/.greyhound/config.yaml", ".greyhound/leak.yaml", "proc" + e.Outside + "/other.yaml"} {
		u := uri.File(filepath.Join(e.Repo, name))
		ed.openURI(u, "jobs:\n  - name: x\n    image: nginx\n")
		uris = append(uris, u)
	}
	ctx := context.Background()
	answered := 0 // definitions found: the features ran on these files at all
	for _, u := range uris {
		text := ed.serverText(u)
		lines := strings.Split(text, "\n")
		for line := range lines {
			for _, col := range []int{0, 4, 8, 12, 20, 40, 60, 70, 80} {
				if col > len(lines[line]) {
					continue
				}
				p := tdpp(u, uint32(line), uint32(col))
				def, _ := ed.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: p})
				check("definition", def)
				if b, _ := json.Marshal(def); strings.Contains(string(b), "file://") {
					answered++
				}
				refs, _ := ed.server.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: p, Context: protocol.ReferenceContext{IncludeDeclaration: true}})
				check("references", refs)
				hover, _ := ed.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: p})
				check("hover", hover)
				edit, _ := ed.server.Rename(ctx, &protocol.RenameParams{TextDocumentPositionParams: p, NewName: "renamed"})
				check("rename", edit)
			}
		}
		links, _ := ed.server.DocumentLink(ctx, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
		check("document links", links)
		lenses, _ := ed.server.CodeLens(ctx, &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
		for i := range lenses {
			r, _ := ed.server.CodeLensResolve(ctx, &lenses[i])
			check("code lens", r)
		}
	}
	if answered == 0 {
		t.Error("no definition was found anywhere: the test exercises nothing")
	}
	for _, q := range []string{"", "s", e.Sentinel[:8], "SENTINEL"} {
		syms, _ := ed.server.Symbols(ctx, &protocol.WorkspaceSymbolParams{Query: q})
		check("workspace symbols", syms)
	}
	// Checkouts whose .greylint.yaml leaves them: answered, never blocked.
	for _, dir := range e.GreylintLinks {
		u := uri.File(filepath.Join(dir, ".greyhound", "config.yaml"))
		done := make(chan *protocol.PublishDiagnosticsParams, 1)
		go func() {
			ed.openURI(u, "services:\n  - name: web\n    image: nginx\n")
			done <- ed.waitFor(u, func(*protocol.PublishDiagnosticsParams) bool { return true })
		}()
		select {
		case p := <-done:
			check("diagnostics in "+filepath.Base(dir), p)
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the server blocks on its .greylint.yaml", filepath.Base(dir))
		}
	}
	ed.mu.Lock()
	check("log messages", ed.logs)
	ed.mu.Unlock()
	if ch := hostile.Changed(before, hostile.Snapshot(e.Outside)); len(ch) > 0 {
		t.Errorf("files outside the checkout changed: %v", ch)
	}
}
