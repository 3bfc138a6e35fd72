package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/workspace"
)

// openFile opens the file at path (its text as given) and waits for its
// diagnostics.
func (e *editor) openFile(path, text string) (uri.URI, []protocol.Diagnostic) {
	e.t.Helper()
	u := uri.File(path)
	e.mu.Lock()
	e.versions[u] = 1
	e.mu.Unlock()
	e.openURI(u, text)
	return u, e.wait(u, 1)
}

func (e *editor) close(u uri.URI) {
	e.t.Helper()
	if err := e.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil {
		e.t.Fatal(err)
	}
}

// settle waits until the server has handled every notification sent so
// far (a request is read after them) and every run they started.
func (e *editor) settle() {
	e.t.Helper()
	e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp("file:///nowhere.yaml", 0, 0)})
	e.srv.runs.Wait()
}

// A YAML document outside any checkout (the clients send every YAML
// document; file:///x.yaml walked the whole machine, N4) gets no walk of
// its directory, and a watched-file event for an unrelated file makes no
// checkout walk again.
func TestDocumentOutsideACheckoutIsNotWalked(t *testing.T) {
	dir := t.TempDir()
	if workspace.RootOf(filepath.Join(dir, "x.yaml")) != dir {
		t.Skip("the temporary directory is inside a checkout")
	}
	// A checkout below the document's directory: a walk would find it.
	writeFile(t, filepath.Join(dir, "sub", ".greyhound", "applications.yaml"), "applications:\n  - {name: a, repository: acme/app, config_source: ../x.yaml}\n")
	e := startEditor(t, nil)
	before := workspace.Walks()
	u, ds := e.openFile(filepath.Join(dir, "x.yaml"), "apiVersion: v1\nkind: ConfigMap\n")
	if len(ds) != 0 {
		t.Errorf("a manifest outside any checkout got findings: %v", ds)
	}
	if n := workspace.Walks() - before; n != 0 {
		t.Errorf("opening a document outside any checkout walked %d checkouts", n)
	}
	if files := e.srv.set.At(dir).Files(); len(files) != 0 {
		t.Errorf("the document's directory was walked: %v", files)
	}
	// A checkout's document: walked once, and not again after an event for
	// an unrelated file and an edit.
	repo := filepath.Join(dir, "repo")
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	writeFile(t, filepath.Join(repo, "deploy", "api.yaml"), "services:\n  - name: web\n    image: nginx\n")
	api, _ := e.openFile(filepath.Join(repo, "deploy", "api.yaml"), "services:\n  - name: web\n    image: nginx\n")
	walked := workspace.Walks()
	e.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(filepath.Join(dir, "unrelated.txt")), Type: protocol.FileChangeTypeChanged},
		{URI: uri.File(filepath.Join(repo, "deploy", "other.yaml")), Type: protocol.FileChangeTypeChanged},
	}})
	e.wait(api, e.edit(api, 0, 0, 0, 0, "# a comment\n"))
	e.wait(u, e.edit(u, 0, 0, 0, 0, "# a comment\n"))
	if n := workspace.Walks() - walked; n != 0 {
		t.Errorf("an event for files that no walk lists, and an edit, walked %d checkouts again", n)
	}
	// A greyhound file created in the checkout: walked again, once.
	writeFile(t, filepath.Join(repo, ".greyhound", "applications.yaml"), "applications:\n  - {name: a, repository: acme/app, config_source: deploy/api.yaml}\n")
	e.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(filepath.Join(repo, ".greyhound", "applications.yaml")), Type: protocol.FileChangeTypeCreated},
	}})
	e.wait(api, e.edit(api, 0, 0, 0, 0, "# another\n"))
	if n := workspace.Walks() - walked; n != 1 {
		t.Errorf("a greyhound file created in the checkout: %d walks, want 1", n)
	}
	if files := e.srv.set.At(repo).Files(); len(files) != 1 {
		t.Errorf("after the event the checkout lists %v", files)
	}
}

// The rules run only on documents the server answers for: a workflow
// (no .greyhound/, no application names it) gets an empty publish and no
// lint run at all (N5: the server linted every YAML document first, and
// a long workflow script cost seconds of CPU per keystroke).
func TestOtherYAMLIsNeverLinted(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	e := startEditor(t, nil)
	// Greyhound-looking text with a finding, in a workflow's place.
	u, ds := e.openFile(filepath.Join(dir, ".github", "workflows", "ci.yml"), "services:\n  - name: web\n    imge: nginx\n    env: [{name: A, value: \"${\"}]\n")
	if len(ds) != 0 {
		t.Errorf("a workflow got findings: %v", ds)
	}
	e.srv.mu.Lock()
	res := e.srv.docs[u].result
	e.srv.mu.Unlock()
	if res != nil {
		t.Errorf("the rules ran on a document the server does not answer for (%d findings discarded)", len(res.Diagnostics))
	}
	// The same text in .greyhound/ is linted.
	_, ds = e.openFile(filepath.Join(dir, ".greyhound", "config.yaml"), "services:\n  - name: web\n    imge: nginx\n")
	if len(ds) == 0 {
		t.Error("a greyhound file got no findings")
	}
}

