package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDuplicateKeysOnEitherSideOfTheIndex: in mappings of 1 to 40 keys
// (scanned below 17, indexed above), block or flow, with keys repeated at
// random and merge keys among them, Parse reports each repeat after the
// first, at the repeat, relating the first, and nothing else.
func TestDuplicateKeysOnEitherSideOfTheIndex(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 18))
	sizes := map[bool]int{}
	for range 400 {
		n := 1 + rnd.IntN(40)
		flow := rnd.IntN(3) == 0
		var b strings.Builder
		b.WriteString("anchor: &a {x: 1}\nm:")
		if flow {
			b.WriteString(" {")
		} else {
			b.WriteString("\n")
		}
		var want []string
		first := map[string]int{}
		for i := range n {
			key := fmt.Sprintf("k%d", rnd.IntN(n))
			switch rnd.IntN(8) {
			case 0:
				key = "<<" // a merge: never a duplicate
			case 1:
				key = `"<<"` // a string key spelt like a merge
			}
			if flow {
				if i > 0 {
					b.WriteString(", ")
				}
			} else {
				b.WriteString("  ")
			}
			at := b.Len()
			b.WriteString(key)
			if key == "<<" {
				b.WriteString(": *a")
			} else {
				fmt.Fprintf(&b, ": %d", i)
				if f, ok := first[key]; ok {
					want = append(want, fmt.Sprintf("%d-%d %q first at %d", at, at+len(key), key, f))
				} else {
					first[key] = at
				}
			}
			if !flow {
				b.WriteString("\n")
			}
		}
		if flow {
			b.WriteString("}\n")
		}
		src := b.String()
		_, diags := Parse([]byte(src))
		var got []string
		for _, d := range diags {
			if d.Rule != DuplicateKey.ID || len(d.Related) != 1 {
				t.Fatalf("%q: %v", src, d)
			}
			key := src[d.Range.Start:d.Range.End]
			if d.Message != fmt.Sprintf("key %q is defined more than once in this mapping; remove or rename one of them", strings.Trim(key, `"`)) {
				t.Fatalf("%q: %v", src, d)
			}
			got = append(got, fmt.Sprintf("%d-%d %q first at %d", d.Range.Start, d.Range.End, key, d.Related[0].Range.Start))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\ngot  %v\nwant %v", src, got, want)
		}
		sizes[n > 16] = sizes[n > 16] + len(want)
	}
	if sizes[false] < 50 || sizes[true] < 50 {
		t.Errorf("duplicates in small mappings %d, in large ones %d", sizes[false], sizes[true])
	}
}
