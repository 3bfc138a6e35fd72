package lsp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/workspace"
)

// Options configure a server.
type Options struct {
	// Version is reported in serverInfo.
	Version string
}

// Server implements the LSP server methods greylint supports; the others
// answer "method not found" through UnimplementedServer.
type Server struct {
	protocol.UnimplementedServer

	opts   Options
	client protocol.Client
	notify func(ctx context.Context, method string, params any) error // a notification greylint's own (greylint/configSources)

	mu          sync.Mutex
	docs        map[uri.URI]*document
	utf8        bool // negotiated positionEncoding utf-8; UTF-16 otherwise
	snippets    bool // the client takes snippets in completion items
	replaceEdit bool // the client takes completion edits with an insert and a replace range
	settings    settings
	configs     *config.Resolver // .greylint.yaml files, with the settings on top
	set         *workspace.Set   // the checkouts of the open documents and the workspace folders
	folders     []string         // the workspace folders (initialize)
	roots       []string         // the checkouts found in them (indexFolders)
	shutdown    bool
	initialized bool               // an initialize request was read
	caps        clientCaps         // what the client said it supports (initialize)
	watchMu     sync.Mutex         // one watchConfigSources at a time
	pulled      map[uri.URI]pulled // what each document's last pull answered (pull clients)
	refreshing  bool               // a workspace/diagnostic/refresh is on its way
	watching    []string           // the config_source targets the client watches for us
	watchID     int                // the registration that watches them
	exit        chan struct{}
	runs        sync.WaitGroup // lint runs in flight

	// testHook, set by tests before any document is opened, is called at
	// each stage of a lint run, so that a test can hold a run at a stage
	// and change the document under it (state_test.go).
	testHook func(stage runStage, u uri.URI, version int32)
}

// runStage is a point in a lint run (for testHook).
type runStage int

const (
	runStarted    runStage = iota // before the run looks at its context
	runAnalyzed                   // after the analysis, before it looks again
	runPublishing                 // the run was not superseded: it publishes unless its version is stale
	pullAnalyzed                  // a pull linted the text itself (no run had its findings)
)

func (s *Server) hook(stage runStage, u uri.URI, version int32) {
	if s.testHook != nil {
		s.testHook(stage, u, version)
	}
}

// ErrExitWithoutShutdown is returned by Serve when the client sent "exit"
// before "shutdown"; the process should exit with status 1 (LSP spec).
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Serve runs a server on rw (stdin/stdout for `greylint lsp`) until the
// client sends "exit" or closes the stream.
func Serve(ctx context.Context, rw io.ReadWriteCloser, opts Options) error {
	return serve(ctx, rw, opts, nil)
}

// serve is Serve with a hook that receives the server (for tests).
func serve(ctx context.Context, rw io.ReadWriteCloser, opts Options, started func(*Server)) error {
	st := newStream(rw)
	conn := jsonrpc2.NewConn(st, jsonrpc2.WithCodec(codec{}))
	s := newServer(protocol.ClientDispatcher(conn), opts)
	s.notify = conn.Notify
	if started != nil {
		started(s)
	}
	conn.Go(ctx, protocol.CancelHandler(s.handler(protocol.ServerHandler(s, jsonrpc2.MethodNotFoundHandler))))
	select {
	case <-conn.Done():
	case <-s.exit:
	case <-ctx.Done():
	}
	// Closing the stream unblocks the connection's reader, but a read of
	// standard input blocked in a system call cannot be interrupted: do not
	// wait long for it after "exit".
	st.Close()
	closed := make(chan struct{})
	go func() { conn.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(200 * time.Millisecond):
	}
	s.runs.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.exit:
		if !s.shutdown {
			return ErrExitWithoutShutdown
		}
	default:
	}
	if err := st.err(); err != nil {
		return fmt.Errorf("cannot read the client's messages: %w", err)
	}
	return nil
}

func newServer(client protocol.Client, opts Options) *Server {
	configs := &config.Resolver{Watch: true}
	return &Server{
		opts:     opts,
		client:   client,
		docs:     map[uri.URI]*document{},
		pulled:   map[uri.URI]pulled{},
		exit:     make(chan struct{}),
		settings: defaultSettings(),
		configs:  configs,
		set:      &workspace.Set{Configs: configs},
	}
}

