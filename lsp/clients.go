package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/lint"
)

// What the server does differently per client, from the capabilities the
// client sends in initialize: real clients are the spec (VS Code through
// vscode-languageclient 9, Neovim 0.7 to 0.11, eglot, lsp-mode, Helix).

// clientCaps is what greylint uses of the client's capabilities.
type clientCaps struct {
	// pull: the client pulls diagnostics (textDocument.diagnostic). It
	// then gets no publishDiagnostics: vscode-languageclient 9 pulls and
	// accepts pushes into a second collection, so every finding showed
	// twice.
	pull bool
	// refresh: the client takes workspace/diagnostic/refresh, sent when
	// another file's change changed a document's findings.
	refresh bool
	// showDocument: window/showDocument (the lens command jumps to a use).
	showDocument bool
	// watch: workspace/didChangeWatchedFiles can be registered
	// dynamically.
	watch bool
	// configSources: the client asked (experimental.greylintConfigSources)
	// for greylint/configSources notifications: the files outside
	// .greyhound/ that applications name as their config, which the
	// Neovim plugin attaches to.
	configSources bool
}

func capsOf(params *protocol.InitializeParams) clientCaps {
	var c clientCaps
	caps := params.Capabilities
	if td := caps.TextDocument; td != nil && td.Diagnostic != nil {
		c.pull = true
	}
	if ws := caps.Workspace; ws != nil {
		if ws.Diagnostics != nil && ws.Diagnostics.RefreshSupport != nil {
			c.refresh = *ws.Diagnostics.RefreshSupport
		}
		if w := ws.DidChangeWatchedFiles; w != nil && w.DynamicRegistration != nil {
			c.watch = *w.DynamicRegistration
		}
	}
	if w := caps.Window; w != nil && w.ShowDocument != nil {
		c.showDocument = w.ShowDocument.Support
	}
	if len(caps.Experimental) > 0 {
		var x struct {
			ConfigSources bool `json:"greylintConfigSources"`
		}
		if json.Unmarshal(caps.Experimental, &x) == nil {
			c.configSources = x.ConfigSources
		}
	}
	return c
}

// fingerprint identifies a set of findings as the client shows them.
func fingerprint(diags []protocol.Diagnostic) string {
	b, _ := json.Marshal(diags)
	return string(b)
}

// pulled is what a pull answered for a document: the findings of which
// version of its text.
type pulled struct {
	version     int32
	fingerprint string
}

// pulledFindings records what a pull answered for a document still open.
func (s *Server) pulledFindings(u uri.URI, version int32, diags []protocol.Diagnostic) {
	s.mu.Lock()
	if _, open := s.docs[u]; open {
		s.pulled[u] = pulled{version, fingerprint(diags)}
	}
	s.mu.Unlock()
}

// linted is called, for a client that pulls, when a background run of a
// document finished: when its findings differ from what the client last
// pulled (another file changed them: a build removed, a config_source
// target edited, .greylint.yaml saved), the client is asked to pull again.
// Only for the version the client pulled: after an edit of the document
// itself the client pulls by itself, and asking it again would make it
// pull every open document once more per keystroke.
func (s *Server) linted(u uri.URI, version int32, diags []protocol.Diagnostic) {
	s.mu.Lock()
	last, ok := s.pulled[u]
	if !ok || last.version != version || last.fingerprint == fingerprint(diags) || !s.caps.refresh || s.refreshing || s.shutdown {
		s.mu.Unlock()
		return
	}
	s.refreshing = true
	s.mu.Unlock()
	// One refresh for a burst of runs (an edit relints every open file of
	// the checkout).
	time.AfterFunc(50*time.Millisecond, func() {
		s.mu.Lock()
		s.refreshing = false
		s.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.client.DiagnosticRefresh(ctx); err != nil {
			s.logf(protocol.MessageTypeWarning, "workspace/diagnostic/refresh: %v", err)
		}
	})
}

// cmdShowReferences is the command of the "N uses" lenses: arguments the
// document URI, the definition's position and the uses' locations. The
// VS Code extension shows them in its references view; any other client
// runs it here (workspace/executeCommand).
const cmdShowReferences = "greylint.showReferences"

