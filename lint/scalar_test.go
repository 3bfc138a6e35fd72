package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/scalars"
)

// ScalarDocument is a document with v written in the given style as the
// value of "target", between two other keys, in a block or a flow
// mapping; ok as EncodeScalar.
func ScalarDocument(rnd *rand.Rand, style, v string) (string, bool) {
	text, ok := scalars.Encode(rnd, style, v, 2)
	if !ok {
		return "", false
	}
	if strings.HasPrefix(style, "flow-") {
		return "top:\n  before: 1\n  m: {a: 1, target: " + text + ", z: 2}\n  after: x\n", true
	}
	return "top:\n  before: 1\n  target: " + text + "\n  after: x\n", true
}

// target returns the node of "target" in a ScalarDocument.
func target(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Kind == yaml.MappingNode && n.Content[i].Value == "target" {
			return n.Content[i+1]
		}
		if t := target(n.Content[i+1]); t != nil {
			return t
		}
	}
	return nil
}

// scalarValues are the values the property writes in every style: letters,
// placeholders, blanks, line breaks, quotes, backslashes, non-ASCII.
func scalarValue(rnd *rand.Rand, plain bool) string {
	if plain {
		words := []string{"a", "Zb", "9", "/x", "${commit.SHA}", "${x}", "$(y)", "é", "🚀", "a.b", "c-d"}
		var b strings.Builder
		b.WriteString("w")
		for n := rnd.IntN(4); n >= 0; n-- {
			b.WriteString([]string{"", " "}[rnd.IntN(2)] + words[rnd.IntN(len(words))])
		}
		return b.String()
	}
	alphabet := []string{"a", "b", "Z", "9", "/", ".", "-", "_", " ", " ", "${commit.SHA}", "${x}", "$(y)", "\n", "\t", "'", "\"", "\\", "é", "🚀", "\u0085", "\u2028", "#", ":", "\x01"}
	var b strings.Builder
	for n := 1 + rnd.IntN(12); n > 0; n-- {
		b.WriteString(alphabet[rnd.IntN(len(alphabet))])
	}
	return b.String()
}

// TestScalarEditsAreExact: for a value written in every style, every part
// LocateValue finds is that part of the value in the source; EditValue on
// any part and ReplaceValue with any value give a document whose target
// decodes to exactly the value asked for and whose other keys are as
// they were.
func TestScalarEditsAreExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	located := map[string]int{}
	cases := map[string]int{}
	for range 6000 {
		style := scalars.Styles[rnd.IntN(len(scalars.Styles))]
		v := scalarValue(rnd, strings.Contains(style, "plain"))
		if rnd.IntN(3) == 0 && !strings.Contains(style, "plain") {
			v += "\n"
		}
		src, ok := ScalarDocument(rnd, style, v)
		if !ok {
			continue
		}
		d, _ := Parse([]byte(src))
		n := target(d.Root)
		if n == nil || n.Value != v {
			t.Fatalf("%s: the generator wrote %q for %q; yaml.v3 reads it as %v", style, src, v, n)
		}
		cases[style]++
		// Every located part is the value's bytes in the source.
		for i := 0; i <= len(v); i++ {
			for j := i + 1; j <= len(v) && j <= i+16; j++ {
				if r, ok := d.LocateValue(n, i, j); ok {
					located[style]++
					if got := d.Text(r); got != v[i:j] {
						t.Fatalf("%s %q: LocateValue(%d, %d) = %q, want %q", style, src, i, j, got, v[i:j])
					}
				}
			}
		}
		// An edit of any part.
		i := rnd.IntN(len(v) + 1)
		j := i + rnd.IntN(len(v)-i+1)
		for i > 0 && i < len(v) && !utf8.RuneStart(v[i]) {
			i--
		}
		for j < len(v) && !utf8.RuneStart(v[j]) {
			j++
		}
		repl := []string{"${commit.sha}", "X", "${database.main.writer_endpoint}", "$(NAME)", "a b", "\n", "'", "\""}[rnd.IntN(8)]
		if e, ok := d.EditValue(n, i, j, repl); ok {
			checkEdit(t, style, src, e, v[:i]+repl+v[j:])
		} else if len(v) <= maxRewrite {
			t.Errorf("%s %q: no edit of [%d:%d] to %q", style, src, i, j, repl)
		}
		// A new value.
		s := scalarValue(rnd, rnd.IntN(2) == 0)
		if e, ok := d.ReplaceValue(n, s); ok {
			checkEdit(t, style, src, e, s)
		} else {
			t.Errorf("%s %q: no text for %q", style, src, s)
		}
	}
	for _, s := range scalars.Styles {
		if cases[s] < 20 {
			t.Errorf("style %s: only %d cases", s, cases[s])
		}
		t.Logf("%-20s %4d values, %6d parts located", s, cases[s], located[s])
	}
	for _, s := range []string{"plain", "double-escapes", "double-continuation", "literal-clip", "folded-keep", "single-multiline"} {
		if located[s] == 0 {
			t.Errorf("style %s: no part ever located", s)
		}
	}
}

