// Package greylint holds what only the repository's root can give the
// commands: the VERSION file, embedded, so that a plain `go build` from a
// checkout knows which version it is a development build of. It imports
// nothing of the module.
package greylint

import (
	_ "embed"
	"strings"
)

//go:embed VERSION
var versionFile string

// Version is the VERSION file's X.Y.Z.
func Version() string { return strings.TrimSpace(versionFile) }
