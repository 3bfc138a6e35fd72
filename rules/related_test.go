package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// The related locations of a bad reference start with the definition it
// was most likely meant for, even when that comes after the first
// maxRelated definitions of the file.
func TestRelatedStartsWithTheGuess(t *testing.T) {
	src := "builds:\n  - name: alpha\n  - name: bravo\n  - name: charlie\n  - name: delta\n  - name: echo-build\n" +
		"services:\n  - name: web\n    image_from_build: echo-buld\n"
	file := &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: []byte(src)}
	var found bool
	for _, d := range lint.Run(context.Background(), file, &lint.Config{Rules: All()}) {
		if d.Rule != UnknownBuild.ID {
			continue
		}
		found = true
		if len(d.Related) == 0 {
			t.Fatalf("no related locations: %s", d.Message)
		}
		want := strings.Index(src, "echo-build")
		if got := d.Related[0].Range; got.Start != want || got.End != want+len("echo-build") {
			t.Errorf("first related location %v, want the definition of echo-build at %d", got, want)
		}
	}
	if !found {
		t.Fatal("no unknown-build finding")
	}
}
