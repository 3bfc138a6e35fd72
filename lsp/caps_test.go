package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"go.lsp.dev/protocol"
)

// recordingClient records what the server asks of a client that is not
// connected (capability tests call the server's methods directly).
type recordingClient struct {
	protocol.UnimplementedClient
	mu         sync.Mutex
	shown      int
	messages   int
	registered []protocol.Registration
}

func (c *recordingClient) ShowDocument(context.Context, *protocol.ShowDocumentParams) (*protocol.ShowDocumentResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.shown++
	return &protocol.ShowDocumentResult{Success: true}, nil
}

func (c *recordingClient) ShowMessage(context.Context, *protocol.ShowMessageParams) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.messages++
	return nil
}

func (c *recordingClient) RegisterCapability(_ context.Context, p *protocol.RegistrationParams) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.registered = append(c.registered, p.Registrations...)
	return nil
}

func (c *recordingClient) LogMessage(context.Context, *protocol.LogMessageParams) error { return nil }

// flag is a client's boolean capability as sent: absent (its enclosing
// object absent too, or only the field), false, or true.
type flag int

const (
	noParent flag = iota // the object holding the field is absent
	absent               // the object is there, the field is not
	off
	on
)

func (f flag) ptr() *bool {
	switch f {
	case off:
		b := false
		return &b
	case on:
		b := true
		return &b
	}
	return nil
}

func (f flag) String() string { return [...]string{"no parent", "absent", "false", "true"}[f] }

// clientOffer is what a generated client says in initialize.
type clientOffer struct {
	encodings                                 []protocol.PositionEncodingKind
	noGeneral                                 bool
	snippets, replace                         flag
	pull                                      bool
	refresh, watch, showDocument              flag
	experimental                              string // raw JSON, "" for none
	noTextDocument, noCompletion, noWorkspace bool
}

func (o clientOffer) params() *protocol.InitializeParams {
	p := &protocol.InitializeParams{}
	c := &p.Capabilities
	if !o.noGeneral {
		c.General = &protocol.GeneralClientCapabilities{PositionEncodings: o.encodings}
	}
	if !o.noTextDocument {
		c.TextDocument = &protocol.TextDocumentClientCapabilities{}
		if o.pull {
			c.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
		}
		if !o.noCompletion {
			c.TextDocument.Completion = &protocol.CompletionClientCapabilities{}
			if o.snippets != noParent || o.replace != noParent {
				c.TextDocument.Completion.CompletionItem = &protocol.ClientCompletionItemOptions{SnippetSupport: o.snippets.ptr(), InsertReplaceSupport: o.replace.ptr()}
			}
		}
	}
	if !o.noWorkspace {
		c.Workspace = &protocol.WorkspaceClientCapabilities{}
		if o.refresh != noParent {
			c.Workspace.Diagnostics = &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: o.refresh.ptr()}
		}
		if o.watch != noParent {
			c.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: o.watch.ptr()}
		}
	}
	if o.showDocument != noParent {
		c.Window = &protocol.WindowClientCapabilities{}
		if o.showDocument != absent {
			c.Window.ShowDocument = &protocol.ShowDocumentClientCapabilities{Support: o.showDocument == on}
		}
	}
	if o.experimental != "" {
		c.Experimental = protocol.LSPAny(o.experimental)
	}
	return p
}