// A removed workspace folder's checkouts are dropped: no symbol of them
// is answered, no workspace of them kept (N16); adding it again indexes
// it once, without listing its checkouts twice.
func TestRemovedWorkspaceFolderIsDropped(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("svc%d", i), ".greyhound", "config.yaml"), fmt.Sprintf("services:\n  - name: folder-svc%d\n    image: nginx\n", i))
	}
	e := startEditor(t, nil)
	folder := []protocol.WorkspaceFolder{{URI: uri.File(dir), Name: "w"}}
	change := func(added, removed []protocol.WorkspaceFolder) {
		err := e.server.DidChangeWorkspaceFolders(context.Background(), &protocol.DidChangeWorkspaceFoldersParams{Event: protocol.WorkspaceFoldersChangeEvent{Added: added, Removed: removed}})
		if err != nil {
			t.Fatal(err)
		}
		e.settle()
	}
	symbols := func() int {
		res, err := e.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "folder-svc"})
		if err != nil {
			t.Fatal(err)
		}
		return len(symbolsOf(res))
	}
	change(folder, nil)
	change(folder, nil)
	if n := symbols(); n != 5 {
		t.Fatalf("after adding the folder: %d symbols, want 5", n)
	}
	if n := len(e.srv.roots); n != 5 {
		t.Errorf("the folder added twice: %d checkouts listed, want 5", n)
	}
	change(nil, folder)
	if n := symbols(); n != 0 {
		t.Errorf("after removing the folder: %d symbols, want 0", n)
	}
	if n := len(e.srv.set.All()); n != 0 {
		t.Errorf("after removing the folder: %d workspaces kept", n)
	}
}

// Per-directory state lives as long as an open document needs it: a
// session that opens and closes documents in many directories keeps no
// workspace for them (N17: every one was kept, and each visited on every
// keystroke).
func TestClosedDocumentsReleaseTheirCheckouts(t *testing.T) {
	dir := t.TempDir()
	e := startEditor(t, nil)
	keep, _ := e.openFile(filepath.Join(dir, "keep", ".greyhound", "config.yaml"), "services:\n  - name: web\n    image: nginx\n")
	for i := range 40 {
		u, _ := e.openFile(filepath.Join(dir, fmt.Sprint("d", i), ".greyhound", "config.yaml"), "services:\n  - name: web\n    image: nginx\n")
		e.close(u)
	}
	e.settle()
	if n := len(e.srv.set.All()); n != 1 {
		t.Errorf("after 40 documents in 40 checkouts were closed: %d workspaces kept, want 1 (the open document's)", n)
	}
	e.close(keep)
	e.settle()
	if n := len(e.srv.set.All()); n != 0 {
		t.Errorf("with no document open: %d workspaces kept", n)
	}
}

// file:///x.yaml (the file need not exist) and a client whose root falls
// back to file:/// walked the whole machine (N4): neither walks now, and
// the folder is said to be left out.
func TestRootOfTheFileSystemIsNotWalked(t *testing.T) {
	if workspace.RootOf("/greylint-test-x.yaml") != "/" || workspace.IsCheckout("/") {
		t.Skip("/ is a checkout on this machine")
	}
	root := uri.URI("file:///")
	e := startEditor(t, func(p *protocol.InitializeParams) {
		//lint:ignore SA1019 the clients that fall back to / send only rootUri
		p.RootURI = &root
	})
	before := workspace.Walks()
	if _, ds := e.openFile("/greylint-test-x.yaml", "apiVersion: v1\nkind: ConfigMap\n"); len(ds) != 0 {
		t.Errorf("file:///x.yaml got findings: %v", ds)
	}
	e.settle()
	if n := workspace.Walks() - before; n != 0 {
		t.Errorf("opening file:///x.yaml walked %d checkouts", n)
	}
	if len(e.srv.roots) != 0 {
		t.Errorf("the root of the file system was indexed: %d checkouts", len(e.srv.roots))
	}
	e.mu.Lock()
	logs := strings.Join(e.logs, "\n")
	e.mu.Unlock()
	if !strings.Contains(logs, "not indexing the workspace folder /") {
		t.Errorf("nothing said of the folder left out: %q", logs)
	}
}
