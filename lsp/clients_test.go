package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// What the test client was asked for besides diagnostics and logs, per
// editor (the harness's editor type stays as it is).
type clientLog struct {
	mu            sync.Mutex
	refreshes     int
	registrations []protocol.Registration
	messages      []string
	shown         []protocol.ShowDocumentParams
}

var clientLogs sync.Map // *editor -> *clientLog

func logOf(e *editor) *clientLog {
	l, _ := clientLogs.LoadOrStore(e, &clientLog{})
	return l.(*clientLog)
}

func (e *editor) DiagnosticRefresh(context.Context) error {
	l := logOf(e)
	l.mu.Lock()
	l.refreshes++
	l.mu.Unlock()
	return nil
}

func (e *editor) RegisterCapability(ctx context.Context, p *protocol.RegistrationParams) error {
	l := logOf(e)
	l.mu.Lock()
	l.registrations = append(l.registrations, p.Registrations...)
	l.mu.Unlock()
	return nil
}

func (e *editor) UnregisterCapability(context.Context, *protocol.UnregistrationParams) error {
	return nil
}

func (e *editor) ShowMessage(ctx context.Context, p *protocol.ShowMessageParams) error {
	l := logOf(e)
	l.mu.Lock()
	l.messages = append(l.messages, p.Message)
	l.mu.Unlock()
	return nil
}

func (e *editor) ShowDocument(ctx context.Context, p *protocol.ShowDocumentParams) (*protocol.ShowDocumentResult, error) {
	l := logOf(e)
	l.mu.Lock()
	l.shown = append(l.shown, *p)
	l.mu.Unlock()
	return &protocol.ShowDocumentResult{Success: true}, nil
}

// until polls cond (under the log's lock) for up to 10 s.
func (l *clientLog) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		l.mu.Lock()
		ok := cond()
		l.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func pullCaps(p *protocol.InitializeParams) {
	yes := true
	p.Capabilities.TextDocument = &protocol.TextDocumentClientCapabilities{Diagnostic: &protocol.DiagnosticClientCapabilities{}}
	p.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{
		Diagnostics:           &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: &yes},
		DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: &yes},
	}
}

// A client that pulls diagnostics (vscode-languageclient 9) gets the
// diagnosticProvider and no pushes; one that does not (Neovim 0.7, eglot)
// gets pushes and no diagnosticProvider: never both, or VS Code shows
// every finding twice.
func TestOneDiagnosticsModelPerClient(t *testing.T) {
	for _, pull := range []bool{false, true} {
		params := &protocol.InitializeParams{}
		if pull {
			pullCaps(params)
		}
		res, err := newServer(protocol.UnimplementedClient{}, Options{}).Initialize(context.Background(), params)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Capabilities.DiagnosticProvider != nil; got != pull {
			t.Errorf("pull=%v: diagnosticProvider advertised: %v", pull, got)
		}
	}

	e := startEditor(t, pullCaps)
	u := e.open("config.yaml", "services:\n  - name: api\n    image_from_build: nope\n")
	rep, err := e.server.Diagnostic(context.Background(), &protocol.DocumentDiagnosticParams{TextDocument: td(u)})
	if err != nil {
		t.Fatal(err)
	}
	if items := rep.(*protocol.RelatedFullDocumentDiagnosticReport).Items; len(items) != 1 || codeOf(items[0]) != "unknown-build" {
		t.Fatalf("pulled %+v, want one unknown-build", items)
	}
	e.srv.runs.Wait() // the background run finished
	// A round trip: the client has read whatever the run sent before.
	e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, 0, 0)})
	if err := e.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: td(u)}); err != nil {
		t.Fatal(err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if p := e.diags[u]; p != nil {
		t.Errorf("a client that pulls was pushed %+v", p)
	}
}

// When an edit of one file changes another open file's findings, a client
// that pulls is asked to pull again (it pulls only the edited document on
// its own).
func TestDiagnosticRefreshWhenAnotherFileChanges(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".greylint.yaml"), "repository: acme-corp/api\n")
	writeFile(t, filepath.Join(root, ".greyhound", "applications.yaml"), featuresApps)
	writeFile(t, filepath.Join(root, ".greyhound", "config.yaml"), featuresConfig)
	e := startEditor(t, func(p *protocol.InitializeParams) {
		pullCaps(p)
		p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}})
	})
	apps := uri.File(filepath.Join(root, ".greyhound", "applications.yaml"))
	cfg := uri.File(filepath.Join(root, ".greyhound", "config.yaml"))
	e.openURI(apps, featuresApps)
	e.openURI(cfg, featuresConfig)
	pull := func(u uri.URI) []protocol.Diagnostic {
		rep, err := e.server.Diagnostic(context.Background(), &protocol.DocumentDiagnosticParams{TextDocument: td(u)})
		if err != nil {
			t.Fatal(err)
		}
		return rep.(*protocol.RelatedFullDocumentDiagnosticReport).Items
	}
	before := pull(apps)
	e.srv.runs.Wait()
	l := logOf(e)
	l.mu.Lock()
	if l.refreshes != 0 {
		t.Errorf("refreshed %d times before anything changed", l.refreshes)
	}
	l.mu.Unlock()
	// Rename the service debug in config.yaml: applications.yaml's
	// removed_services entry now names a service that does not exist.
	e.mu.Lock()
	e.versions[cfg] = 1
	e.mu.Unlock()
	e.edit(cfg, 12, 10, 12, 15, "debugger")
	l.until(t, "workspace/diagnostic/refresh", func() bool { return l.refreshes > 0 })
	if after := pull(apps); len(after) == len(before) {
		t.Errorf("applications.yaml's findings did not change: %+v", after)
	}
}

