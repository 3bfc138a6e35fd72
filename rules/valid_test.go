package rules

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/greylint/greylint/lint"
)

// The valid corpus, written from the documentation's examples, gives no
// warning or error: a false positive in CI costs a user.
func TestValidCorpus(t *testing.T) {
	files, _ := filepath.Glob("../testdata/valid/*/.greyhound/*.yaml")
	examples, _ := filepath.Glob("../examples/shop/.greyhound/*.yaml")
	files = append(files, examples...)
	if len(files) < 4 {
		t.Fatalf("valid corpus not found: %v", files)
	}
	cfg := &lint.Config{Rules: All()}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range lint.Run(context.Background(), &lint.File{Path: f, Source: src}, cfg) {
			if d.Severity > lint.Warning {
				continue // infos and hints are advice, not findings
			}
			line, col := lint.NewLines(src).LineCol(d.Range.Start)
			t.Errorf("%s:%d:%d: %s %s: %s", f, line, col, d.Severity, d.Rule, d.Message)
		}
	}
}
