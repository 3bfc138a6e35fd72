package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// unclosedDollar over generated scripts: closed fragments (quotes, single
// quotes hiding $(, comments, escapes, closed $( ${ and plain parentheses)
// around zero, one or two openers left open, alone or inside a double
// quote. The answer is the last opener left open, known by construction,
// or -1 when every one is closed.
func TestUnclosedDollarOverCompositions(t *testing.T) {
	closed := []string{
		"echo a; ", "echo '' x; ", `"q $(date) ${X}" `, "'single $( ${' ", " # comment $( ${\n",
		`\$( `, `\${ `, "$(inner) ", "${A:-b} ", "(sub) ", "a#b ", "$((1 + 2)) ",
		`"a \" $(b)" `, "x=$(echo \"(\") ",
	}
	openers := []string{"$(", "${", `"in quote $(`, `"in quote ${`}
	rng := rand.New(rand.NewPCG(7, 23))
	frags := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(closed[rng.IntN(len(closed))])
		}
		return b.String()
	}
	for n := range 3000 {
		var b strings.Builder
		want := -1
		for range rng.IntN(3) {
			b.WriteString(frags())
			o := openers[rng.IntN(len(openers))]
			want = b.Len() + strings.Index(o, "$")
			b.WriteString(o)
		}
		b.WriteString(frags())
		text := b.String()
		if got := unclosedDollar([]byte(text)); got != want {
			t.Fatalf("case %d: %q: innermost open at %d, want %d", n, text, got, want)
		}
	}
}
