package accuracy

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// -all runs every mutant and transform and prints the figures (make
// accuracy); without it the tests run a sample.
var all = flag.Bool("all", false, "run every mutant and transform and print the figures")

// corpus returns the valid files the generators start from: the valid
// corpus, the shop example, and the clean and doc-good cases of every
// rule (all valid YAML; the cases may have findings, which the transforms
// must keep).
func corpus(t testing.TB) map[string][]byte { return corpusOf(t, "doc-good", "clean") }

// corpusWithFindings adds every other rule case that is valid YAML: its
// findings are what the transforms must keep.
func corpusWithFindings(t testing.TB) map[string][]byte { return corpusOf(t, "*") }

func corpusOf(t testing.TB, cases ...string) map[string][]byte {
	files := map[string][]byte{}
	add := func(p string) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if yaml.Unmarshal(src, &n) != nil {
			return // a case of the syntax rule
		}
		files[filepath.ToSlash(strings.TrimPrefix(p, "../../"))] = src
	}
	for _, root := range []string{"../../testdata/valid", "../../testdata/heldout", "../../examples/shop"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				add(p)
			}
			return nil
		})
	}
	for _, c := range cases {
		m, _ := filepath.Glob("../../rules/testdata/*/" + c + ".yaml")
		for _, p := range m {
			add(p)
		}
	}
	if len(files) < 20 {
		t.Fatalf("only %d corpus files", len(files))
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	var k []string
	for p := range m {
		k = append(k, p)
	}
	sort.Strings(k)
	return k
}

// score is one operator's figures.
type score struct{ mutants, line, names, both int }

