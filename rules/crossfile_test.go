package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/workspace"
)

// TestCrossFileRules runs the cases of the rules that read other files.
// A case is a directory under testdata/<id>/ that holds checkouts: repo/ is
// the one linted, as the CLI lints a directory (its greyhound files and the
// configs its applications name, through workspace.Set.Analyze); its
// .greylint.yaml says which repository it is and maps the others. Every
// YAML file of the case is checked against its "# want:" comments (a file
// that is not linted must expect nothing). Each rule needs a failing and a
// clean case.
func TestCrossFileRules(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		if !r.CrossFile {
			continue
		}
		n++
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
		failing, clean := 0, 0
		fixes := map[lint.Safety]bool{}
		for _, c := range cases {
			if st, err := os.Stat(c); err != nil || !st.IsDir() {
				t.Errorf("%s: a cross-file case is a directory of checkouts", c)
				continue
			}
			t.Run(filepath.ToSlash(strings.TrimPrefix(c, "testdata/")), func(t *testing.T) {
				expects, diags := lintCheckouts(t, c, r.ID)
				for _, d := range diags {
					for _, fx := range d.Fixes {
						if d.Rule == r.ID {
							fixes[fx.Safety] = true
						}
					}
				}
				if expects {
					failing++
				} else {
					clean++
				}
			})
		}
		if failing == 0 || clean == 0 {
			t.Errorf("%s: testdata/%s needs a failing and a clean case (has %d and %d)", r.ID, r.ID, failing, clean)
		}
		// The documented fixes are those the cases produce.
		declared := map[lint.Safety]bool{}
		for _, f := range r.Fixes {
			declared[f.Safety] = true
		}
		for s := range fixes {
			if !declared[s] {
				t.Errorf("%s produces %s fixes but its Fixes do not document one", r.ID, s)
			}
		}
		for s := range declared {
			if s != lint.Manual && !fixes[s] {
				t.Errorf("%s documents a %s fix that no case produces", r.ID, s)
			}
		}
	}
	if n == 0 {
		t.Fatal("no cross-file rule")
	}
}

// lintCheckouts lints case c and checks every file's expectations; it
// reports whether some file expects a finding of rule id, and returns the
// findings.
func lintCheckouts(t *testing.T, c, id string) (bool, []lint.Diagnostic) {
	root, _ := filepath.Abs(filepath.Join(c, "repo"))
	set := &workspace.Set{Configs: &config.Resolver{}}
	linted := map[string][]lint.Diagnostic{}
	files := workspace.Walk(root, func(s string) string { return s }, nil)
	files = append(files, set.At(root).ConfigFiles()...)
	for _, f := range files {
		f, _ = filepath.Abs(f)
		if _, done := linted[f]; done {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, skip := set.Configs.Analyze(context.Background(), &lint.File{Path: f, Source: src, Workspace: set.For(f)})
		if skip {
			continue
		}
		linted[f] = res.Diagnostics
	}
	expects := false
	filepath.WalkDir(c, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains([]string{".yaml", ".yml"}, filepath.Ext(p)) || d.Name() == config.FileName {
			return err
		}
		abs, _ := filepath.Abs(p)
		src, _ := os.ReadFile(p)
		rules.CheckWants(t, p, src, linted[abs])
		expects = expects || rules.ExpectsRule(t, src, id)
		return nil
	})
	var all []lint.Diagnostic
	for _, d := range linted {
		all = append(all, d...)
	}
	return expects, all
}
