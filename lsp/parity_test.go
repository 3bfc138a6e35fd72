package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/workspace"
)

// The CLI and the editor show identical findings: every file of the shared
// corpus gives the same rule, range, severity and message through what the
// CLI calls for each file (config.Resolver.Analyze with the file's
// workspace) and through the server's published diagnostics. The rules'
// single-file cases are copied into a .greyhound/ directory each (the
// server answers only for greyhound files); the cross-file cases are whole
// checkouts, opened file by file with the checkout as the workspace folder.
func TestParityWithCLI(t *testing.T) {
	var files []string
	for _, pat := range []string{"../testdata/valid/*/.greyhound/*.yaml", "../examples/*/.greyhound/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	cases, _ := filepath.Glob("../rules/testdata/*/*.yaml")
	tmp := t.TempDir()
	for i, c := range cases {
		src, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := lint.Parse(src)
		name := "config.yaml"
		if lint.KindFromContent(doc.Root) == lint.KindApplications {
			name = "applications.yaml"
		}
		dst := filepath.Join(tmp, fmt.Sprint(i), ".greyhound", name)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		os.WriteFile(dst, src, 0o644)
		files = append(files, dst)
	}
	if len(files) < 50 {
		t.Fatalf("corpus too small: %d files", len(files))
	}
	e := startEditor(t, nil)
	compared := compareWithCLI(t, e, files)

	// The cross-file cases: one server per checkout, its folder the
	// workspace, every file the CLI lints in a run on the directory.
	crossFile := 0
	for _, r := range rules.All() {
		if !r.CrossFile {
			continue
		}
		dirs, _ := filepath.Glob(filepath.Join("../rules/testdata", r.ID, "*", "repo"))
		for _, dir := range dirs {
			root, _ := filepath.Abs(dir)
			e := startEditor(t, func(p *protocol.InitializeParams) {
				p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}})
			})
			set := &workspace.Set{Configs: &config.Resolver{}}
			files := append(workspace.Walk(root, func(s string) string { return s }, nil), set.At(root).ConfigFiles()...)
			crossFile += compareWithCLI(t, e, files)
		}
	}
	if compared < 100 || crossFile < 5 {
		t.Errorf("only %d findings compared (%d in cross-file cases)", compared, crossFile)
	}
}

// compareWithCLI opens every file in e, in order, and compares the
// diagnostics published for it with the CLI's. Earlier files stay open:
// the server sees the same workspace as the CLI's run.
func compareWithCLI(t *testing.T, e *editor, files []string) int {
	t.Helper()
	cli := &workspace.Set{Configs: &config.Resolver{}}
	compared := 0
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := cli.Configs.Analyze(context.Background(), &lint.File{Path: abs, Source: src, Workspace: cli.For(abs)})
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
	return compared
}