// The server asks a client that can register it dynamically to watch the
// files findings depend on.
func TestWatchedFilesAreRegistered(t *testing.T) {
	e, _, _, root := featureWorkspace(t)
	if l := logOf(e); len(l.registrations) != 0 {
		t.Errorf("a client without dynamic registration was asked: %+v", l.registrations)
	}
	outside := filepath.Join(root, "deploy", "greyhound.yaml")
	writeFile(t, outside, featuresConfig)
	writeFile(t, filepath.Join(root, ".greyhound", "applications.yaml"), strings.Replace(featuresApps, ".greyhound/config.yaml", "deploy/greyhound.yaml", 1))
	e = startEditor(t, func(p *protocol.InitializeParams) {
		pullCaps(p)
		p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}})
	})
	l := logOf(e)
	l.until(t, "two registrations", func() bool { return len(l.registrations) == 2 })
	var globs []string
	for _, r := range l.registrations {
		if r.Method != "workspace/didChangeWatchedFiles" {
			t.Errorf("registration %+v", r)
		}
		var opts watchOptions
		if err := json.Unmarshal(r.RegisterOptions, &opts); err != nil {
			t.Fatal(err)
		}
		for _, w := range opts.Watchers {
			globs = append(globs, w.GlobPattern)
		}
	}
	want := append(append([]string(nil), watchedGlobs...), filepath.ToSlash(outside))
	if strings.Join(globs, " ") != strings.Join(want, " ") {
		t.Errorf("watched %q, want %q", globs, want)
	}
}

// The lenses' command runs in any client: the server executes it.
func TestShowReferencesCommand(t *testing.T) {
	e, _, cfg, _ := featureWorkspace(t)
	lenses, _ := e.server.CodeLens(context.Background(), &protocol.CodeLensParams{TextDocument: td(cfg)})
	res, _ := e.server.CodeLensResolve(context.Background(), &lenses[0]) // api-build: 2 uses
	got, err := e.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: res.Command.Command, Arguments: res.Command.Arguments})
	if err != nil {
		t.Fatal(err)
	}
	var locs []protocol.Location
	if err := json.Unmarshal(got, &locs); err != nil || len(locs) != 2 {
		t.Fatalf("result %s %v, want the 2 uses", got, err)
	}
	l := logOf(e)
	if len(l.messages) != 1 || l.messages[0] != "greylint: 2 uses: config.yaml:7, config.yaml:14" {
		t.Errorf("messages %q", l.messages)
	}
	_, err = e.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: "greylint.other"})
	var rpcErr *jsonrpc2.Error
	if !asRPCError(err, &rpcErr) || rpcErr.Code != jsonrpc2.InvalidParams {
		t.Errorf("unknown command: %v", err)
	}
}

func asRPCError(err error, target **jsonrpc2.Error) bool {
	if err == nil {
		return false
	}
	e, ok := err.(*jsonrpc2.Error)
	*target = e
	return ok
}

// source.fixAll.greylint applies what greylint --fix applies: safe fixes,
// not unsafe ones; and is offered only to requests for source actions.
func TestFixAll(t *testing.T) {
	e := startEditor(t, nil)
	text := "builds:\n  - name: api-build\njobs:\n  - name: migrate\n    image_from_build: api-bild\n    restartPolicy: Never\n"
	u := e.open("config.yaml", text)
	e.wait(u, 1)
	ask := func(only ...protocol.CodeActionKind) []protocol.CommandOrCodeAction {
		acts, err := e.server.CodeAction(context.Background(), &protocol.CodeActionParams{
			TextDocument: td(u), Range: protocol.Range{Start: pos(0, 0), End: pos(0, 0)},
			Context: protocol.CodeActionContext{Only: only},
		})
		if err != nil {
			t.Fatal(err)
		}
		return acts
	}
	// The safe fix (restart_policy) is applied; the guess (api-bild to
	// api-build, unsafe) is not.
	want := strings.Replace(text, "restartPolicy", "restart_policy", 1)
	for _, only := range []protocol.CodeActionKind{"source", "source.fixAll", "source.fixAll.greylint"} {
		acts := ask(only)
		if len(acts) != 1 {
			t.Fatalf("only %s: %d actions", only, len(acts))
		}
		a := acts[0].(*protocol.CodeAction)
		if *a.Kind != codeActionFixAll {
			t.Errorf("kind %s", *a.Kind)
		}
		edits := a.Edit.Changes[u]
		if len(edits) != 1 {
			t.Fatalf("only %s: edits %+v", only, edits)
		}
		if got := applyEdit(text, edits[0]); got != want {
			t.Errorf("only %s: fixed text\n%s\nwant\n%s", only, got, want)
		}
	}
	if acts := ask(protocol.CodeActionKindQuickFix); len(acts) != 0 {
		for _, a := range acts {
			if ca := a.(*protocol.CodeAction); *ca.Kind == codeActionFixAll {
				t.Errorf("fixAll offered as a quick fix")
			}
		}
	}
	if acts := ask("source.organizeImports"); len(acts) != 0 {
		t.Errorf("organizeImports: %+v", acts)
	}
}

