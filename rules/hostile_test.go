package rules

import (
	"context"
	"fmt"
	"github.com/greylint/greylint/internal/testtool"
	"testing"

	"github.com/greylint/greylint/internal/hostile"
	"github.com/greylint/greylint/lint"
)

// findingBytes is what the findings of src weigh: messages and related
// locations, the bulk of every output format.
func findingBytes(t *testing.T, src []byte) (bytes, related int) {
	t.Helper()
	cfg := &lint.Config{Rules: All()}
	for _, d := range lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg) {
		bytes += len(d.Message)
		for _, r := range d.Related {
			bytes += len(r.Message) + 16
			related++
		}
	}
	return bytes, related
}

// Every unresolved reference listed every definition (as related
// locations and in its message): 2,000 of each gave 732 MB of JSON. The
// findings now grow linearly with the file: twice the file, at most a
// little more than twice the bytes, and at most 3 related locations each.
func TestFindingsGrowLinearly(t *testing.T) {
	small, relSmall := findingBytes(t, hostile.BadReferences(200))
	large, relLarge := findingBytes(t, hostile.BadReferences(400))
	t.Logf("200 bad references: %d bytes, %d related; 400: %d bytes, %d related", small, relSmall, large, relLarge)
	if float64(large) > 2.3*float64(small) {
		t.Errorf("twice the references weigh %.1f times as much", float64(large)/float64(small))
	}
	if relLarge > 3*400 {
		t.Errorf("%d related locations for 400 findings", relLarge)
	}
}

// configShapes are the hostile shapes that are greyhound configs (the
// engine's input; internal/hostile's own test runs every shape through
// the binary).
func configShapes() []hostile.Shape {
	var out []hostile.Shape
	for _, s := range hostile.Shapes {
		if s.File == ".greyhound/config.yaml" {
			out = append(out, s)
		}
	}
	return out
}

// Allocations are a deterministic count of the work: on every hostile
// config, twice the input allocates at most 2.5 times as much (bad
// references grew with their square: a guess per reference against every
// definition, every definition a related location; a one-line file, a
// 40,000-key mapping, a merge chain, with theirs).
func TestEveryShapeAllocatesLinearly(t *testing.T) {
	testtool.Slow(t, "how allocations grow with each hostile shape")
	cfg := &lint.Config{Rules: All()}
	for _, s := range configShapes() {
		allocs := func(n int) float64 {
			src := s.Gen(n)
			return testing.AllocsPerRun(1, func() {
				lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg)
			})
		}
		small, large := allocs(s.N), allocs(2*s.N)
		t.Logf("%s: %.0f -> %.0f allocations", s.Name, small, large)
		if large > 2.5*small+1000 {
			t.Errorf("%s: twice the input allocates %.1f times as much (%.0f -> %.0f)", s.Name, large/small, small, large)
		}
	}
}

// BenchmarkHostile lints every hostile config at its two sizes: twice the
// input should take about twice the time (make bench-hostile runs the
// binary on them and reports peak memory too).
func BenchmarkHostile(b *testing.B) {
	cfg := &lint.Config{Rules: All()}
	for _, s := range configShapes() {
		for _, n := range []int{s.N, 2 * s.N} {
			src := s.Gen(n)
			b.Run(fmt.Sprintf("%s/%d", s.Name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg)
				}
			})
		}
	}
}
