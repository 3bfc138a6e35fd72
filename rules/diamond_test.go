package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greylint/greylint/lint"
)

// An unknown field in a mapping that merges a diamond of anchors: the key
// it is close to arrives through the merges, so it is no candidate (the
// check uses lint.MergedGet, which visits each merged mapping once).
func TestUnknownFieldInAMergeDiamond(t *testing.T) {
	var b strings.Builder
	b.WriteString("x-d0: &d0 {image: nginx}\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "x-d%d: &d%d {<<: [*d%d, *d%d]}\n", i, i, i-1, i-1)
	}
	b.WriteString("services:\n  - <<: *d11\n    name: web\n    imgae: x\n")
	done := make(chan []lint.Diagnostic, 1)
	go func() {
		done <- lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: []byte(b.String())}, &lint.Config{Rules: All()})
	}()
	select {
	case ds := <-done:
		found := false
		for _, d := range ds {
			found = found || d.Rule == UnknownField.ID && strings.Contains(d.Message, `"imgae"`) && strings.Contains(d.Message, `"image" is already set here`)
		}
		if !found {
			t.Errorf("no unknown-field finding that knows image is merged in: %v", ds)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("linting a merge diamond did not finish")
	}
}
