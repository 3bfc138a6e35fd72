package schema

import (
	"testing"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
)

// BenchmarkQuickValid5000 is the quick walk of a valid 5,000-line config's
// value tree: what a valid file costs instead of the full validation.
func BenchmarkQuickValid5000(b *testing.B) {
	doc, _ := lint.Parse(corpus.Config(5000))
	v := doc.Value()
	s := Get(Config)
	if !s.quickValid(v) {
		b.Fatal("not valid")
	}
	b.ReportAllocs()
	for b.Loop() {
		s.quickValid(v)
	}
}