// handler keeps notifications (didOpen, didChange...) in wire order, so
// edits apply in sequence, and lets requests run concurrently, so a
// $/cancelRequest can reach one in flight. A notification never returns an
// error: go.lsp.dev would turn it into a broken connection; it is logged.
func (s *Server) handler(next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if refusal := s.lifecycle(req); refusal != nil {
			if req.IsCall() {
				// Answered the way every call is (asynchronously): a
				// synchronous answer races with the library's request pool.
				jsonrpc2.Async(ctx)
				return nil, refusal
			}
			return nil, nil
		}
		if !req.IsCall() {
			if _, err := next(ctx, req); err != nil && !errors.Is(err, jsonrpc2.ErrMethodNotFound) {
				s.logf(protocol.MessageTypeError, "%s: %v", req.Method(), err)
			}
			return nil, nil
		}
		jsonrpc2.Async(ctx)
		res, err := next(ctx, req)
		var rpcErr *jsonrpc2.Error
		if errors.As(err, &rpcErr) && rpcErr.Code == jsonrpc2.ParseError && len(bytes.TrimSpace(req.Params())) == 0 {
			// protocol parses absent params as JSON and fails: the request
			// was well-formed, its method is what is wrong (or, for an LSP
			// method, its missing params).
			if strings.HasPrefix(req.Method(), "textDocument/") || strings.HasPrefix(req.Method(), "workspace/") {
				return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, req.Method()+" needs params")
			}
			return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "greylint does not implement "+req.Method())
		}
		return res, err
	}
}

// errNotInitialized is LSP's ServerNotInitialized.
var errNotInitialized = jsonrpc2.NewError(-32002, "the server is not initialized: send initialize first")

// lifecycle enforces the order LSP prescribes, before any handler runs: a
// request before initialize is refused (ServerNotInitialized), a second
// initialize and any request after shutdown are invalid; exit is always
// taken, and initialized once initialize was. A refused notification is
// dropped (a notification gets no answer). It records the first initialize
// as it is read, so that requests that follow it on the wire are served.
func (s *Server) lifecycle(req *jsonrpc2.Request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	method := req.Method()
	switch {
	case method == "exit", method == "initialized" && s.initialized && !s.shutdown:
		return nil
	case method == "initialize" && s.initialized:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is already initialized")
	case method == "initialize":
		s.initialized = true
		return nil
	case !s.initialized:
		return errNotInitialized
	case s.shutdown:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shut down: only exit is accepted")
	}
	return nil
}

func (s *Server) logf(level protocol.MessageType, format string, args ...any) {
	// A log message must not block a handler on a slow client.
	_ = s.client.LogMessage(context.Background(), &protocol.LogMessageParams{Type: level, Message: lint.Message(fmt.Sprintf(format, args...))})
}

var diagnosticID = "greylint"

