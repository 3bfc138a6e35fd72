package lsp

import (
	"bytes"
	"github.com/greylint/greylint/internal/testtool"
	"math/rand/v2"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
)

// naive applies changes one at a time, as the protocol defines them.
func naive(s *Server, text []byte, changes []protocol.TextDocumentContentChangeEvent) []byte {
	for _, ch := range changes {
		c := ch.(*protocol.TextDocumentContentChangePartial)
		l := lint.NewLines(text)
		a, b := s.offset(l, c.Range.Start), s.offset(l, c.Range.End)
		if b < a {
			a, b = b, a
		}
		text = append(append(append([]byte(nil), text[:a]...), c.Text...), text[b:]...)
	}
	return text
}

// randomPos returns a position in text (possibly past a line's end, which
// the protocol clamps).
func randomPos(r *rand.Rand, text []byte) protocol.Position {
	l := lint.NewLines(text)
	line := r.IntN(l.Count())
	return protocol.Position{Line: uint32(line), Character: uint32(r.IntN(len(l.Text(line)) + 3))}
}

// pieces are the texts changes write: every line end LSP knows ("\n",
// "\r\n", a lone "\r"), and halves of a CR LF that join one with the text
// around them.
var pieces = []string{"", "a", "é", "😀", "\n", "key: value\n", "x\ny", "  - ", "\r\n", "\r", "a\r", "\nb", "x\r\ny\rz"}

// TestChangesInOnePass: any sequence of changes in one didChange gives the
// text that applying them one by one gives: runs going down or up the
// document, and random ranges that break them, in UTF-16 and UTF-8.
func TestChangesInOnePass(t *testing.T) {
	for _, utf8 := range []bool{false, true} {
		s := &Server{utf8: utf8}
		r := rand.New(rand.NewPCG(1, 2))
		for iter := 0; iter < 6000; iter++ {
			eol := []string{"\n", "\r\n", "\r"}[r.IntN(3)]
			text := []byte(strings.ReplaceAll(strings.Repeat("services:\n  - name: é😀x\n    image: nginx\n", 1+r.IntN(4)), "\n", eol))
			var changes []protocol.TextDocumentContentChangeEvent
			cur := text
			// 0: random ranges; 1: a run down the text; 2: a run up it;
			// 3: changes inside the text the last one wrote.
			mode := r.IntN(4)
			lo, hi := 0, len(text)
			for k := 0; k < 1+r.IntN(8); k++ {
				a, b := randomPos(r, cur), randomPos(r, cur)
				if before(b, a) {
					a, b = b, a
				}
				l := lint.NewLines(cur)
				if mode != 0 && lo <= hi {
					// Offsets on rune boundaries inside [lo, hi].
					so := lo + r.IntN(hi-lo+1)
					eo := so + r.IntN(hi-so+1)
					a, b = s.position(l, so), s.position(l, eo)
					so = s.offset(l, a)
					if mode == 2 {
						lo, hi = 0, so // the next change ends before this one starts
					}
				}
				if mode == 3 && k > 0 {
					// Inside what the last change wrote.
					p := changes[k-1].(*protocol.TextDocumentContentChangePartial)
					so := s.offset(l, p.Range.Start)
					so, eo := so+r.IntN(len(p.Text)+1), so+r.IntN(len(p.Text)+1)
					if eo < so {
						so, eo = eo, so
					}
					a, b = s.position(l, so), s.position(l, eo)
				}
				c := &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: a, End: b}, Text: pieces[r.IntN(len(pieces))]}
				changes = append(changes, c)
				cur = naive(s, cur, []protocol.TextDocumentContentChangeEvent{c})
				if mode == 1 {
					lo = s.offset(lint.NewLines(cur), a) + len(c.Text)
					hi = len(cur)
				}
			}
			want := naive(s, text, changes)
			if got := s.applyChanges(text, changes); !bytes.Equal(got, want) {
				for _, c := range changes {
					p := c.(*protocol.TextDocumentContentChangePartial)
					t.Logf("%v-%v %q", p.Range.Start, p.Range.End, p.Text)
				}
				t.Fatalf("utf8=%v: %q with %d changes:\ngot  %q\nwant %q", utf8, text, len(changes), got, want)
			}
		}
	}
}

