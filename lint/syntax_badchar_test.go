package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// forbidden is YAML's rule (c-printable) for the characters up to
// U+00A0: C0 controls but tab (line feed and carriage return end lines);
// DEL; C1 controls. (YAML 1.2 allows NEL, U+0085, but yaml.v3 reads it
// as YAML 1.1 does, a line break, and rejects it inside a value.)
func forbidden(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// Every character up to U+00A0 and every byte that cannot start UTF-8, in
// a value, on the first line or a later one, with or without a byte order
// mark, alone or before a real break further down: a character YAML
// forbids is the finding, exactly its bytes, named; one it allows is not
// blamed, and the break further down is.
func TestSyntaxBadCharacters(t *testing.T) {
	type char struct {
		text string
		name string // what the message must say
		bad  bool
	}
	var chars []char
	for r := rune(0); r <= 0xa0; r++ {
		if r == '\n' || r == '\r' {
			continue
		}
		name := fmt.Sprintf("control character (U+%04X)", r)
		switch r {
		case 0:
			name = "NUL character (U+0000)"
		case 0x1b:
			name = "escape character (ESC, U+001B)"
		}
		chars = append(chars, char{string(r), name, forbidden(r)})
	}
	for b := 0x80; b <= 0xff; b++ { // a continuation byte alone, or a lead byte before "y"
		chars = append(chars, char{string([]byte{byte(b)}), fmt.Sprintf("byte that is not UTF-8 (0x%02x)", b), true})
	}
	for _, c := range chars {
		for _, bom := range []string{"", "\uFEFF"} {
			for _, before := range []string{"", "a: 1\n"} {
				for _, after := range []string{"\nb: 2\n", "\nb: [2\n"} {
					src := bom + before + "key: x" + c.text + "y" + after
					at := len(bom + before + "key: x")
					_, diags := lint.Parse([]byte(src))
					var d *lint.Diagnostic
					for k := range diags {
						if diags[k].Rule == lint.Syntax.ID {
							d = &diags[k]
						}
					}
					switch {
					case c.bad && d == nil:
						t.Errorf("%q: no syntax finding", src)
					case c.bad && (d.Range != lint.Range{Start: at, End: at + len(c.text)} || !strings.Contains(d.Message, "holds a "+c.name+",") && !strings.Contains(d.Message, "holds an "+c.name+",")):
						t.Errorf("%q: got %v %q, want %v naming the %s", src, d.Range, d.Message, lint.Range{Start: at, End: at + len(c.text)}, c.name)
					case !c.bad && d != nil && d.Range.Start <= at+len(c.text):
						t.Errorf("%q: a character YAML allows is blamed: %v %s", src, d.Range, d.Message)
					case !c.bad && strings.Contains(after, "[") && d == nil:
						t.Errorf("%q: the unclosed [ is not found", src)
					}
				}
			}
		}
	}
}

// A text mostly of forbidden bytes is no text file: one finding at its
// start. "Mostly" is at least 8 such bytes and more than a tenth of the
// text (of its first 4,096 bytes when longer); each side of both edges,
// with and without a byte order mark, which does not count.
func TestSyntaxBinaryFileEdges(t *testing.T) {
	for _, n := range []int{30, 79, 80, 81, 200, 4095, 4096, 4097, 6000} {
		tenth := min(n, 4096) / 10
		for _, k := range []int{7, 8, 9, tenth - 1, tenth, tenth + 1} {
			if k < 1 || k > n-4 {
				continue
			}
			binary := k >= 8 && k*10 > min(n, 4096)
			for _, bom := range []string{"", "\uFEFF"} {
				text := "a: " + strings.Repeat("x", n-3-k) + strings.Repeat("\x01", k)
				src := bom + text
				_, diags := lint.Parse([]byte(src))
				if len(diags) != 1 || diags[0].Rule != lint.Syntax.ID {
					t.Fatalf("%d bytes, %d forbidden: %v", n, k, diags)
				}
				d := diags[0]
				first := len(src) - k
				switch {
				case binary && (d.Range != lint.Range{Start: len(bom), End: len(bom)} || !strings.Contains(d.Message, "not a text file")):
					t.Errorf("%d bytes, %d forbidden, BOM %v: got %v %q, want the whole file said to be binary", n, k, bom != "", d.Range, d.Message)
				case !binary && (d.Range != lint.Range{Start: first, End: first + 1} || !strings.Contains(d.Message, "(U+0001)")):
					t.Errorf("%d bytes, %d forbidden, BOM %v: got %v %q, want the first one at %d", n, k, bom != "", d.Range, d.Message, first)
				}
			}
		}
	}
}
