package lsp

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/uri"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// The CLI and the editor show identical findings: every file of the shared
// corpus gives the same rule, range, severity and message through
// config.Resolver.Analyze (what the CLI calls for each file) and through
// the server's published diagnostics.
func TestParityWithCLI(t *testing.T) {
	var files []string
	for _, pat := range []string{"../testdata/valid/*/.greyhound/*.yaml", "../examples/*/.greyhound/*.yaml", "../rules/testdata/*/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("corpus too small: %d files", len(files))
	}
	e := startEditor(t, nil)
	cli := &config.Resolver{}
	compared := 0
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := cli.Analyze(context.Background(), &lint.File{Path: abs, Source: src})
		want := res.Diagnostics
		u := uri.File(abs)
		e.mu.Lock()
		e.versions[u] = 1
		e.mu.Unlock()
		e.openURI(u, string(src))
		got := e.wait(u, 1)
		if len(got) != len(want) {
			t.Errorf("%s: CLI %d findings, LSP %d", f, len(want), len(got))
			continue
		}
		lines := lint.NewLines(src)
		for i, d := range want {
			g := got[i]
			start := lines.FromUTF16(int(g.Range.Start.Line), int(g.Range.Start.Character))
			end := lines.FromUTF16(int(g.Range.End.Line), int(g.Range.End.Character))
			if codeOf(g) != d.Rule || messageOf(g) != d.Message || start != d.Range.Start || end != d.Range.End || int(g.Severity) != int(d.Severity) {
				t.Errorf("%s: CLI %s %v %q, LSP %s [%d,%d) %q", f, d.Rule, d.Range, d.Message, codeOf(g), start, end, messageOf(g))
			}
			compared++
		}
	}
	if compared < 100 {
		t.Errorf("only %d findings compared", compared)
	}
}
