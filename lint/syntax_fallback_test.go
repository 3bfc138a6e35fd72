package lint_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// syntaxGolden holds random rejected texts, one of each class of syntax
// finding: the shape of its message (numbers, quoted text and names left
// out), how long its range is, whether yaml.v3's words are beside it and
// where its line is against yaml.v3's. Random texts reach what the corpus's
// mutants rarely do: the fallbacks that run when the doctor finds
// nothing (an unclosed quote or flow collection found from yaml.v3's
// line, the indentation scan, yaml.v3's own words).
const syntaxGolden = "testdata/syntax_random.golden"

// randomShapeRe is shapeRe for names made of random tokens: an anchor or
// alias name is whatever follows the & or * up to a blank.
var randomShapeRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|[*&][^ ]*|[0-9]+`)

// syntaxEntry is what the golden says of one text, and its class.
func syntaxEntry(src []byte) (entry, class string) {
	doc, diags := lint.Parse(src)
	var b strings.Builder
	fmt.Fprintf(&b, "== %q\n", src)
	pos := func(r lint.Range) string {
		sl, sc := doc.Lines.LineCol(r.Start)
		el, ec := doc.Lines.LineCol(r.End)
		return fmt.Sprintf("%d:%d-%d:%d", sl, sc, el, ec)
	}
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %s: %s\n", d.Rule, pos(d.Range), d.Message)
		class += d.Rule + "|" + randomShapeRe.ReplaceAllString(d.Message, "_")
		switch n := d.Range.End - d.Range.Start; {
		case n == 0:
			class += "|empty"
		case n == 1:
			class += "|one byte"
		}
		line := doc.Lines.Line(d.Range.Start)
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %s: %s\n", pos(r.Range), r.Message)
			class += "|related"
			switch rl := doc.Lines.Line(r.Range.Start); {
			case rl < line:
				class += "|below yaml.v3's line"
			case rl > line:
				class += "|above yaml.v3's line"
			}
		}
		class += "\n"
	}
	return b.String(), class
}

// TestSyntaxOnRandomTextGolden pins the syntax finding of one random text
// of each class; -update draws them again from 200,000 texts.
func TestSyntaxOnRandomTextGolden(t *testing.T) {
	if *update {
		var out bytes.Buffer
		out.WriteString(`# The syntax finding of one random rejected text of each class
# (lint/syntax_fallback_test.go says how the classes are drawn).
# Written by: go test ./lint -run TestSyntaxOnRandomTextGolden -update
`)
		seen := map[string]bool{}
		for _, src := range randomText(200000) {
			e, class := syntaxEntry(src)
			if !seen[class] {
				seen[class] = true
				out.WriteString("\n" + e)
			}
		}
		if err := os.WriteFile(syntaxGolden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d classes written to %s", len(seen), syntaxGolden)
	}
	golden, err := os.ReadFile(syntaxGolden)
	if err != nil {
		t.Fatalf("%v (-update writes it)", err)
	}
	n := 0
	entries := strings.Split(string(golden), "\n\n== ")[1:]
	for _, e := range entries {
		e = "== " + strings.TrimRight(e, "\n")
		first, _, _ := strings.Cut(e, "\n")
		src, err := strconv.Unquote(strings.TrimPrefix(first, "== "))
		if err != nil {
			t.Fatalf("%s: %v", first, err)
		}
		if got, _ := syntaxEntry([]byte(src)); strings.TrimRight(got, "\n") != e {
			n++
			if n <= 10 {
				t.Errorf("the finding changed (-update rewrites %s):\n--- golden\n%s\n--- now\n%s", syntaxGolden, e, got)
			}
		}
	}
	if n > 10 {
		t.Errorf("... and %d more changed", n-10)
	}
	if len(entries) < 100 {
		t.Errorf("only %d texts in %s", len(entries), syntaxGolden)
	}
}
