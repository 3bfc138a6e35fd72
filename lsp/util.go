package lsp

import (
	"go.lsp.dev/uri"
)

// protocolURI is the key type of WorkspaceEdit.Changes.
type protocolURI = uri.URI
