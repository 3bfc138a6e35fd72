package lint

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPositionsMatchAReference: on random texts (a BOM or not; LF, CR LF
// and lone CR breaks; tabs, two-, three- and four-byte characters, bytes
// that are not UTF-8; short lines and lines long enough for
// checkpoints), every conversion of Lines gives what a scan of the line
// from its start gives: Count, Line, Bounds and Text; LineCol, UTF16 and
// UTF8 at every character boundary (offsets in the BOM and past the end
// clamped); Offset, FromUTF16 and FromUTF8 for every column of every line
// and past its ends (a column in a surrogate pair maps to the character's
// start, a column past the end to the line's end, a line before the first
// or after the last to the file's ends).
func TestPositionsMatchAReference(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"a", "b", " ", "\t", "é", "名", "🚀", "\xff", "\U00010000", "\n", "\r\n", "\r"}
	long := 0
	for round := range 200 {
		var b strings.Builder
		if rnd.IntN(4) == 0 {
			b.WriteString("\uFEFF")
		}
		for n := rnd.IntN(30); n > 0; n-- {
			if rnd.IntN(12) == 0 { // a long line, narrow or wide
				wide := rnd.IntN(2) == 0
				for m := 1000 + rnd.IntN(1500); m > 0; m-- {
					if wide && rnd.IntN(3) == 0 {
						b.WriteString(pieces[4+rnd.IntN(5)])
					} else {
						b.WriteString(pieces[rnd.IntN(4)])
					}
				}
				long++
				continue
			}
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		src := []byte(b.String())
		// The reference: the lines, each with its character boundaries
		// and the characters and UTF-16 units before each.
		type bound struct{ off, runes, units int }
		type line struct {
			start, end int
			bounds     []bound // at every character start, and at end
		}
		var lines []line
		start := 0
		if strings.HasPrefix(string(src), "\uFEFF") {
			start = 3
		}
		first := start
		for i := start; ; {
			cur := line{start: i}
			runes, units := 0, 0
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				cur.bounds = append(cur.bounds, bound{i, runes, units})
				r, size := utf8.DecodeRune(src[i:])
				runes, units = runes+1, units+1
				if r >= 0x10000 {
					units++
				}
				i += size
			}
			cur.end = i
			cur.bounds = append(cur.bounds, bound{i, runes, units})
			lines = append(lines, cur)
			if i == len(src) {
				break
			}
			if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			i++
		}
		l := NewLines(src)
		if l.Count() != len(lines) {
			t.Fatalf("round %d %q: %d lines, want %d", round, src, l.Count(), len(lines))
		}
		for i, ln := range lines {
			if s, e := l.Bounds(i); s != ln.start || e != ln.end || string(l.Text(i)) != string(src[ln.start:ln.end]) {
				t.Fatalf("round %d %q: Bounds(%d) = %d, %d, want %d, %d", round, src, i, s, e, ln.start, ln.end)
			}
			next := len(src) + 1
			if i+1 < len(lines) {
				next = lines[i+1].start
			}
			for off := ln.start; off < next; off++ {
				if got := l.Line(off); got != i {
					t.Fatalf("round %d %q: Line(%d) = %d, want %d", round, src, off, got, i)
				}
			}
			for _, bd := range ln.bounds {
				if li, col := l.LineCol(bd.off); li != i+1 || col != bd.runes+1 {
					t.Fatalf("round %d %q: LineCol(%d) = %d:%d, want %d:%d", round, src, bd.off, li, col, i+1, bd.runes+1)
				}
				if li, ch := l.UTF16(bd.off); li != i || ch != bd.units {
					t.Fatalf("round %d %q: UTF16(%d) = %d:%d, want %d:%d", round, src, bd.off, li, ch, i, bd.units)
				}
				if li, ch := l.UTF8(bd.off); li != i || ch != bd.off-ln.start {
					t.Fatalf("round %d %q: UTF8(%d) = %d:%d, want %d:%d", round, src, bd.off, li, ch, i, bd.off-ln.start)
				}
			}
			last := ln.bounds[len(ln.bounds)-1]
			// Offset: col-1 characters from the start, clamped.
			// Every column of a short line; of a long one, its ends and
			// columns at random (each conversion scans up to a checkpoint).
			columns := func(n int) []int {
				if n < 300 {
					var all []int
					for c := -1; c <= n+3; c++ {
						all = append(all, c)
					}
					return all
				}
				some := []int{-1, 0, 1, 2, n - 1, n, n + 1, n + 3, markEvery - 1, markEvery, markEvery + 1}
				for range 150 {
					some = append(some, rnd.IntN(n+2))
				}
				return some
			}
			for _, col := range columns(last.runes + 1) {
				want := ln.bounds[min(max(col-1, 0), last.runes)].off
				if got := l.Offset(i+1, col); got != want {
					t.Fatalf("round %d %q: Offset(%d, %d) = %d, want %d", round, src, i+1, col, got, want)
				}
			}
			// FromUTF16: the last character start at most char units in.
			for _, char := range columns(last.units) {
				k := sort.Search(len(ln.bounds), func(k int) bool { return ln.bounds[k].units > char }) - 1
				k = max(k, 0)
				if got := l.FromUTF16(i, char); got != ln.bounds[k].off {
					t.Fatalf("round %d %q: FromUTF16(%d, %d) = %d, want %d", round, src, i, char, got, ln.bounds[k].off)
				}
			}
			for _, char := range columns(ln.end - ln.start) {
				if got, want := l.FromUTF8(i, char), ln.start+min(max(char, 0), ln.end-ln.start); got != want {
					t.Fatalf("round %d %q: FromUTF8(%d, %d) = %d, want %d", round, src, i, char, got, want)
				}
			}
		}
		// Outside the text.
		lastLine := len(lines) - 1
		for _, off := range []int{-5, -1, len(src) + 1, len(src) + 9} {
			wantLine, wantCol := 0, 1
			if off > 0 {
				wantLine, wantCol = lastLine, lines[lastLine].bounds[len(lines[lastLine].bounds)-1].runes+1
			}
			if li, col := l.LineCol(off); li != wantLine+1 || col != wantCol {
				t.Fatalf("round %d %q: LineCol(%d) = %d:%d, want %d:%d", round, src, off, li, col, wantLine+1, wantCol)
			}
			if got := l.Line(off); got != wantLine {
				t.Fatalf("round %d %q: Line(%d) = %d, want %d", round, src, off, got, wantLine)
			}
		}
		for off := 0; off < first; off++ { // inside the BOM
			if li, col := l.LineCol(off); li != 1 || col != 1 {
				t.Fatalf("round %d: LineCol(%d) in the BOM = %d:%d", round, off, li, col)
			}
			if li, ch := l.UTF16(off); li != 0 || ch != 0 {
				t.Fatalf("round %d: UTF16(%d) in the BOM = %d:%d", round, off, li, ch)
			}
			if li, ch := l.UTF8(off); li != 0 || ch != 0 {
				t.Fatalf("round %d: UTF8(%d) in the BOM = %d:%d", round, off, li, ch)
			}
		}
		for _, li := range []int{-3, -1} {
			if l.Offset(li+1, 1) != first || l.FromUTF16(li, 0) != first || l.FromUTF8(li, 0) != first {
				t.Fatalf("round %d: line %d does not clamp to the file's start", round, li)
			}
		}
		for _, li := range []int{len(lines), len(lines) + 4} {
			if l.Offset(li+1, 1) != len(src) || l.FromUTF16(li, 0) != len(src) || l.FromUTF8(li, 0) != len(src) {
				t.Fatalf("round %d: line %d does not clamp to the file's end", round, li)
			}
			if s, e := l.Bounds(li); s != len(src) || e != len(src) {
				t.Fatalf("round %d: Bounds(%d) = %d, %d", round, li, s, e)
			}
		}
		if s, e := l.Bounds(-1); s != lines[0].start || e != lines[0].end {
			t.Fatalf("round %d: Bounds(-1) = %d, %d", round, s, e)
		}
	}
	if long < 100 {
		t.Errorf("only %d long lines", long)
	}
}
