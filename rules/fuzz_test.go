package rules

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/scalars"
	"github.com/greylint/greylint/lint"
)

// FuzzRun: any input lints without a panic (an "internal" finding is a
// crash caught), and every range lies inside the text. The seed corpus
// (every rule case) runs with the ordinary tests.
func FuzzRun(f *testing.F) {
	addSeeds(f)
	cfg := &lint.Config{Rules: All()}
	f.Fuzz(func(t *testing.T, src []byte, apps bool) {
		for _, d := range lint.Run(context.Background(), fuzzFile(src, apps), cfg) {
			if d.Rule == lint.Internal.ID {
				t.Fatalf("a rule crashed: %s", d.Message)
			}
			if d.Range.Start < 0 || d.Range.Start > d.Range.End || d.Range.End > len(src) {
				t.Fatalf("%s: range %v outside the text (%d bytes)", d.Rule, d.Range, len(src))
			}
			for _, fx := range d.Fixes {
				for _, e := range fx.Edits {
					if e.Range.Start < 0 || e.Range.Start > e.Range.End || e.Range.End > len(src) {
						t.Fatalf("%s: fix edit %v outside the text", d.Rule, e.Range)
					}
				}
			}
		}
	})
}

// addSeeds seeds a fuzz target with every rule case and the valid corpus,
// each marked as an applications file when its name says so.
func addSeeds(f *testing.F) {
	for _, p := range fixSafetyFiles(f) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src, strings.Contains(filepath.Base(p), "applications"))
		}
	}
	// Every rule with a safe fix, its value in every scalar style (escapes,
	// continuations, CR LF line breaks, block scalars): the mutations start
	// from there.
	rnd := rand.New(rand.NewPCG(5, 6))
	for _, c := range styleCases {
		for _, style := range scalars.Styles {
			if text, ok := scalars.Encode(rnd, style, c.Values(rnd), c.Indent); ok {
				doc := c.Doc
				if strings.HasPrefix(style, "flow-") {
					doc = c.Flow
				}
				f.Add([]byte(fmt.Sprintf(doc, text)), false)
			}
		}
	}
}

// fuzzFile is the file a fuzz target lints: src as a config.yaml, or as an
// applications.yaml when apps is set (the seeds set it from their names).
func fuzzFile(src []byte, apps bool) *lint.File {
	kind := lint.KindConfig
	if apps {
		kind = lint.KindApplications
	}
	return &lint.File{Path: "f.yaml", Kind: kind, Source: src}
}