// codeActionFixAll applies the fixes `greylint --fix` applies.
const codeActionFixAll protocol.CodeActionKind = "source.fixAll.greylint"

// ExecuteCommand runs greylint.showReferences for clients that do not
// handle it themselves: with one use and a client that can show
// documents, it jumps there; otherwise it says where the uses are (a
// message), and answers the locations.
func (s *Server) ExecuteCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	if params.Command != cmdShowReferences {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("greylint has no command %q; it has %s", params.Command, cmdShowReferences))
	}
	var locs []protocol.Location
	if len(params.Arguments) != 3 || json.Unmarshal(params.Arguments[2], &locs) != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, cmdShowReferences+" takes a document URI, a position and the locations of the uses")
	}
	if locs == nil {
		locs = []protocol.Location{}
	}
	s.mu.Lock()
	show := s.caps.showDocument
	s.mu.Unlock()
	if len(locs) == 1 && show {
		yes := true
		if _, err := s.client.ShowDocument(ctx, &protocol.ShowDocumentParams{URI: locs[0].URI, TakeFocus: &yes, Selection: &locs[0].Range}); err == nil {
			return json.Marshal(locs)
		}
	}
	_ = s.client.ShowMessage(ctx, &protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: usesMessage(locs)})
	return json.Marshal(locs)
}

// usesMessage lists the uses as file:line, at most ten.
func usesMessage(locs []protocol.Location) string {
	if len(locs) == 0 {
		return "greylint: no uses"
	}
	var b strings.Builder
	b.WriteString("greylint: ")
	if len(locs) == 1 {
		b.WriteString("1 use: ")
	} else {
		b.WriteString(strconv.Itoa(len(locs)) + " uses: ")
	}
	for i, l := range locs {
		if i == 10 {
			fmt.Fprintf(&b, ", and %d more", len(locs)-10)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s:%d", filepath.Base(pathOf(l.URI)), l.Range.Start.Line+1)
	}
	return lint.Message(b.String()) // file names are the user's: shown escaped
}

// watchedGlobs are the files whose change on disk changes findings: the
// greyhound files, greylint's configuration, and the git remote (which
// applications are visible depends on it).
var watchedGlobs = []string{"**/.greyhound/**", "**/.greylint.yaml", "**/.git/config"}

type watcher struct {
	GlobPattern string `json:"globPattern"`
}

type watchOptions struct {
	Watchers []watcher `json:"watchers"`
}

// watch registers workspace/didChangeWatchedFiles with a client that
// can register it dynamically (Neovim 0.9+, eglot, lsp-mode, VS Code),
// so a git pull or a branch switch relints the open files; then the
// config_source targets.
func (s *Server) watch() {
	s.mu.Lock()
	ok := s.caps.watch && !s.shutdown
	s.mu.Unlock()
	if !ok {
		s.watchConfigSources()
		return
	}
	var ws []watcher
	for _, g := range watchedGlobs {
		ws = append(ws, watcher{GlobPattern: g})
	}
	if err := s.register("greylint-watch", ws); err != nil {
		s.logf(protocol.MessageTypeWarning, "could not ask the client to watch files: %v", err)
	}
	s.watchConfigSources()
}

func (s *Server) register(id string, ws []watcher) error {
	opts, err := json.Marshal(watchOptions{Watchers: ws})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: id, Method: "workspace/didChangeWatchedFiles", RegisterOptions: opts,
	}}})
}

