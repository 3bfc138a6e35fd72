package main

import (
	"context"
	"errors"
	"io"

	"github.com/greylint/greylint/lsp"
)

// stdio joins standard input and output into the stream the server reads
// and writes.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes standard input, which unblocks the server's reader when the
// client sends "exit" but keeps the pipe open.
func (s stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func cmdLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] != "--stdio" { // editors often pass --stdio
		sayf(stderr, "usage: greylint lsp (speaks LSP on standard input and output)")
		return exitUsage
	}
	err := lsp.Serve(context.Background(), stdio{stdin, stdout}, lsp.Options{Version: version()})
	switch {
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return 1
	case err != nil:
		sayf(stderr, "lsp: %v", err)
		return exitFailure
	}
	return exitOK
}
