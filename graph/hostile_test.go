package graph

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/hostile"
)

// aliases is n environments that each import an application under an
// alias and remove services by the alias: resolving the alias once per
// reference by a scan of every import was quadratic.
func aliases(n int) []byte {
	var b strings.Builder
	b.WriteString("applications:\n  - name: app\n    repository: acme-corp/app\n    branch: main\nenvironments:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: env-%d\n    cluster: c\n    from_applications:\n      - name: app\n        alias: a-%d\n    removed_services:\n      a-%d:\n        services: [x]\n", i, i, i)
	}
	return []byte(b.String())
}

// The hostile shapes of issue #10 that the graph draws, and many aliases, drawn at two sizes: each format stays well-formed, and the
// output at most grows as the input does (twice the input: at most 2.5
// times the output, plus a little).
func TestHostileShapesStayLinear(t *testing.T) {
	shapes := []hostile.Shape{{Name: "aliases", File: ".greyhound/applications.yaml", Gen: aliases, N: 500}}
	// The shapes whose names, references or merges become nodes, edges
	// and labels (the others are about parsing, which the CLI's test
	// covers).
	drawn := []string{"bad-references", "long-names", "control-characters", "merge-chain-list", "alias-expansion"}
	for _, s := range hostile.Shapes {
		if slices.Contains(drawn, s.Name) {
			shapes = append(shapes, s)
		}
	}
	if len(shapes) != 1+len(drawn) {
		t.Fatalf("%d shapes: internal/hostile renamed one of %q", len(shapes)-1, drawn)
	}
	for _, s := range shapes {
		t.Run(s.Name, func(t *testing.T) {
			sizes := map[string][2]int{}
			for i, n := range []int{s.N, 2 * s.N} {
				g := New([]File{{Path: s.File, Result: analyze(t, s.File, s.Gen(n))}})
				for _, format := range Formats {
					var buf bytes.Buffer
					if err := g.Write(&buf, format); err != nil {
						t.Fatal(err)
					}
					checkFormat(t, g, format, buf.String())
					sz := sizes[format]
					sz[i] = buf.Len()
					sizes[format] = sz
				}
			}
			for format, sz := range sizes {
				if limit := 5*sz[0]/2 + 2048; sz[1] > limit {
					t.Errorf("%s: %d -> %d bytes for twice the input (at most %d)", format, sz[0], sz[1], limit)
				}
			}
		})
	}
}

// BenchmarkAliases: time per alias stays flat as the file grows (it grew
// with the square of the aliases when each was resolved by a scan).
func BenchmarkAliases(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		src := aliases(n)
		res := analyze(&testing.T{}, ".greyhound/applications.yaml", src)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				New([]File{{Path: "a", Result: res}})
			}
		})
	}
}
