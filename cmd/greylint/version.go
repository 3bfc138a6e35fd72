package main

import (
	"runtime/debug"
	"strings"

	"github.com/greylint/greylint"
)

// Set by the linker: `make build` and `make dist` pass
// -X main.stampedVersion=<VERSION file> and, for a build from a checkout,
// -X main.stampedRevision=<git describe>, so the version survives
// -buildvcs=false and builds outside the go command's VCS stamping.
var (
	stampedVersion  string
	stampedRevision string
)

// version is what `greylint --version`, SARIF and the server's serverInfo
// report. In order: the version the linker stamped; the module version of a
// `go install …@vX.Y.Z` build, or of a clean checkout at the VERSION file's
// tag; for any other build (a plain `go build` in a checkout), the embedded
// VERSION file's version with "-dev" and the VCS revision the go command
// recorded.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionFrom(stampedVersion, stampedRevision, greylint.Version(), bi)
}

func versionFrom(stamped, revision, file string, bi *debug.BuildInfo) string {
	if stamped != "" {
		v := "v" + strings.TrimPrefix(stamped, "v")
		if revision != "" {
			v += " (" + revision + ")"
		}
		return v
	}
	dev := "dev"
	if file != "" {
		dev = "v" + file + "-dev"
	}
	if bi == nil {
		return dev
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	// Since Go 1.24 a build in a checkout is stamped too: the tag it sits
	// on, else a pseudo-version (v0.0.0-<time>-<hash>), "+dirty" if
	// modified. Only the tag of the VERSION file, clean, names a release;
	// the module cache of `go install …@vX.Y.Z` holds no VCS data.
	if v := bi.Main.Version; v != "" && v != "(devel)" && (rev == "" || v == "v"+file && !dirty) {
		return v
	}
	if rev == "" {
		return dev
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return dev + " (" + rev + ")"
}
