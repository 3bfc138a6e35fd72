// Package lsp is greylint's language server: the lifecycle, the store of
// open documents, and one file per feature (diagnostics.go, completion.go,
// hover.go, navigation.go: definition, references, rename and document
// symbols; codeaction.go; features.go the smaller ones). Handlers are thin: every
// finding comes from config.Resolver.Analyze (as in the CLI), unchanged;
// completion, hover and navigation read the typed model of the same parse
// (model.FromResult); every position conversion comes from lint.Lines.
//
// It may import config, rules, model, lint, schema, go.lsp.dev/protocol,
// go.lsp.dev/jsonrpc2 and go.lsp.dev/uri. Only this package imports
// go.lsp.dev.
package lsp
