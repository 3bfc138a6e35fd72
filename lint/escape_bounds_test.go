package lint

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBoundMessageAtItsEdges: quoted values of MaxQuoted-2 to MaxQuoted+2
// characters of every width (and escapes) are kept up to MaxQuoted and
// cut to it past it, and messages of MaxMessage-4 to MaxMessage+4 bytes
// ending in characters of every width are kept up to MaxMessage and cut
// at the last character start at most MaxMessage bytes in past it: the
// result is what a character-by-character reference writes.
func TestBoundMessageAtItsEdges(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	widths := []string{"a", "é", "名", "🚀", "\x1b", "\n", "\""}
	for range 400 {
		// One quoted value among words.
		n := MaxQuoted - 2 + rnd.IntN(5)
		var v strings.Builder
		for range n {
			v.WriteString(widths[rnd.IntN(len(widths))])
		}
		want := strconv.Quote(v.String())
		if n > MaxQuoted {
			cut := []rune(v.String())[:MaxQuoted]
			want = strconv.Quote(string(cut) + "…")
		}
		if got := BoundMessage("name " + strconv.Quote(v.String()) + " is unknown"); got != "name "+want+" is unknown" {
			t.Fatalf("a value of %d characters: got %q, want %q", n, got, "name "+want+" is unknown")
		}
		// A whole message around MaxMessage bytes (no quotes in it).
		size := MaxMessage - 4 + rnd.IntN(9)
		var m strings.Builder
		for m.Len() < size {
			w := widths[rnd.IntN(4)]
			if m.Len()+len(w) > size {
				w = "a"
			}
			m.WriteString(w)
		}
		msg := m.String()
		wantMsg := msg
		if len(msg) > MaxMessage {
			cut := 0
			for i := range msg { // each character's start
				if i <= MaxMessage {
					cut = i
				}
			}
			wantMsg = msg[:cut] + "…"
		}
		if got := BoundMessage(msg); got != wantMsg || !utf8.ValidString(got) {
			t.Fatalf("a message of %d bytes: got %d bytes ending %q, want %d ending %q", len(msg), len(got), got[max(len(got)-8, 0):], len(wantMsg), wantMsg[max(len(wantMsg)-8, 0):])
		}
	}
}