// Rename refusals are RequestFailed (-32803), not InvalidRequest.
func TestRenameRefusalIsRequestFailed(t *testing.T) {
	e := startEditor(t, nil)
	u := e.open("config.yaml", "builds:\n  - name: api\n  - name: web\n")
	e.wait(u, 1)
	_, err := e.server.Rename(context.Background(), &protocol.RenameParams{TextDocumentPositionParams: tdpp(u, 1, 11), NewName: "web"})
	var rpcErr *jsonrpc2.Error
	if !asRPCError(err, &rpcErr) || rpcErr.Code != -32803 {
		t.Errorf("rename to a taken name: %v, want code -32803", err)
	}
}

// applyEdit applies one edit to an ASCII text.
func applyEdit(text string, e protocol.TextEdit) string {
	off := func(p protocol.Position) int {
		o := 0
		for range p.Line {
			o += strings.IndexByte(text[o:], '\n') + 1
		}
		return o + int(p.Character)
	}
	return text[:off(e.Range.Start)] + e.NewText + text[off(e.Range.End):]
}

// A client that pulls asks right after each edit, while the run the edit
// started lints the same text: the pull waits for that run instead of
// linting the text a second time, answers the new text's findings, and
// is not asked to pull again (refresh is for changes from other files).
func TestPullAfterEditLintsOnce(t *testing.T) {
	var mu sync.Mutex
	own := 0
	e := startEditor(t, pullCaps)
	e.srv.testHook = func(s runStage, _ uri.URI, _ int32) {
		if s == pullAnalyzed {
			mu.Lock()
			own++
			mu.Unlock()
		}
	}
	u := e.open("config.yaml", "builds:\n  - name: api\nservices:\n  - name: web\n    image_from_build: api\n")
	for i, name := range []string{"apx", "api", "apy"} {
		e.edit(u, 4, 22, 4, 25, name)
		rep, err := e.server.Diagnostic(context.Background(), &protocol.DocumentDiagnosticParams{TextDocument: td(u)})
		if err != nil {
			t.Fatal(err)
		}
		items := rep.(*protocol.RelatedFullDocumentDiagnosticReport).Items
		if want := map[bool]int{true: 0, false: 1}[name == "api"]; len(items) != want {
			t.Errorf("edit %d (%s): pulled %d findings, want %d: %+v", i, name, len(items), want, items)
		}
	}
	e.srv.runs.Wait()
	mu.Lock()
	defer mu.Unlock()
	if own != 0 {
		t.Errorf("%d pulls linted the text again while its run was in flight", own)
	}
	l := logOf(e)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.refreshes != 0 {
		t.Errorf("asked to pull again %d times after edits of the document itself", l.refreshes)
	}
}

// A workspace folder added later has its config_source targets watched
// too (they were registered only at start-up, and after a watched file
// changed).
func TestAddedFolderConfigSourcesAreWatched(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "deploy", "greyhound.yaml")
	writeFile(t, filepath.Join(root, ".greylint.yaml"), "repository: acme-corp/api\n")
	writeFile(t, outside, featuresConfig)
	writeFile(t, filepath.Join(root, ".greyhound", "applications.yaml"), strings.Replace(featuresApps, ".greyhound/config.yaml", "deploy/greyhound.yaml", 1))
	e := startEditor(t, pullCaps)
	l := logOf(e)
	l.until(t, "the globs' registration", func() bool { return len(l.registrations) >= 1 })
	if err := e.server.DidChangeWorkspaceFolders(context.Background(), &protocol.DidChangeWorkspaceFoldersParams{
		Event: protocol.WorkspaceFoldersChangeEvent{Added: []protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}}, Removed: []protocol.WorkspaceFolder{}},
	}); err != nil {
		t.Fatal(err)
	}
	l.until(t, "the added folder's config_source target registered", func() bool {
		for _, r := range l.registrations {
			if strings.Contains(string(r.RegisterOptions), filepath.ToSlash(outside)) {
				return true
			}
		}
		return false
	})
}

// The uses a lens lists are named by their files' names, which are the
// user's: shown escaped.
func TestUsesMessageIsEscaped(t *testing.T) {
	m := usesMessage([]protocol.Location{{URI: uri.URI("file:///r/a%0Ab%1B%5B2J.yaml")}})
	if strings.ContainsAny(m, "\n\x1b") {
		t.Errorf("usesMessage = %q", m)
	}
}