// TestCapabilitiesNegotiatedPerClient: for generated clients (every
// capability greylint reads absent, with its enclosing object absent,
// false or true; position encodings in any order), the server negotiates
// exactly what the client offered: UTF-8 only when offered, snippets and
// insert/replace edits only when set, pull diagnostics (and then no
// pushes) only for a client that has them, refresh, file watching and
// showDocument only when set to true, and greylint/configSources only on
// request. Each is then seen in what the server does: the answer to
// initialize, the completion items' format, a registration, a jump.
func TestCapabilitiesNegotiatedPerClient(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	encs := [][]protocol.PositionEncodingKind{nil, {protocol.PositionEncodingKindUTF16}, {protocol.PositionEncodingKindUTF8}, {protocol.PositionEncodingKindUTF16, protocol.PositionEncodingKindUTF8}, {protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16}, {protocol.PositionEncodingKindUTF32}}
	exps := []string{"", `{}`, `{"greylintConfigSources": true}`, `{"greylintConfigSources": false}`, `{"greylintConfigSources": "yes"}`, `[1]`, `{"other": true}`}
	f := func() flag { return flag(r.IntN(4)) }
	for i := range 600 {
		o := clientOffer{
			encodings: encs[r.IntN(len(encs))], noGeneral: r.IntN(6) == 0,
			snippets: f(), replace: f(), pull: r.IntN(2) == 0,
			refresh: f(), watch: f(), showDocument: f(),
			experimental:   exps[r.IntN(len(exps))],
			noTextDocument: r.IntN(8) == 0, noCompletion: r.IntN(8) == 0, noWorkspace: r.IntN(8) == 0,
		}
		name := fmt.Sprintf("client %d %+v", i, o)
		// What the client offered, read off the offer.
		wantUTF8 := false
		for _, e := range o.encodings {
			wantUTF8 = wantUTF8 || e == protocol.PositionEncodingKindUTF8 && !o.noGeneral
		}
		completion := !o.noTextDocument && !o.noCompletion
		want := clientCaps{
			pull:          o.pull && !o.noTextDocument,
			refresh:       o.refresh == on && !o.noWorkspace,
			watch:         o.watch == on && !o.noWorkspace,
			showDocument:  o.showDocument == on,
			configSources: o.experimental == `{"greylintConfigSources": true}`,
		}
		wantSnippets, wantReplace := completion && o.snippets == on, completion && o.replace == on

		client := &recordingClient{}
		s := newServer(client, Options{})
		res, err := s.Initialize(context.Background(), o.params())
		if err != nil {
			t.Fatal(err)
		}
		if s.caps != want || s.utf8 != wantUTF8 || s.snippets != wantSnippets || s.replaceEdit != wantReplace {
			t.Fatalf("%s: negotiated %+v utf8=%v snippets=%v replace=%v, want %+v %v %v %v", name, s.caps, s.utf8, s.snippets, s.replaceEdit, want, wantUTF8, wantSnippets, wantReplace)
		}
		enc := protocol.PositionEncodingKindUTF16
		if wantUTF8 {
			enc = protocol.PositionEncodingKindUTF8
		}
		if res.Capabilities.PositionEncoding != enc {
			t.Errorf("%s: position encoding %q, want %q", name, res.Capabilities.PositionEncoding, enc)
		}
		if got := res.Capabilities.DiagnosticProvider != nil; got != want.pull {
			t.Errorf("%s: diagnosticProvider %v, want %v", name, got, want.pull)
		}
		// A lens command with one use jumps there only in a client that
		// can show documents; any other is told in a message.
		arg := func(v any) protocol.LSPAny { b, _ := json.Marshal(v); return b }
		if _, err := s.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: cmdShowReferences, Arguments: []protocol.LSPAny{
			arg("file:///a.yaml"), arg(pos(0, 0)), arg([]protocol.Location{{URI: "file:///a.yaml"}}),
		}}); err != nil {
			t.Fatal(err)
		}
		// Files are watched only by a client that registers dynamically.
		s.watch()
		client.mu.Lock()
		if jumped := client.shown == 1 && client.messages == 0; jumped != want.showDocument || client.shown+client.messages != 1 {
			t.Errorf("%s: showDocument %d times and %d messages, want a jump: %v", name, client.shown, client.messages, want.showDocument)
		}
		if got := len(client.registered) > 0; got != want.watch {
			t.Errorf("%s: registered %+v, want a registration: %v", name, client.registered, want.watch)
		}
		client.mu.Unlock()
	}
}
