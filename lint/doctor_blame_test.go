package lint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/accuracy"
	"github.com/greylint/greylint/lint"
)

var update = flag.Bool("update", false, "rewrite lint's golden files from what the code does now (read the diff)")

// blameGolden holds, for one syntax mutant of each behaviour class, where
// the syntax finding lands and what it says. The mutants are those of
// internal/accuracy (make accuracy measures all 45,000 of them); a class is
// an operator, the kind of line blamed (the broken one, another line the
// operator names as right, or a wrong one) and the shape of the doctor's
// message and of yaml.v3's (numbers, quoted text and names left out), and
// where the broken line is (below). The
// golden keeps the first mutant of each class, from the smallest files, so
// that a run costs a few hundred parses instead of 45,000.
const blameGolden = "testdata/doctor_blame.golden"

// blameCorpus are the valid files -update draws the classes from: the
// valid corpus, the held-out projects, the clean and doc-good case of
// every rule (accuracy's corpus but the shop example, a copy of
// testdata/valid/shop).
var blameCorpus = []string{
	"../testdata/valid/*/.greyhound/*.yaml",
	"../testdata/heldout/*/.greyhound/*.yaml",
	"../rules/testdata/*/clean.yaml",
	"../rules/testdata/*/doc-good.yaml",
}

// shapeRe is what varies inside one class of message: quoted text, anchor
// and alias names, numbers.
var shapeRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|[*&][A-Za-z0-9_.-]+|[0-9]+`)

// blockHeaderRe is a line whose value is a block scalar's header.
var blockHeaderRe = regexp.MustCompile(`(^|[:-])\s*[|>][-+1-9]*\s*(#.*)?$`)

// blameOf is what the golden says of one mutant. The lines the operator
// states as right are beside what the doctor blamed, and a blame on any
// other line says WRONG LINE: those are the doctor's known misses (make
// accuracy counts them over every mutant).
// It reads src, which is m.Src or a copy of it written otherwise.
func blameOf(path string, index int, m accuracy.Mutant, src []byte) (entry, class string) {
	doc, diags := lint.Parse(src)
	lines := strings.Split(string(m.Src), "\n")
	var b strings.Builder
	fmt.Fprintf(&b, "== %s #%d %s, line %d: %q\n", strings.TrimPrefix(path, "../"), index, m.Op, m.Line+1, lines[m.Line])
	right := []string{strconv.Itoa(m.Line + 1)}
	for _, a := range m.Also {
		right = append(right, strconv.Itoa(a+1))
	}
	fmt.Fprintf(&b, "right lines: %s\n", strings.Join(right, ", "))
	pos := func(r lint.Range) string {
		sl, sc := doc.Lines.LineCol(r.Start)
		el, ec := doc.Lines.LineCol(r.End)
		return fmt.Sprintf("%d:%d-%d:%d", sl, sc, el, ec)
	}
	// The class also tells a broken line at the left margin from an
	// indented one, and one below a block scalar from the others: the
	// doctor's column arithmetic and its skipping of block scalars show
	// only there.
	class = m.Op
	if strings.HasPrefix(lines[m.Line], " ") {
		class += "|indented"
	}
	for _, l := range lines[:m.Line] {
		if blockHeaderRe.MatchString(l) {
			class += "|below a block scalar"
			break
		}
	}
	found := false
	for _, d := range diags {
		if d.Rule != lint.Syntax.ID {
			continue
		}
		found = true
		l := doc.Lines.Line(d.Range.Start)
		verdict := "WRONG LINE"
		switch {
		case l == m.Line:
			verdict = "broken line"
		case slices.Contains(m.Also, l):
			verdict = "right line"
		}
		fmt.Fprintf(&b, "blamed %s (%s): %s\n", pos(d.Range), verdict, d.Message)
		class += "|" + verdict + "|" + shapeRe.ReplaceAllString(d.Message, "_")
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %s: %s\n", pos(r.Range), r.Message)
			class += "|" + shapeRe.ReplaceAllString(r.Message, "_")
		}
		break
	}
	if !found {
		b.WriteString("NO SYNTAX FINDING\n")
		class += "|none"
	}
	return b.String(), class
}

// blameCase is one mutant of the golden and what the golden says of it.
type blameCase struct {
	path  string // from the repository's root
	index int    // in accuracy.Mutants of the file
	m     accuracy.Mutant
	entry string
}

// blameCases reads the golden and rebuilds its mutants.
func blameCases(t *testing.T) []blameCase {
	t.Helper()
	golden, err := os.ReadFile(blameGolden)
	if err != nil {
		t.Fatalf("%v (go test ./lint -run TestDoctorBlameGolden -update writes it)", err)
	}
	mutants := map[string][]accuracy.Mutant{}
	var out []blameCase
	for k, e := range strings.Split(string(golden), "\n\n== ") {
		if k == 0 {
			continue // the header
		}
		c := blameCase{entry: "== " + strings.TrimRight(e, "\n")}
		var op string
		if _, err := fmt.Sscanf(e, "%s #%d %s", &c.path, &c.index, &op); err != nil {
			t.Fatalf("golden entry %d: %v\n%s", k, err, e)
		}
		ms, ok := mutants[c.path]
		if !ok {
			src, err := os.ReadFile("../" + c.path)
			if err != nil {
				t.Fatal(err)
			}
			ms = accuracy.Mutants(src)
			mutants[c.path] = ms
		}
		if c.index >= len(ms) || ms[c.index].Op+"," != op {
			t.Fatalf("%s #%d is no longer a %s mutant (the file or internal/accuracy changed): run -update and read the diff", c.path, c.index, strings.TrimSuffix(op, ","))
		}
		c.m = ms[c.index]
		out = append(out, c)
	}
	if len(out) < 100 {
		t.Fatalf("only %d mutants in %s", len(out), blameGolden)
	}
	return out
}

