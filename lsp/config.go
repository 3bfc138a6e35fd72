package lsp

import (
	"path/filepath"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// The server reads the same .greylint.yaml as the CLI, through the same
// config.Resolver (found from the document's directory up to the
// repository root), and notices when it changes: the resolver watches each
// file's modification time. Editor settings are the resolver's overlay, as
// the CLI's flags are.

// configFor is the lint configuration for a document. ignored is set when
// the configuration's ignore list skips the file entirely.
func (s *Server) configFor(path string) (cfg *lint.Config, ignored bool) {
	return s.configs.For(path)
}

// isConfigFile reports whether a document is greylint's own configuration.
func isConfigFile(path string) bool { return filepath.Base(path) == config.FileName }
