package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// holdRun makes the server's run of version v of u wait at stage until
// the returned release is called; held is closed when the run got there.
// It must be set before the document is opened.
func holdRun(e *editor, u uri.URI, v int32, stage runStage) (held <-chan struct{}, release func()) {
	h, r := make(chan struct{}), make(chan struct{})
	e.srv.testHook = func(s runStage, at uri.URI, version int32) {
		if s == stage && at == u && version == v {
			close(h)
			<-r
		}
	}
	return h, func() { close(r) }
}

func lastVersion(e *editor, u uri.URI) int32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	v, _ := e.diags[u].Version.Get()
	return v
}

// A run that finished its analysis of an older text, and was past its
// last look at its context when a newer text came, publishes nothing: the
// client would show findings of a text it no longer has, over the newer
// ones.
func TestStaleRunDoesNotPublish(t *testing.T) {
	e := startEditor(t, nil)
	u := fileURI("config.yaml")
	held, release := holdRun(e, u, 2, runPublishing)
	e.open("config.yaml", "services: []\n")
	e.wait(u, 1)
	e.edit(u, 0, 0, 0, 0, "builds: [{name: b}]\n")
	<-held // version 2's run is about to publish
	v3 := e.edit(u, 0, 0, 1, 0, "")
	e.wait(u, v3)
	release()
	e.srv.runs.Wait()
	if v := lastVersion(e, u); v != v3 {
		t.Errorf("the last diagnostics published are of version %d, want %d", v, v3)
	}
}

// A change cancels the run in flight: a run superseded before it looked
// at its context never parses or lints its text (a burst of keystrokes
// costs one run, not one per key).
func TestSupersededRunStops(t *testing.T) {
	e := startEditor(t, nil)
	u := fileURI("config.yaml")
	held, release := holdRun(e, u, 2, runStarted)
	var analyzed []int32
	newer := make(chan struct{}, 1) // version 3's run started: version 2 was cancelled before
	hold := e.srv.testHook
	e.srv.testHook = func(s runStage, at uri.URI, v int32) {
		hold(s, at, v)
		if s == runStarted && at == u && v == 3 {
			newer <- struct{}{}
		}
		if s == runAnalyzed && at == u {
			e.mu.Lock()
			analyzed = append(analyzed, v)
			e.mu.Unlock()
		}
	}
	e.open("config.yaml", "services: []\n")
	e.wait(u, 1)
	e.edit(u, 0, 0, 0, 0, "builds: [{name: b}]\n")
	<-held
	v3 := e.edit(u, 0, 0, 1, 0, "")
	<-newer // the server has taken the change (a notification is not answered)
	release()
	e.wait(u, v3)
	e.srv.runs.Wait()
	e.mu.Lock()
	defer e.mu.Unlock()
	if slices.Contains(analyzed, 2) || !slices.Contains(analyzed, v3) {
		t.Errorf("versions analysed: %v; want %d and not 2 (superseded)", analyzed, v3)
	}
}

// An open document's text is what the other documents' cross-file
// findings read (its overlay); closing it without saving goes back to the
// file on disk, and the documents that depend on it are linted again.
func TestCloseClearsTheOverlay(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	apps := "applications:\n  - {name: api, repository: acme/api, branch: main}\n"
	files := map[string]string{
		".greylint.yaml":               "repository: acme/api\n",
		".greyhound/applications.yaml": apps + "  - {name: worker, repository: acme/api, branch: main, config_source: .greyhound/worker.yaml}\n",
		".greyhound/config.yaml":       "services:\n  - name: api\n    image: nginx\n",
		".greyhound/worker.yaml":       "services:\n  - name: worker\n    image: nginx\n",
	}
	for f, text := range files {
		writeFile(t, filepath.Join(root, f), text)
	}
	unreferenced := func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.ContainsFunc(p.Diagnostics, func(d protocol.Diagnostic) bool { return codeOf(d) == "unreferenced-config" })
	}
	e := startEditor(t, nil)
	worker := uri.File(filepath.Join(root, ".greyhound", "worker.yaml"))
	appsURI := uri.File(filepath.Join(root, ".greyhound", "applications.yaml"))
	e.openURI(worker, files[".greyhound/worker.yaml"])
	if p := e.waitFor(worker, func(*protocol.PublishDiagnosticsParams) bool { return true }); unreferenced(p) {
		t.Fatalf("worker.yaml is named by the applications file on disk, yet: %v", p.Diagnostics)
	}
	// The open applications file, not saved, no longer names worker.yaml.
	e.openURI(appsURI, apps)
	e.waitFor(worker, unreferenced)
	if err := e.server.DidClose(t.Context(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: appsURI}}); err != nil {
		t.Fatal(err)
	}
	e.waitFor(worker, func(p *protocol.PublishDiagnosticsParams) bool { return !unreferenced(p) })
	// The closed document's own diagnostics are cleared.
	e.waitFor(appsURI, func(p *protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
}
