package greylint_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/findings.txt")

// TestCorpusFindings pins every finding (range, severity, rule, message,
// related locations, fixes with their safety and edits) of every rule case,
// the valid corpus and the examples in one golden file, so that a
// refactoring that must not change behaviour proves it did not: the file
// is byte-identical before and after. Rewrite it only with -update, and only
// in a commit that means to change findings.
func TestCorpusFindings(t *testing.T) {
	var files []string
	for _, root := range []string{"rules/testdata", "testdata/valid", "examples"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				files = append(files, filepath.ToSlash(p))
			}
			return nil
		})
	}
	var b strings.Builder
	cfg := &lint.Config{Rules: rules.All()}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		kind := lint.KindUnknown
		if strings.Contains(filepath.Base(p), "applications") {
			kind = lint.KindApplications
		}
		res := lint.Analyze(context.Background(), &lint.File{Path: p, Kind: kind, Source: src}, cfg)
		l := res.Doc.Lines
		pos := func(r lint.Range) string {
			sl, sc := l.LineCol(r.Start)
			el, ec := l.LineCol(r.End)
			return fmt.Sprintf("%d:%d-%d:%d", sl, sc, el, ec)
		}
		fmt.Fprintf(&b, "== %s (%s)\n", p, res.Kind)
		for _, d := range res.Diagnostics {
			fmt.Fprintf(&b, "%s %s %s: %s\n", pos(d.Range), d.Severity, d.Rule, d.Message)
			for _, r := range d.Related {
				fmt.Fprintf(&b, "  related %s: %s\n", pos(r.Range), r.Message)
			}
			for _, f := range d.Fixes {
				fmt.Fprintf(&b, "  fix %s %q", f.Safety, f.Title)
				for _, e := range f.Edits {
					fmt.Fprintf(&b, " %s=%q", pos(e.Range), e.NewText)
				}
				b.WriteString("\n")
			}
		}
	}
	const golden = "testdata/golden/findings.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test . -run TestCorpusFindings -update)", err)
	}
	if string(want) != b.String() {
		got := strings.Split(b.String(), "\n")
		exp := strings.Split(string(want), "\n")
		for i := range min(len(got), len(exp)) {
			if got[i] != exp[i] {
				t.Fatalf("findings differ from %s at line %d:\n got: %s\nwant: %s", golden, i+1, got[i], exp[i])
			}
		}
		t.Fatalf("findings differ from %s: %d lines, want %d", golden, len(got), len(exp))
	}
}
