package lsp

import (
	"sort"

	"go.lsp.dev/uri"
)

func sortStrings(s []string) { sort.Strings(s) }

// protocolURI is the key type of WorkspaceEdit.Changes.
type protocolURI = uri.URI