func pct(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// stillValid decides whether a mutant counts: yaml.v3 accepts it (it
// means something else, or the same) -> it is not a syntax mutant.
func stillValid(src []byte) bool {
	var n yaml.Node
	return yaml.Unmarshal(src, &n) == nil
}

// judge lints a mutant and says whether the primary syntax finding is on a
// right line and names the construct.
func judge(m Mutant) (reported, onLine, names bool, d lint.Diagnostic) {
	doc, diags := lint.Parse(m.Src)
	for _, x := range diags {
		if x.Rule == lint.Syntax.ID {
			d, reported = x, true
			break
		}
	}
	if !reported {
		return
	}
	l := doc.Lines.Line(d.Range.Start)
	for _, want := range m.Lines() {
		onLine = onLine || l == want
	}
	// The fallback's advice names every construct; it names none.
	msg := strings.ToLower(strings.Replace(d.Message, "(check the indentation, quotes and brackets on this line and the one above)", "", 1))
	for _, w := range m.Words {
		names = names || strings.Contains(msg, w)
	}
	return
}

// TestSyntaxMutations breaks every corpus file in every place each
// operator applies and checks the syntax finding: reported, on the broken
// line, naming what broke. Without -all it runs every 80th mutant (about 550).
func TestSyntaxMutations(t *testing.T) {
	files := corpus(t)
	scores := map[string]*score{}
	var misses []string
	n := 0
	for _, p := range sortedKeys(files) {
		for _, m := range Mutants(files[p]) {
			n++
			if !*all && n%80 != 0 {
				continue
			}
			if stillValid(m.Src) {
				continue
			}
			s := scores[m.Op]
			if s == nil {
				s = &score{}
				scores[m.Op] = s
			}
			s.mutants++
			reported, onLine, names, d := judge(m)
			if !reported {
				t.Errorf("%s: %s on line %d: yaml.v3 rejects it but greylint reports no syntax finding", p, m.Op, m.Line+1)
				continue
			}
			if onLine {
				s.line++
			}
			if names {
				s.names++
			}
			if onLine && names {
				s.both++
			} else {
				dl, _ := lint.NewLines(m.Src).LineCol(d.Range.Start)
				misses = append(misses, fmt.Sprintf("%s %s line %d: got line %d: %s", m.Op, p, m.Line+1, dl, d.Message))
			}
		}
	}
	total := &score{}
	w := io.Discard
	if *all {
		w = os.Stdout
	}
	fmt.Fprintf(w, "%-20s %8s %10s %10s %10s\n", "operator", "mutants", "line", "names", "both")
	var ops []string
	for op := range scores {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		s := scores[op]
		total.mutants += s.mutants
		total.line += s.line
		total.names += s.names
		total.both += s.both
		fmt.Fprintf(w, "%-20s %8d %10s %10s %10s\n", op, s.mutants, pct(s.line, s.mutants), pct(s.names, s.mutants), pct(s.both, s.mutants))
	}
	fmt.Fprintf(w, "%-20s %8d %10s %10s %10s\n", "all", total.mutants, pct(total.line, total.mutants), pct(total.names, total.mutants), pct(total.both, total.mutants))
	if os.Getenv("ACCURACY_MISSES") != "" {
		for _, m := range misses {
			fmt.Println(m)
		}
	}
	if total.mutants == 0 {
		t.Fatal("no mutant")
	}
	if float64(total.line) < 0.95*float64(total.mutants) {
		t.Errorf("%s of %d mutants have the syntax finding on the broken line; want at least 95%%", pct(total.line, total.mutants), total.mutants)
	}
	if float64(total.names) < 0.95*float64(total.mutants) {
		t.Errorf("%s of %d mutants have a message that names what broke; want at least 95%%", pct(total.names, total.mutants), total.mutants)
	}
}

func findings(path string, src []byte) ([]string, *lint.Result) {
	kind := lint.KindUnknown
	if strings.Contains(filepath.Base(path), "applications") {
		kind = lint.KindApplications
	}
	res := lint.Analyze(context.Background(), &lint.File{Path: path, Kind: kind, Source: src}, &lint.Config{Rules: rules.All()})
	var out []string
	for _, d := range res.Diagnostics {
		if d.Rule == rules.YAML11Value.ID {
			// about how a value is written (plain yes is a boolean to a
			// YAML 1.1 loader): a rewrite that quotes it rightly removes
			// the finding
			continue
		}
		p := yamlPath(res.Doc, d.Range)
		if d.Rule == rules.MissingField.ID && strings.HasSuffix(p, "#key") {
			// reported on the entry's first key: the entry is what it is
			// about, whichever key comes first
			p = p[:max(0, strings.LastIndexByte(p, '/'))]
		}
		out = append(out, fmt.Sprintf("%s %s %s", d.Severity, d.Rule, p))
	}
	sort.Strings(out)
	return out, res
}

// yamlPath is the path of the deepest node holding a range: keys and indices
// from the root, "<<" merges left out (a merged key belongs to the mapping
// that merges it), "#key" when off is on a key.
func yamlPath(doc *lint.Document, dr lint.Range) string {
	if doc == nil || doc.Root == nil {
		return ""
	}
	var parts []string
	n := doc.Root
	// the deepest node whose range holds the finding's whole range
	in := func(c *yaml.Node) bool {
		r := doc.Range(c)
		return dr.Start >= r.Start && dr.End <= max(r.End, r.Start+1) && dr.Start < max(r.End, r.Start+1)
	}
	for depth := 0; depth < 200; depth++ {
		switch n.Kind {
		case yaml.MappingNode:
			next := (*yaml.Node)(nil)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if in(k) {
					return strings.Join(append(parts, k.Value+"#key"), "/")
				}
				if in(v) {
					if k.Value != "<<" {
						parts = append(parts, k.Value)
					}
					next = v
					break
				}
			}
			if next == nil {
				return strings.Join(parts, "/")
			}
			n = next
		case yaml.SequenceNode:
			next := (*yaml.Node)(nil)
			for i, c := range n.Content {
				if in(c) {
					parts = append(parts, strconv.Itoa(i))
					next = c
					break
				}
			}
			if next == nil {
				return strings.Join(parts, "/")
			}
			n = next
		default:
			return strings.Join(parts, "/")
		}
	}
	return strings.Join(parts, "/")
}

// TestTransforms rewrites every corpus file in every meaning-preserving way
// and requires the same findings (rule, severity, path). Without -all it
// runs every fifth file.
func TestTransforms(t *testing.T) {
	files := corpusWithFindings(t)
	type tally struct{ applied, same int }
	tallies := map[string]*tally{}
	for fi, p := range sortedKeys(files) {
		if !*all && fi%5 != 0 {
			continue
		}
		want, _ := findings(p, files[p])
		for _, tr := range Transforms {
			out, ok := tr.Apply(files[p])
			if !ok {
				continue
			}
			tl := tallies[tr.Name]
			if tl == nil {
				tl = &tally{}
				tallies[tr.Name] = tl
			}
			tl.applied++
			got, _ := findings(p, out)
			if strings.Join(got, "\n") == strings.Join(want, "\n") {
				tl.same++
				continue
			}
			t.Errorf("%s, %s: findings differ\n got: %v\nwant: %v\n--- transformed:\n%s", p, tr.Name, got, want, out)
		}
	}
	w := io.Discard
	if *all {
		w = os.Stdout
	}
	fmt.Fprintf(w, "\n%-16s %8s %10s\n", "transform", "files", "identical")
	var names []string
	for n := range tallies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%-16s %8d %10s\n", n, tallies[n].applied, pct(tallies[n].same, tallies[n].applied))
	}
}