// Initialize negotiates the position encoding and declares the
// capabilities.
func (s *Server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	enc := protocol.PositionEncodingKindUTF16
	if g := params.Capabilities.General; g != nil {
		for _, e := range g.PositionEncodings {
			if e == protocol.PositionEncodingKindUTF8 {
				enc, s.utf8 = e, true
			}
		}
	}
	if len(params.InitializationOptions) > 0 {
		if err := s.settings.update(params.InitializationOptions); err != nil {
			s.logf(protocol.MessageTypeWarning, "initializationOptions: %v", err)
		}
		s.configs.SetOverlay(s.settings.overlay())
	}
	if td := params.Capabilities.TextDocument; td != nil && td.Completion != nil && td.Completion.CompletionItem != nil {
		ci := td.Completion.CompletionItem
		s.snippets = ci.SnippetSupport != nil && *ci.SnippetSupport
		s.replaceEdit = ci.InsertReplaceSupport != nil && *ci.InsertReplaceSupport
	}
	s.folders = folders(params)
	s.caps = capsOf(params)
	change := protocol.TextDocumentSyncKindIncremental
	yes := true
	res := &protocol.InitializeResult{
		ServerInfo: protocol.ServerInfo{Name: "greylint", Version: protocol.NewOptional(s.opts.Version)},
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: enc,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: &yes,
				Change:    &change,
				Save:      protocol.Boolean(true),
			},
			CompletionProvider: &protocol.CompletionOptions{
				TriggerCharacters: []string{":", " ", "{", ".", "-"},
			},
			HoverProvider:          protocol.Boolean(true),
			DefinitionProvider:     protocol.Boolean(true),
			ReferencesProvider:     protocol.Boolean(true),
			DocumentSymbolProvider: protocol.Boolean(true),
			RenameProvider:         &protocol.RenameOptions{PrepareProvider: &yes},
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSourceFixAll, codeActionFixAll},
			},
			ExecuteCommandProvider:    protocol.ExecuteCommandOptions{Commands: []string{cmdShowReferences}},
			FoldingRangeProvider:      protocol.Boolean(true),
			SelectionRangeProvider:    protocol.Boolean(true),
			DocumentHighlightProvider: protocol.Boolean(true),
			DocumentLinkProvider:      &protocol.DocumentLinkOptions{},
			CodeLensProvider:          &protocol.CodeLensOptions{ResolveProvider: &yes},
			WorkspaceSymbolProvider:   protocol.Boolean(true),
			SemanticTokensProvider: &protocol.SemanticTokensOptions{
				Legend: protocol.SemanticTokensLegend{TokenTypes: tokenTypes, TokenModifiers: tokenModifiers},
				Full:   protocol.Boolean(true),
			},
			InlayHintProvider: protocol.Boolean(true),
			Workspace: &protocol.WorkspaceOptions{WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
				Supported: &yes, ChangeNotifications: protocol.Boolean(true),
			}},
		},
	}
	if s.caps.pull {
		// One model per client: a client that pulls gets no pushes
		// (vscode-languageclient 9 shows both, every finding twice).
		res.Capabilities.DiagnosticProvider = &protocol.DiagnosticOptions{Identifier: &diagnosticID, InterFileDependencies: true}
	}
	return res, nil
}

// Initialized indexes the workspace folders in the background.
func (s *Server) Initialized(context.Context, *protocol.InitializedParams) error {
	s.mu.Lock()
	dirs := s.folders
	s.mu.Unlock()
	// Index, then ask the client to watch the files the findings depend
	// on (the config_source targets are known once indexed).
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		s.indexFolders(dirs)
		s.watch()
	}()
	return nil
}

func (s *Server) Shutdown(context.Context) error {
	s.mu.Lock()
	s.shutdown = true
	for _, d := range s.docs {
		d.stop()
	}
	s.mu.Unlock()
	return nil
}

func (s *Server) Exit(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.exit:
	default:
		close(s.exit)
	}
	return nil
}

func (s *Server) SetTrace(context.Context, *protocol.SetTraceParams) error { return nil }

func (s *Server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	s.mu.Lock()
	err := s.settings.update(params.Settings)
	s.configs.SetOverlay(s.settings.overlay())
	docs := s.openDocs()
	s.mu.Unlock()
	if err != nil {
		s.logf(protocol.MessageTypeWarning, "settings: %v", err)
	}
	for _, d := range docs {
		s.schedule(d)
	}
	return nil
}

// DidChangeWatchedFiles forgets what the server derived from the files
// that changed on disk, and only that (filesChanged), and relints the
// open documents.
func (s *Server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	s.filesChanged(params.Changes)
	return nil
}

// filesChanged forgets what was read from the files of the events: a
// .greylint.yaml changes the settings of every checkout under it (all is
// read again); any other file is forgotten where it was read, and a
// checkout is walked again only when a greyhound file or a directory in
// it came or went (workspace.Set.Changed). An event for an unrelated
// file used to drop every walk, so the next keystroke walked again.
func (s *Server) filesChanged(events []protocol.FileEvent) {
	for _, e := range events {
		p := pathOf(e.URI)
		if filepath.Base(p) == config.FileName {
			s.configs.Forget()
			s.set.Forget()
			continue
		}
		c := workspace.Changed
		switch e.Type {
		case protocol.FileChangeTypeCreated:
			c = workspace.Created
		case protocol.FileChangeTypeDeleted:
			c = workspace.Deleted
		}
		s.set.Changed(p, c)
	}
	s.mu.Lock()
	docs := s.openDocs()
	s.mu.Unlock()
	for _, d := range docs {
		s.schedule(d)
	}
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		s.watchConfigSources() // the config_source targets to watch may have changed
	}()
}

func (s *Server) openDocs() []*document {
	out := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, d)
	}
	return out
}
