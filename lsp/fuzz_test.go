package lsp

import (
	"bytes"
	"context"
	"io"
	"testing"

	"go.lsp.dev/protocol"
)

// FuzzIncrementalEdits: whatever ranges a client sends in one didChange,
// the document is the text applying them one by one gives (what the client
// holds). Each 5 bytes of ops are one change: start line and character,
// end line and character, and a piece of text.
func FuzzIncrementalEdits(f *testing.F) {
	f.Add("services:\n  - name: é😀x\n", []byte{0, 3, 0, 5, 1, 1, 2, 1, 9, 3}, false)
	f.Add("a\nb\nc\n", []byte{2, 0, 2, 1, 4, 1, 0, 1, 1, 2, 0, 0, 0, 1, 5}, true)
	// CR LF and lone CR line ends; the pieces write "\r", "a\r", "\nb".
	f.Add("a\r\nb\rc\n", []byte{1, 0, 1, 0, 9, 1, 0, 1, 0, 11, 0, 1, 0, 1, 10}, false)
	f.Add("x\r", []byte{0, 1, 0, 1, 4, 1, 0, 1, 0, 10, 1, 0, 1, 0, 0}, true)
	f.Fuzz(func(t *testing.T, text string, ops []byte, utf8 bool) {
		if len(text) > 4096 || len(ops) > 200 {
			return
		}
		s := &Server{utf8: utf8}
		var changes []protocol.TextDocumentContentChangeEvent
		for i := 0; i+5 <= len(ops); i += 5 {
			changes = append(changes, &protocol.TextDocumentContentChangePartial{
				Range: protocol.Range{
					Start: protocol.Position{Line: uint32(ops[i] % 8), Character: uint32(ops[i+1] % 16)},
					End:   protocol.Position{Line: uint32(ops[i+2] % 8), Character: uint32(ops[i+3] % 16)},
				},
				Text: pieces[int(ops[i+4])%len(pieces)],
			})
		}
		want := naive(s, []byte(text), changes)
		if got := s.applyChanges([]byte(text), changes); !bytes.Equal(got, want) {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}

type fuzzConn struct {
	io.Reader
	io.Writer
}

func (fuzzConn) Close() error { return nil }

// FuzzFraming: any bytes on standard input end in a message, an answered
// rejection or a framing error, never a panic or a read that does not
// finish.
func FuzzFraming(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 42\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}"))
	f.Add([]byte("Content-Length: -1\r\n\r\n"))
	f.Add([]byte("Content-Length: 5\r\n\r\n[1,2]Content-Length: 4\r\n\r\nnull"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s := newStream(fuzzConn{bytes.NewReader(in), io.Discard})
		for range 1000 {
			msg, _, err := s.Read(context.Background())
			if err != nil {
				return
			}
			if msg == nil {
				t.Fatal("a nil message without an error")
			}
		}
	})
}
