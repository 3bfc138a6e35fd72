package lint

import (
	"runtime"
	"strings"
	"testing"
)

// Locating a part of a block scalar costs memory linear in its empty
// lines: twice the lines, about twice the bytes (a string grown by one
// line break per empty line made 200,000 of them take 4 s).
func TestBlockScalarEmptyLinesAreLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		src := "a: |+\n  x\n" + strings.Repeat("\n", n) + "  y\n"
		d, _ := Parse([]byte(src))
		v := d.Root.Content[1]
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, ok := d.LocateValue(v, 0, 1); !ok {
			t.Fatalf("x not located in %d empty lines", n)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(20000), alloc(40000)
	if large > 3*small {
		t.Errorf("20,000 empty lines: %d bytes; 40,000: %d (more than 3x)", small, large)
	}
}
