package lint_test

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// oneSyntaxFinding checks what every text yaml.v3 rejects must get: one
// syntax finding, inside the text, and no internal finding (the doctor
// crashed); it returns the finding.
func oneSyntaxFinding(t *testing.T, src []byte) lint.Diagnostic {
	t.Helper()
	_, diags := lint.Parse(src)
	var got []lint.Diagnostic
	for _, d := range diags {
		switch d.Rule {
		case lint.Internal.ID:
			t.Fatalf("%q: %s", src, d.Message)
		case lint.Syntax.ID:
			got = append(got, d)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%q: %d syntax findings, want 1: %v", src, len(got), got)
	}
	d := got[0]
	if d.Range.Start < 0 || d.Range.Start > d.Range.End || d.Range.End > len(src) {
		t.Fatalf("%q: the range %v is not inside the text (%d bytes): %s", src, d.Range, len(src), d.Message)
	}
	return d
}

func rejected(src []byte) bool {
	var n yaml.Node
	return yaml.Unmarshal(src, &n) != nil
}

var missingCommaRe = regexp.MustCompile(`^a comma is missing before "((?:[^"\\]|\\.)*)"`)

// Entries of a flow mapping with what may stand between them: nothing, a
// comma, blanks, line breaks (\n, \r\n), tabs, at every depth and after a
// key of each kind. When the doctor says a comma is missing before a key,
// the range is that key, as written: a plain key with no blank or line
// break in it, a quoted one from quote to quote (blanks and commas inside).
// (The key's start was found by going back to a space, '{' or ','; after
// a line break led by a tab it went back past the line's start, and the
// doctor sliced backwards and crashed.)
func TestDoctorFlowMappingSeparators(t *testing.T) {
	opens := []string{"{", "x: {", "- {", "x: [{", "x:\n  - {", "x: {y: {"}
	seps := []string{"", ",", " ", "\t", "\n", "\n  ", "\n\t", "\r\n  ", "\r\n\t", " \n    ", "\n  \t", ",\n\t"}
	seconds := []string{"b: 2", "b:", "'b': 2", `"b": 2`, "b:2", "- b: 2", "'b c': 2", `"b, c": 2`}
	closes := []string{"}", "}]", "}}", ""}
	n, commas := 0, 0
	for _, o := range opens {
		for _, s := range seps {
			for _, b := range seconds {
				for _, c := range closes {
					src := []byte(o + "a: 1" + s + b + c + "\n")
					if !rejected(src) {
						continue
					}
					n++
					d := oneSyntaxFinding(t, src)
					if m := missingCommaRe.FindStringSubmatch(d.Message); m != nil {
						commas++
						key := string(src[d.Range.Start:d.Range.End])
						quoted := len(key) > 1 && (key[0] == '\'' || key[0] == '"') && key[len(key)-1] == key[0]
						if q, err := strconv.Unquote(`"` + m[1] + `"`); err != nil || q != key || key == "" || !quoted && strings.ContainsAny(key, " \t\r\n") {
							t.Errorf("%q: the missing comma's range is %q: %s", src, key, d.Message)
						}
						if (b[0] == '\'' || b[0] == '"') && key != b[:strings.LastIndex(b, ":")] {
							t.Errorf("%q: the missing comma's range is %q, not the whole quoted key", src, key)
						}
					}
				}
			}
		}
	}
	if n < 200 || commas < 50 {
		t.Errorf("%d rejected texts, %d missing commas: the generator lost its cases", n, commas)
	}
}

// randomText is n texts yaml.v3 rejects, each a few YAML tokens in a row
// (indicators, quotes, brackets, placeholders, tabs, indented line
// breaks), drawn from a fixed seed.
func randomText(n int) [][]byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	toks := []string{"a", "b: ", "- ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ", ", "'", "\"", "# c", ": ", "x: ", "${v}", "|", ">-", "&a ", "*a", "\t", "? ", "!t ", "\\", " ", "\r\n", "\xEF\xBB\xBF", "&b", "!u", "-"}
	var out [][]byte
	for len(out) < n {
		var b bytes.Buffer
		for range 2 + rnd.IntN(10) {
			b.WriteString(toks[rnd.IntN(len(toks))])
		}
		if rejected(b.Bytes()) {
			out = append(out, b.Bytes())
		}
	}
	return out
}

// Whatever the text, a rejected one gets one syntax finding inside it and
// the doctor does not crash.
func TestDoctorOnRandomText(t *testing.T) {
	for _, src := range randomText(3000) {
		oneSyntaxFinding(t, src)
	}
}
