package main

import (
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

// `greylint lsp` exits after shutdown and exit even though the client
// keeps its end of standard input open (as editors and Node clients do).
func TestLSPExitsWithStdinOpen(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out, outW := io.Pipe()
	go io.Copy(io.Discard, out)
	done := make(chan int, 1)
	go func() { done <- run([]string{"lsp"}, r, outW, io.Discard) }()
	for i, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(m), m); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("greylint lsp did not exit after shutdown and exit")
	}
}