// checkEdit applies e to src and requires the target to decode to want
// and the rest of the document to be as before.
func checkEdit(t *testing.T, style, src string, e Edit, want string) {
	t.Helper()
	out := src[:e.Range.Start] + e.NewText + src[e.Range.End:]
	var before, after map[string]any
	if err := yaml.Unmarshal([]byte(src), &before); err != nil {
		t.Fatalf("%s %q: %v", style, src, err)
	}
	if err := yaml.Unmarshal([]byte(out), &after); err != nil {
		t.Errorf("%s: the edit %q of %q gives text that does not load: %v\n%s", style, e.NewText, src, err, out)
		return
	}
	d, _ := Parse([]byte(out))
	n := target(d.Root)
	if n == nil || n.Value != want {
		t.Errorf("%s: after the edit %q of %q the value is %v, want %q\n%s", style, e.NewText, src, n, want, out)
		return
	}
	n.Value = "" // compare the rest
	d0, _ := Parse([]byte(src))
	target(d0.Root).Value = ""
	if fmt.Sprint(strip(d0.Root)) != fmt.Sprint(strip(d.Root)) {
		t.Errorf("%s: the edit %q of %q changes more than the value:\n%s", style, e.NewText, src, out)
	}
}

// strip is a node tree as nested values (Value, Kind, Tag), for comparing
// two documents' structure.
func strip(n *yaml.Node) any {
	if n == nil {
		return nil
	}
	var c []any
	for _, x := range n.Content {
		c = append(c, strip(x))
	}
	return []any{n.Kind, n.ShortTag(), n.Value, c}
}

// TestLocatingIsOneScan (N5): locating every placeholder of one value, in
// the styles whose source differs from the value, scans the source once,
// at N and 2N placeholders; a scan per finding made 50,000 of them in one
// value take 15 s.
func TestLocatingIsOneScan(t *testing.T) {
	for _, spell := range []string{`"%s"`, `'%s'`, "|\n    %s"} {
		for _, n := range []int{5000, 10000} {
			v := strings.Repeat("${commit.SHA} it''s \\t", n)
			if spell != `'%s'` {
				v = strings.ReplaceAll(v, "''", "'")
			}
			src := "a:\n  v: " + fmt.Sprintf(spell, v) + "\n"
			d, _ := Parse([]byte(src))
			node := d.Root.Content[1].Content[1]
			before := decodedBytes.Load()
			located := 0
			for i := 0; ; {
				k := strings.Index(node.Value[i:], "${commit.SHA}")
				if k < 0 {
					break
				}
				i += k
				if _, ok := d.LocateValue(node, i, i+len("${commit.SHA}")); ok {
					located++
				}
				i++
			}
			if scanned := decodedBytes.Load() - before; located != n || scanned > int64(len(src)) {
				t.Errorf("%s, N=%d: %d located, %d bytes scanned for a %d-byte file", spell, n, located, scanned, len(src))
			}
		}
	}
}
