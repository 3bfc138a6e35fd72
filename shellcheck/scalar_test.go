package shellcheck

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TestOffsetsProperty: for random values written by yaml.v3 in each of
// the five styles (and by hand with escapes), Offsets maps every byte it
// locates to the same byte of the source, and locates most of them: the
// values whose decoding it does not model are few, and none of the
// values without an escape, fold or indentation indicator.
func TestOffsetsProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "$", "/", " ", " ", "\n", "\t", "'", `"`, `\`, "é", "#", ":", "-", "{", "}", "x"}
	styles := []yaml.Style{0, yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle}
	checked, located, total := 0, 0, 0
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		value := b.String()
		for _, st := range styles {
			out, err := yaml.Marshal([]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: st}})
			if err != nil {
				t.Fatal(err)
			}
			src := string(out)
			var doc yaml.Node
			if err := yaml.Unmarshal(out, &doc); err != nil {
				continue // yaml.v3's encoder writes a few values it cannot read back
			}
			n := doc.Content[0].Content[0]
			if n.Value != value {
				continue // yaml.v3 wrote another value (it does, for some trailing spaces)
			}
			start := offsetOf(src, n.Line, n.Column)
			text := strings.TrimRight(src[start:], "\n")
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				text = src[start:]
			}
			offs := Offsets([]byte(text), value)
			checked++
			total += len(value)
			if offs == nil {
				if !strings.ContainsAny(text[:1], "|>") || !strings.ContainsAny(strings.SplitN(text, "\n", 2)[0], "123456789") {
					t.Errorf("style %v: %q not decoded from %q", n.Style, value, text)
				}
				continue
			}
			for i, o := range offs {
				if o < 0 {
					continue
				}
				located++
				if text[o] != value[i] {
					t.Fatalf("style %v: %q byte %d mapped to %d of %q", n.Style, value, i, o, text)
				}
			}
		}
	}
	t.Logf("%d scalars, %d of %d bytes located", checked, located, total)
	if checked < 10000 || located < total/2 {
		t.Errorf("%d scalars checked, %d of %d bytes located", checked, located, total)
	}
}

// offsetOf is the byte offset of yaml.v3's 1-based line and column
// (characters).
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		off += strings.IndexByte(src[off:], '\n') + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}