// TestDoctorBlameGolden pins where the syntax doctor and its fallbacks put
// a syntax finding, and what it says, on one mutant of each behaviour
// class of the valid corpus: a change to any blame, range or message shows
// as a diff of the golden, which only -update rewrites (it re-draws the
// classes from every mutant, a few minutes).
func TestDoctorBlameGolden(t *testing.T) {
	if *update {
		writeBlameGolden(t)
	}
	n := 0
	for _, c := range blameCases(t) {
		got, _ := blameOf("../"+c.path, c.index, c.m, c.m.Src)
		if got = strings.TrimRight(got, "\n"); got != c.entry {
			n++
			if n <= 10 {
				t.Errorf("the syntax finding changed (-update rewrites %s):\n--- golden\n%s\n--- now\n%s", blameGolden, c.entry, got)
			}
		}
	}
	if n > 10 {
		t.Errorf("... and %d more changed", n-10)
	}
}

// Line breaks written \r\n and a byte order mark change no line and no
// column: each golden mutant, saved by an editor that writes both, gets
// the finding its golden entry says, at the same line and column. (A blame moved to
// the first line of a file with a byte order mark pointed 3 bytes past
// the repaired text, into the next line.)
func TestDoctorBlameIgnoresCRLFAndBOM(t *testing.T) {
	n := 0
	for _, c := range blameCases(t) {
		windows := append([]byte("\uFEFF"), bytes.ReplaceAll(c.m.Src, []byte("\n"), []byte("\r\n"))...)
		got, _ := blameOf("../"+c.path, c.index, c.m, windows)
		if got = strings.TrimRight(got, "\n"); got != c.entry {
			n++
			if n <= 5 {
				t.Errorf("with CR LF and a BOM:\n got: %s\nwant: %s", got, c.entry)
			}
		}
	}
	if n > 5 {
		t.Errorf("... and %d more", n-5)
	}
}

func writeBlameGolden(t *testing.T) {
	var files []string
	for _, g := range blameCorpus {
		m, err := filepath.Glob(g)
		if err != nil || len(m) == 0 {
			t.Fatalf("no file matches %s", g)
		}
		files = append(files, m...)
	}
	size := map[string]int{}
	for _, p := range files {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		size[p] = int(fi.Size())
	}
	slices.SortStableFunc(files, func(a, b string) int { return size[a] - size[b] })
	var out bytes.Buffer
	out.WriteString(`# The syntax finding on one syntax mutant of each behaviour class of the
# valid corpus (lint/doctor_blame_test.go says how the classes are drawn).
# Written by: go test ./lint -run TestDoctorBlameGolden -update
# "WRONG LINE" marks the doctor's known misses; read the diff of any change.
`)
	seen := map[string]bool{}
	all, kept := 0, 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if yaml.Unmarshal(src, &n) != nil {
			continue // a case of the syntax rule
		}
		for i, m := range accuracy.Mutants(src) {
			if yaml.Unmarshal(m.Src, &n) == nil {
				continue // still YAML: not a syntax mutant
			}
			all++
			e, class := blameOf(p, i, m, m.Src)
			if seen[class] {
				continue
			}
			seen[class] = true
			kept++
			out.WriteString("\n" + e)
		}
	}
	if err := os.WriteFile(blameGolden, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d syntax mutants, %d classes written to %s", all, kept, blameGolden)
}

// A file over 32 KB is repaired in a window around the break, not whole:
// each of a sample of the golden mutants, between two runs of 1,500
// top-level keys, gets the finding the golden says, on the line the
// golden says plus the 1,500 lines before it. (yaml.v3's own words, the
// last fallback, name yaml.v3's line, which the lines around can move.)
func TestDoctorBlameInALargeFile(t *testing.T) {
	var pad strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&pad, "pad%04d: x\n", i)
	}
	find := func(src []byte, shift int) string {
		doc, diags := lint.Parse(src)
		for _, d := range diags {
			if d.Rule == lint.Syntax.ID {
				l, c := doc.Lines.LineCol(d.Range.Start)
				return fmt.Sprintf("%d:%d %s", l-shift, c, d.Message)
			}
		}
		return ""
	}
	n := 0
	for k, c := range blameCases(t) {
		if k%37 != 0 {
			continue
		}
		want := find(c.m.Src, 0)
		if strings.Contains(want, " invalid YAML: ") {
			continue
		}
		n++
		big := []byte(pad.String() + string(c.m.Src) + "\n" + pad.String())
		if len(big) <= 32<<10 {
			t.Fatalf("%d bytes: not a large file", len(big))
		}
		if got := find(big, 1500); got != want {
			t.Errorf("%s #%d %s in a large file:\n got %s\nwant %s", c.path, c.index, c.m.Op, got, want)
		}
	}
	if n < 10 {
		t.Errorf("only %d cases", n)
	}
}