// configSources are the files applications name as their config outside
// .greyhound/ (those inside are watched and attached to anyway).
func (s *Server) configSources() []string {
	var out []string
	for _, w := range s.workspaces() {
		for _, p := range w.ConfigFiles() {
			if filepath.Base(filepath.Dir(p)) != ".greyhound" {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// watchConfigSources tells the client about the config_source targets
// when they changed: a watcher registration for them (replacing the last
// one), and greylint/configSources for a client that asked for it.
//
// One call at a time (watchMu, held across the requests): two at once
// could register in one order and unregister in the other, leaving a
// registration with the client for good, and tell Neovim an older list
// last.
func (s *Server) watchConfigSources() {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	files := s.configSources()
	s.mu.Lock()
	if slices.Equal(files, s.watching) || s.shutdown {
		s.mu.Unlock()
		return
	}
	old := s.watchID
	s.watching = files
	s.watchID++
	id := s.watchID
	caps := s.caps
	s.mu.Unlock()
	if caps.watch {
		var ws []watcher
		for _, f := range files {
			ws = append(ws, watcher{GlobPattern: filepath.ToSlash(f)})
		}
		if old > 0 {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_ = s.client.UnregisterCapability(ctx, &protocol.UnregistrationParams{Unregisterations: []protocol.Unregistration{{
				ID: "greylint-config-sources-" + strconv.Itoa(old), Method: "workspace/didChangeWatchedFiles",
			}}})
			cancel()
		}
		if len(ws) > 0 {
			if err := s.register("greylint-config-sources-"+strconv.Itoa(id), ws); err != nil {
				s.logf(protocol.MessageTypeWarning, "could not ask the client to watch the config_source files: %v", err)
			}
		}
	}
	if caps.configSources && s.notify != nil {
		uris := make([]string, 0, len(files))
		for _, f := range files {
			uris = append(uris, string(uri.File(f)))
		}
		_ = s.notify(context.Background(), "greylint/configSources", map[string]any{"files": uris})
	}
}

// wantsFixAll reports whether a code action request asks for source
// actions that include source.fixAll.greylint (only lists a kind or a
// parent of it: source, source.fixAll).
func wantsFixAll(only []protocol.CodeActionKind) bool {
	for _, k := range only {
		if k == codeActionFixAll || strings.HasPrefix(string(codeActionFixAll), string(k)+".") {
			return true
		}
	}
	return false
}

// fixAll is source.fixAll.greylint: the fixes `greylint --fix` applies
// (safe ones only, through lint.FixFile, which rolls back a fix that adds a
// finding), as one edit of the changed span; nil when there is none.
func (sn *snapshot) fixAll(ctx context.Context) *protocol.CodeAction {
	if isConfigFile(sn.path) {
		return nil
	}
	res := sn.result
	if res == nil {
		sn.diagnostics(ctx)
		res = sn.result
	}
	if ctx.Err() != nil || res == nil || res.Doc.Root == nil {
		return nil
	}
	fixable := false
	for i := range res.Diagnostics {
		if _, ok := res.Diagnostics[i].AutoFix(false); ok {
			fixable = true
			break
		}
	}
	if !fixable {
		return nil
	}
	cfg, skip := sn.s.configs.For(sn.path)
	if skip {
		return nil
	}
	f := &lint.File{Path: sn.path, Source: sn.doc.Source}
	if w := sn.s.workspaceOf(sn.d); w != nil {
		f.Workspace = w
	}
	fr := lint.FixFile(ctx, f, cfg, res, false)
	if ctx.Err() != nil || fr.Applied == 0 {
		return nil
	}
	src, fixed := sn.doc.Source, fr.Source
	start := 0
	for start < len(src) && start < len(fixed) && src[start] == fixed[start] {
		start++
	}
	end, endFixed := len(src), len(fixed)
	for end > start && endFixed > start && src[end-1] == fixed[endFixed-1] {
		end--
		endFixed--
	}
	// Whole characters only: a position inside a UTF-8 sequence has no
	// UTF-16 column.
	for start > 0 && start < len(src) && !utf8.RuneStart(src[start]) {
		start--
	}
	for end < len(src) && !utf8.RuneStart(src[end]) {
		end++
		endFixed++
	}
	kind := codeActionFixAll
	title := "greylint: apply the safe fix"
	if fr.Applied > 1 {
		title = fmt.Sprintf("greylint: apply the %d safe fixes", fr.Applied)
	}
	edit := protocol.TextEdit{Range: sn.rng(lint.Range{Start: start, End: end}), NewText: string(fixed[start:endFixed])}
	return &protocol.CodeAction{
		Title: title,
		Kind:  &kind,
		Edit:  &protocol.WorkspaceEdit{Changes: map[protocolURI][]protocol.TextEdit{sn.uri: {edit}}},
	}
}

// wantsQuickFix reports whether only asks for quick fixes.
func wantsQuickFix(only []protocol.CodeActionKind) bool {
	for _, k := range only {
		if k == protocol.CodeActionKindQuickFix || k == protocol.CodeActionKindEmpty {
			return true
		}
	}
	return false
}
