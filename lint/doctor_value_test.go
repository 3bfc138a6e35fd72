package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// A value led by what cannot lead it: an anchor or alias with no name, an
// alias of no anchor, a comma, a closing bracket, a tab after a list
// dash. In every block context (a key's value, a list entry, a key of a
// list entry, an entry among others, after a tag or an anchor), with or
// without a line break at the end, the finding is exactly the offending
// text and the message names it.
func TestDoctorValueIndicators(t *testing.T) {
	cases := []struct {
		value string // what follows "key: " or "- "
		blame string // the text the finding must cover, the first of it in value
		says  string
	}{
		{"&", "&", "this anchor '&' has no name"},
		{"& x", "&", "this anchor '&' has no name"},
		{"&\tx", "&", "this anchor '&' has no name"},
		{"!t &", "&", "this anchor '&' has no name"},
		{"*", "*", "this alias '*' has no name"},
		{"* x", "*", "this alias '*' has no name"},
		{"*,", "*", "this alias '*' has no name"},
		{"&a *", "*", "this alias '*' has no name"},
		{"*nope", "*nope", "the alias *nope refers to no anchor defined above it (an anchor is written &nope before the value it names)"},
		{"*nope # c", "*nope", "the alias *nope refers to no anchor"},
		{"*nope,x", "*nope", "the alias *nope refers to no anchor"},
		{"*bilds", "*bilds", "the alias *bilds refers to no anchor defined above it (an anchor is written &bilds before the value it names); did you mean *builds?"},
		{",x", ",", "a value cannot start with ','"},
		{", x", ",", "a value cannot start with ','"},
		{"]", "]", "this ] closes nothing: no [ is open"},
		{"] x", "]", "this ] closes nothing: no [ is open"},
		{"}", "}", "this } closes nothing: no { is open"},
		{"-\tx", "\t", "a tab follows the list dash '-'"},
		{"- \tx", "\t", "a tab follows the list dash '-'"},
	}
	contexts := []string{
		"builds: &builds x\nkey: %s\n",
		"builds: &builds x\nlist:\n  - %s\n",
		"builds: &builds x\nlist:\n  - name: a\n    key: %s\n",
		"builds: &builds x\nlist:\n  - a\n  - %s\n  - c\n",
		"builds: &builds x\nlist:\n- %s\n",
		"builds: &builds x\nlist:\n  - - %s\n",
	}
	n := 0
	for _, c := range cases {
		for k, ctx := range contexts {
			value := c.value
			if strings.HasPrefix(value, "-") && k%2 == 0 {
				continue // "key: - x" is a block sequence where a value goes: another finding
			}
			full := fmt.Sprintf(ctx, value)
			// as written, and ending with no line break
			for _, src := range []string{full, strings.TrimSuffix(full, "\n")} {
				if !rejected([]byte(src)) {
					t.Fatalf("%q is YAML", src)
				}
				n++
				d := oneSyntaxFinding(t, []byte(src))
				at := strings.Index(ctx, "%s") + strings.Index(value, c.blame)
				want := lint.Range{Start: at, End: at + len(c.blame)}
				if d.Range != want || !strings.HasPrefix(d.Message, c.says) {
					t.Errorf("%q: got %v %q: %s\nwant %v %q: %s...", src, d.Range, src[d.Range.Start:d.Range.End], d.Message, want, c.blame, c.says)
				}
			}
		}
	}
	if n < 160 {
		t.Errorf("only %d cases", n)
	}
}
