package lsp

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// editor is an in-process LSP client over a pipe. It records what the
// server publishes; tests wait on published document versions, never on
// sleeps.
type editor struct {
	protocol.UnimplementedClient
	t      testing.TB
	server protocol.Server
	srv    *Server // the server's side, to read its copy of a text
	conn   jsonrpc2.Conn
	done   chan error

	mu       sync.Mutex
	changed  *sync.Cond
	diags    map[uri.URI]*protocol.PublishDiagnosticsParams
	logs     []string
	versions map[uri.URI]int32
}

func (e *editor) PublishDiagnostics(ctx context.Context, p *protocol.PublishDiagnosticsParams) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.diags[p.URI] = p
	e.changed.Broadcast()
	return nil
}

func (e *editor) LogMessage(ctx context.Context, p *protocol.LogMessageParams) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs = append(e.logs, p.Message)
	return nil
}

// startEditor starts a server and an initialized client; init may adjust
// the initialize parameters.
func startEditor(t testing.TB, init func(*protocol.InitializeParams)) *editor {
	return startEditorWith(t, Options{}, init)
}

func startEditorWith(t testing.TB, opts Options, init func(*protocol.InitializeParams)) *editor {
	t.Helper()
	a, b := net.Pipe()
	e := &editor{t: t, diags: map[uri.URI]*protocol.PublishDiagnosticsParams{}, versions: map[uri.URI]int32{}, done: make(chan error, 1)}
	e.changed = sync.NewCond(&e.mu)
	started := make(chan *Server, 1)
	go func() { e.done <- serve(context.Background(), a, opts, func(s *Server) { started <- s }) }()
	e.srv = <-started
	_, conn, server := protocol.NewClient(context.Background(), e, jsonrpc2.NewStream(b))
	e.server, e.conn = server, conn
	params := &protocol.InitializeParams{}
	if init != nil {
		init(params)
	}
	if _, err := server.Initialize(context.Background(), params); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if err := server.Initialized(context.Background(), &protocol.InitializedParams{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		select {
		case <-e.done:
		case <-time.After(5 * time.Second):
			t.Error("server did not stop after the connection closed")
		}
	})
	return e
}

func fileURI(name string) uri.URI { return uri.URI("file:///work/repo/.greyhound/" + name) }

func (e *editor) open(name, text string) uri.URI {
	u := fileURI(name)
	e.mu.Lock()
	e.versions[u] = 1
	e.mu.Unlock()
	e.openURI(u, text)
	return u
}

func (e *editor) openURI(u uri.URI, text string) {
	err := e.server.DidOpen(context.Background(), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "yaml", Version: 1, Text: text}})
	if err != nil {
		e.t.Fatal(err)
	}
}

// edit replaces the text between two positions (UTF-16 unless the test
// negotiated UTF-8) and returns the new version.
func (e *editor) edit(u uri.URI, startLine, startChar, endLine, endChar uint32, text string) int32 {
	e.mu.Lock()
	e.versions[u]++
	v := e.versions[u]
	e.mu.Unlock()
	err := e.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: v},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{
			Range: protocol.Range{Start: protocol.Position{Line: startLine, Character: startChar}, End: protocol.Position{Line: endLine, Character: endChar}},
			Text:  text,
		}},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// waitFor waits until the last diagnostics published for u satisfy ok.
func (e *editor) waitFor(u uri.URI, ok func(*protocol.PublishDiagnosticsParams) bool) *protocol.PublishDiagnosticsParams {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	timer := time.AfterFunc(10*time.Second, func() { e.mu.Lock(); e.changed.Broadcast(); e.mu.Unlock() })
	defer timer.Stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	for {
		if p := e.diags[u]; p != nil && ok(p) {
			return p
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for diagnostics of %s", u)
		}
		e.changed.Wait()
	}
}

// wait returns the diagnostics published for version v of u.
func (e *editor) wait(u uri.URI, v int32) []protocol.Diagnostic {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	timer := time.AfterFunc(10*time.Second, func() { e.mu.Lock(); e.changed.Broadcast(); e.mu.Unlock() })
	defer timer.Stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	for {
		if p := e.diags[u]; p != nil {
			if got, ok := p.Version.Get(); ok && got >= v {
				if got != v {
					e.t.Fatalf("diagnostics published for version %d, want %d", got, v)
				}
				return p.Diagnostics
			}
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("no diagnostics for %s version %d", u, v)
		}
		e.changed.Wait()
	}
}

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func tdpp(u uri.URI, line, char uint32) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos(line, char)}
}

func codeOf(d protocol.Diagnostic) string {
	s, _ := d.Code.(protocol.String)
	return string(s)
}

func messageOf(d protocol.Diagnostic) string {
	s, _ := d.Message.(protocol.String)
	return string(s)
}

// completionLabels asks for completion at the position marked "|" in text.
func (e *editor) complete(u uri.URI, line, char uint32) []protocol.CompletionItem {
	e.t.Helper()
	res, err := e.server.Completion(context.Background(), &protocol.CompletionParams{TextDocumentPositionParams: tdpp(u, line, char)})
	if err != nil {
		e.t.Fatal(err)
	}
	list, ok := res.(*protocol.CompletionList)
	if !ok {
		e.t.Fatalf("completion result %T", res)
	}
	return list.Items
}

func labels(items []protocol.CompletionItem) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return strings.Join(out, ",")
}

// cursorPos finds "|" in text and returns the text without it and the
// UTF-16 position of the mark.
func cursorPos(text string) (string, uint32, uint32) {
	i := strings.Index(text, "|")
	before := text[:i]
	line := uint32(strings.Count(before, "\n"))
	col := before[strings.LastIndex(before, "\n")+1:]
	var n uint32
	for _, r := range col {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return before + text[i+1:], line, n
}
