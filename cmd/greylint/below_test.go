package main

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// below gives, for every root, the walked files under it in walk order:
// what a scan of every walked file per root gives (it did that, which was
// quadratic in a monorepo of many checkouts), on generated trees whose
// names sort differently from the walk ("a-b" before "a/" in byte order).
func TestBelowIsAScanInWalkOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 5))
	parts := []string{"a", "a-b", "a.b", "b", "svc1", "svc10", "svc2"}
	for range 200 {
		var walked []string
		for range 1 + rnd.IntN(40) {
			p := "/r"
			for range 1 + rnd.IntN(3) {
				p = filepath.Join(p, parts[rnd.IntN(len(parts))])
			}
			walked = append(walked, filepath.Join(p, ".greyhound", "config.yaml"))
		}
		sorted := make([]walkedFile, len(walked))
		for i, p := range walked {
			sorted[i] = walkedFile{p, i}
		}
		slices.SortFunc(sorted, func(a, b walkedFile) int { return strings.Compare(a.path, b.path) })
		for _, w := range walked {
			for root := filepath.Dir(w); root != "/"; root = filepath.Dir(root) {
				var want []string
				for _, p := range walked {
					if strings.HasPrefix(p, root+string(filepath.Separator)) {
						want = append(want, p)
					}
				}
				if got := below(sorted, walked, root); !slices.Equal(got, want) {
					t.Fatalf("below(%s) = %q, want %q", root, got, want)
				}
			}
		}
	}
}
