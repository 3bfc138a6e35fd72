// Command dist builds greylint's release archives: one per OS and
// architecture, built with -trimpath and the version from the VERSION file
// stamped in, packed with fixed times, owners and order so that two runs on
// one commit give byte-identical files, and a SHA256SUMS beside them.
//
//	go run ./internal/dist [-out dist] [-targets linux/amd64,windows/arm64]
//
// `make dist` runs it. The archive names are what the GitHub Action's
// installer, the mason package (packaging/mason) and the VS Code platform
// packages expect: greylint_<version>_<os>_<arch>.tar.gz, .zip for Windows,
// each holding one directory of the same name (greylint, LICENSE,
// README.md, CHANGELOG.md inside).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	out := flag.String("out", "dist", "directory to write the archives and SHA256SUMS into")
	targets := flag.String("targets", strings.Join(AllTargets, ","), "comma-separated os/arch pairs")
	root := flag.String("root", ".", "the repository's root (holds VERSION, LICENSE, README.md)")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "dist: no arguments expected (flags only)")
		os.Exit(2)
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "targets" })
	if !set {
		fmt.Fprintf(os.Stderr, "dist: building %d platforms (minutes on a cold build cache); to try one: make dist TARGETS=linux/amd64\n", len(AllTargets))
	}
	files, err := Build(Options{Root: *root, Out: *out, Targets: strings.Split(*targets, ",")})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Println(f)
	}
}
