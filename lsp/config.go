package lsp

import (
	"path/filepath"

	"github.com/greylint/greylint/config"
)

// The server reads the same .greylint.yaml as the CLI, through the same
// config.Resolver (found from the document's directory up to the
// repository root), and notices when it changes: the resolver watches each
// file's modification time. Editor settings are the resolver's overlay, as
// the CLI's flags are.

// isConfigFile reports whether a document is greylint's own configuration.
func isConfigFile(path string) bool { return filepath.Base(path) == config.FileName }
