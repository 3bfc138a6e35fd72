package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestTruncatedInputsNeverCrash runs every rule on every prefix of the
// valid corpus files (what an editor holds while someone types them from
// the top), and on 60 evenly spaced prefixes of every rule case: no rule
// may crash (the engine turns a panic into an "internal" finding, which
// this test fails on), and every range must lie inside the text.
//
// Each text is linted once: the rule cases share their first lines, so
// four in ten of their prefixes are texts already linted, as the same
// kind of file (a file's path tells the rules nothing else).
func TestTruncatedInputsNeverCrash(t *testing.T) {
	every, _ := filepath.Glob("../testdata/valid/*/.greyhound/*.yaml")
	sampled, _ := filepath.Glob("testdata/*/*.yaml")
	if len(every) < 4 || len(sampled) < 100 {
		t.Fatalf("%d corpus files, %d cases", len(every), len(sampled))
	}
	cfg := &lint.Config{Rules: All()}
	seen := map[string]bool{}
	check := func(path string, src []byte, step int) {
		for n := 0; n <= len(src); n += step {
			text := src[:n]
			f, _ := caseFile(path, text)
			key := fmt.Sprint(f.Kind, lint.KindFromPath(f.Path), "\x00", string(text))
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, d := range lint.Run(context.Background(), f, cfg) {
				if d.Rule == lint.Internal.ID {
					t.Fatalf("%s[:%d]: %s", path, n, d.Message)
				}
				if d.Range.Start < 0 || d.Range.End > len(text) || d.Range.Start > d.Range.End {
					t.Fatalf("%s[:%d]: %s range %v outside the text", path, n, d.Rule, d.Range)
				}
			}
		}
	}
	for _, p := range every {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(p, src, 1)
	}
	if testing.Short() {
		return
	}
	for _, p := range sampled {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(p, src, max(1, len(src)/60))
	}
}
