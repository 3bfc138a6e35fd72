// Package lsp is greylint's language server: the lifecycle, the store of
// open documents, and one file per feature (diagnostics, completion, hover,
// navigation and rename, symbols, code actions). Handlers are thin: every
// finding comes from lint.Analyze, unchanged, and every position conversion
// from lint.Lines.
//
// It may import lint, rules, schema, go.lsp.dev/protocol and
// go.lsp.dev/jsonrpc2. Only this package imports go.lsp.dev.
package lsp
