package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// brokenBelow appends a real break (an unclosed flow collection at the
// top level) to a valid text and returns the text and the break's line.
func brokenBelow(valid string) (string, int) {
	return valid + "zzz: [1, 2\n", strings.Count(valid, "\n")
}

// variants are the text as written, without its final line break, with
// CR LF line breaks, and indented as a whole (as pasted under a key).
func variants(src string) []string {
	indented := "  " + strings.ReplaceAll(strings.TrimSuffix(src, "\n"), "\n", "\n  ") + "\n"
	return []string{src, strings.TrimSuffix(src, "\n"), strings.ReplaceAll(src, "\n", "\r\n"), indented}
}

// wantLine checks that the one syntax finding of src is on line want
// (0-based) in every variant of src.
func wantLine(t *testing.T, src string, want int, why string) {
	t.Helper()
	for _, v := range variants(src) {
		d := oneSyntaxFinding(t, []byte(v))
		if got := lint.NewLines([]byte(v)).Line(d.Range.Start); got != want {
			t.Errorf("%s: %q: the finding is on line %d, want %d: %s", why, v, got+1, want+1, d.Message)
		}
	}
}

// Every way a line leaves its value to the lines below (a key with no
// value, an anchor, a tag, both, a comment after them, a block scalar
// header, a list dash, "? "), with a mapping or a list below it, at the
// top or nested, is read as opening a block: the only finding is the
// real break further down.
func TestDoctorLinesThatOpenABlock(t *testing.T) {
	openers := []string{"key:", "key: &a", "key: !t", "key: &a !t", "key: # c", "key: &a # c", "key: !t # c", "key:   ", "- key:", "- key: &a # c"}
	bodies := []string{"sub: 1\n%[1]s  other: 2\n", "- x\n%[1]s  - y\n", "- sub: 1\n%[1]s    other: 2\n"}
	n := 0
	for _, nest := range []string{"", "top:\n  "} {
		ind := strings.Repeat(" ", len(nest)-strings.LastIndex(nest, "\n")-1)
		for _, o := range openers {
			for _, b := range bodies {
				valid := nest + o + "\n" + ind + "  " + fmt.Sprintf(b, ind)
				if rejected([]byte(valid)) {
					t.Fatalf("%q is not YAML", valid)
				}
				src, line := brokenBelow(valid)
				wantLine(t, src, line, "a line that opens a block")
				n++
			}
		}
	}
	// a block scalar's lines, whatever they hold, are its text
	for _, h := range []string{"|", ">", "|-", ">+", "|2", "| # c"} {
		for _, text := range []string{"- not: a list\n", "a: [\n", "\t'\n", "\n  \"\n"} {
			valid := "a: 1\nkey: " + h + "\n  line\n  " + text + "b: 2\n"
			if rejected([]byte(valid)) {
				continue
			}
			src, line := brokenBelow(valid)
			wantLine(t, src, line, "a block scalar")
			n++
		}
	}
	if n < 70 {
		t.Errorf("only %d cases", n)
	}
}

// A quoted scalar or a flow collection that goes on over deeper lines,
// whatever those lines look like (a key, a list entry, a comment sign),
// under a key or a list dash, on the first line or a later one: the
// value ends where it closes, and the only finding is the real break
// further down.
func TestDoctorMultiLineValues(t *testing.T) {
	values := []string{
		"\"one\n%[1]s  two: 2\n%[1]s  - three\"",
		"'one\n%[1]s  two: 2\n%[1]s  - three'",
		"\"one \\\n%[1]s  two: 2\"",
		"'it''s\n%[1]s  - two'",
		"[one,\n%[1]s  two: 2,\n%[1]s  three]",
		"{one: 1,\n%[1]s  two: 2,\n%[1]s  three: [3,\n%[1]s   4]}",
		"[\"a, b\",\n%[1]s  'c: d']",
		"'C:\\dir\\\n%[1]s  - sub\\'",        // a backslash is no escape in single quotes
		"\"say \\\"hi\\\"\n%[1]s  - there\"", // an escaped double quote does not close
	}
	n := 0
	for _, before := range []string{"", "first: 1\n", "list:\n  - a\n"} {
		for _, lead := range []string{"key: ", "- ", "- key: "} {
			if strings.HasPrefix(before, "list") != strings.HasPrefix(lead, "-") {
				continue
			}
			ind := ""
			if strings.HasPrefix(before, "list") {
				ind = "  "
			}
			for _, v := range values {
				deeper := ind + strings.Repeat(" ", len(lead)-2)
				valid := before + ind + lead + fmt.Sprintf(v, deeper) + "\n"
				if rejected([]byte(valid)) {
					t.Fatalf("%q is not YAML", valid)
				}
				src, line := brokenBelow(valid)
				wantLine(t, src, line, "a multi-line value")
				n++
			}
		}
	}
	if n < 36 {
		t.Errorf("only %d cases", n)
	}
}
