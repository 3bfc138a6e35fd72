// Command gen writes the inputs of the CLI benchmark (make bench-cli):
// N projects with a 350-line .greyhound/config.yaml each, and N GitHub
// workflows of about the same size for actionlint, the linter greylint is
// measured against.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/greylint/greylint/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "files of each kind")
	lines := flag.Int("lines", 350, "lines per file")
	out := flag.String("out", "", "directory to write (greyhound/ and workflows/ under it)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -out is required")
	}
	cfg := corpus.Config(*lines)
	wf := corpus.Workflow(*lines)
	for i := range *n {
		dir := filepath.Join(*out, "greyhound", fmt.Sprintf("p%04d", i), ".greyhound")
		must(os.MkdirAll(dir, 0o755))
		must(os.WriteFile(filepath.Join(dir, "config.yaml"), cfg, 0o644))
		wdir := filepath.Join(*out, "workflows")
		must(os.MkdirAll(wdir, 0o755))
		must(os.WriteFile(filepath.Join(wdir, fmt.Sprintf("w%04d.yaml", i)), wf, 0o644))
	}
	// The greyhound projects sit in one repository, as in a monorepo.
	must(os.MkdirAll(filepath.Join(*out, "greyhound", ".git"), 0o755))
	fmt.Fprintf(os.Stderr, "gen: %d configs of %d lines, %d workflows of %d lines under %s\n",
		*n, strings.Count(string(cfg), "\n"), *n, strings.Count(string(wf), "\n"), *out)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