// TestManyRangesOneIndex: 20,000 ranges going up a 1 MB document (several
// cursors) or down it build one line index, not one per range.
func TestManyRangesOneIndex(t *testing.T) {
	s := &Server{}
	text := []byte(strings.Repeat("    image: nginx:1.27-alpine # padding padding padding\n", 20000))
	for _, down := range []bool{false, true} {
		var changes []protocol.TextDocumentContentChangeEvent
		for i := 0; i < 20000; i++ {
			line := uint32(i)
			if !down {
				line = uint32(19999 - i)
			}
			// Replace "nginx" on each line by "httpd!" (longer: positions
			// after it move).
			changes = append(changes, &protocol.TextDocumentContentChangePartial{
				Range: protocol.Range{Start: protocol.Position{Line: line, Character: 11}, End: protocol.Position{Line: line, Character: 16}},
				Text:  "httpd!",
			})
		}
		before := lineIndexBuilds.Load()
		got := s.applyChanges(text, changes)
		if n := lineIndexBuilds.Load() - before; n != 1 {
			t.Errorf("down=%v: %d line indexes built for 20,000 ranges, want 1", down, n)
		}
		if want := bytes.ReplaceAll(text, []byte("nginx"), []byte("httpd!")); !bytes.Equal(got, want) {
			t.Errorf("down=%v: wrong text", down)
		}
	}
}

// TestSamePositionStormIsLinear: one didChange with N ranges at one
// position (inserted, replaced again and again, deleted, CR LF written)
// builds one line index and copies bytes in proportion to the text and
// the changes, at N and 2N (replacing the same range again used to apply
// the run and rebuild the index for every change: 20,000 of them in a
// 100 KB document took 8.4 s).
func TestSamePositionStormIsLinear(t *testing.T) {
	testtool.Slow(t, "how cost grows with an edit storm")
	s := &Server{}
	text := []byte(strings.Repeat("    image: nginx:1.27-alpine # padding padding padding\n", 2000))
	for _, shape := range []string{"insert", "replace", "delete", "crlf", "replace-longer"} {
		for _, n := range []int{10000, 20000} {
			var changes []protocol.TextDocumentContentChangeEvent
			written := 0
			for i := 0; i < n; i++ {
				p := protocol.Position{Line: 5, Character: 3}
				c := &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: p, End: p}, Text: "x"}
				switch shape {
				case "replace":
					c.Range.End.Character = 4
				case "replace-longer":
					c.Range.End.Character, c.Text = 4, "xy"
				case "delete":
					c.Range.End.Character, c.Text = 4, ""
				case "crlf":
					c.Text = "a\r\n"
				}
				written += len(c.Text)
				changes = append(changes, c)
			}
			want := naive(s, text, changes[:min(n, 300)])
			if got := s.applyChanges(text, changes[:min(n, 300)]); !bytes.Equal(got, want) {
				t.Fatalf("%s: wrong text", shape)
			}
			builds, copied := lineIndexBuilds.Load(), bytesCopied.Load()
			s.applyChanges(text, changes)
			builds, copied = lineIndexBuilds.Load()-builds, bytesCopied.Load()-copied
			// replace-longer grows the replaced text by one byte a change;
			// editing it in place copies it each time, bounded by maxMerged.
			limit, maxBuilds := int64(4*(len(text)+written)), int64(2)
			if shape == "replace-longer" {
				// Applied once the text it grows passes maxMerged.
				limit += int64(n) * maxMerged
				maxBuilds += int64(n / (maxMerged / 4))
			}
			if builds > maxBuilds || copied > limit {
				t.Errorf("%s, N=%d: %d line indexes, %d bytes copied (text %d, changes %d)", shape, n, builds, copied, len(text), written)
			}
		}
	}
}
