package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/greylint/greylint/internal/testtool"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestPanickingRuleBecomesInternalDiagnostic(t *testing.T) {
	boom := &Rule{ID: "boom", Severity: Error, Run: func(*Pass) { panic("kaboom") }}
	calm := &Rule{ID: "calm", Severity: Warning, Run: func(p *Pass) { p.Reportf(Range{0, 1}, "still ran") }}
	ds := Run(context.Background(), &File{Path: "x.yaml", Source: []byte("a: 1\n")}, &Config{Rules: []*Rule{boom, calm}})
	if len(ds) != 2 || ds[0].Rule != "calm" && ds[1].Rule != "calm" {
		t.Fatalf("got %v, want the internal finding and the other rule's", ds)
	}
	found := false
	for _, d := range ds {
		if d.Rule == "internal" && strings.Contains(d.Message, `rule "boom" crashed`) && strings.Contains(d.Message, "kaboom") {
			found = true
		}
	}
	if !found {
		t.Errorf("no internal diagnostic in %v", ds)
	}
}

func TestConfigSeverity(t *testing.T) {
	r := &Rule{ID: "r", Severity: Warning, StrictSeverity: Error, Run: func(p *Pass) { p.Reportf(Range{0, 1}, "x") }}
	below := &Rule{ID: "below", Severity: Error, Run: func(p *Pass) { p.Report(Diagnostic{Severity: Warning, Message: "implied"}) }}
	f := &File{Path: "x.yaml", Source: []byte("a: 1\n")}
	tests := []struct {
		name string
		cfg  Config
		want map[string]Severity // rule -> severity; absent: not reported
	}{
		{"defaults", Config{}, map[string]Severity{"r": Warning, "below": Warning}},
		{"strict raises", Config{Strict: true}, map[string]Severity{"r": Error, "below": Warning}},
		{"override wins", Config{Severity: map[string]Severity{"r": Info, "below": Error}}, map[string]Severity{"r": Info, "below": Error}},
		{"off", Config{Severity: map[string]Severity{"r": Off}}, map[string]Severity{"below": Warning}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Rules = []*Rule{r, below}
			got := map[string]Severity{}
			for _, d := range Run(context.Background(), f, &cfg) {
				got[d.Rule] = d.Severity
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for id, s := range tt.want {
				if got[id] != s {
					t.Errorf("%s: got %v, want %v", id, got[id], s)
				}
			}
		})
	}
}

func TestAliasesAndMerges(t *testing.T) {
	src := []byte("base: &b\n  image: x\n  replicas: 1\nsvc:\n  <<: *b\n  name: api\nlaughs: &l [a, a, a]\nmore: [*l, *l, *l]\n")
	doc, diags := Parse(src)
	if len(diags) != 0 {
		t.Fatalf("unexpected %v", diags)
	}
	v := doc.Value().(map[string]any)
	svc := v["svc"].(map[string]any)
	if svc["image"] != "x" || svc["name"] != "api" {
		t.Errorf("merge: got %v", svc)
	}
	// A path through a merge is located at the merge's alias.
	_, n := doc.Lookup([]string{"svc", "image"})
	if n == nil || doc.Text(doc.Range(n)) != "*b" {
		t.Errorf("Lookup through merge: got %v", n)
	}
}

// Aliases that expand past the value budget: one finding says so, and no
// check reads the cut tree (a 558-byte file was told "services must be a
// list, got empty").
func TestExpansionPastTheBudgetIsAFinding(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("services: [{name: web, image: nginx}]\n")
	doc, _ := Parse([]byte(b.String()))
	if v := doc.Value(); v != nil || !doc.ValueTooLarge() {
		t.Fatalf("Value = %T, too large %v", v, doc.ValueTooLarge())
	}
	// A rule that reads the value, as the schema check does.
	reads := &Rule{ID: "reads", Severity: Error, Run: func(p *Pass) {
		if p.Doc.Value() != nil {
			p.Reportf(Range{0, 1}, "a value cut short was read")
		}
	}}
	ds := Run(context.Background(), &File{Path: "c.yaml", Source: []byte(b.String())}, &Config{Rules: []*Rule{reads}})
	if len(ds) != 1 || ds[0].Rule != FileTooLarge.ID || !strings.Contains(ds[0].Message, "more than 1000000 values") {
		t.Errorf("got %v", ds)
	}
}

// The budget grows with the file: a large file without a single alias
// (1.2 million values, 2.4 MB) is never "too large", where a fixed million
// cut it short; the same expansion as above, in a file that large, still
// is.
func TestTheBudgetGrowsWithTheFile(t *testing.T) {
	testtool.Slow(t, "a megabyte-sized file against the value budget")
	plain := "x: [" + strings.Repeat("1,", 1_200_000) + "1]\n"
	doc, _ := Parse([]byte(plain))
	if doc.Value(); doc.ValueTooLarge() {
		t.Errorf("a plain file of %d bytes is too large (budget %d)", len(plain), doc.ValueBudget())
	}
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	doc, _ = Parse([]byte(plain + b.String()))
	if doc.Value(); !doc.ValueTooLarge() {
		t.Errorf("10^9 values from a file of %d nodes are not too large (budget %d)", countNodes(doc.Root), doc.ValueBudget())
	}
}

// One mistake reached by two paths is said once.
func TestIdenticalFindingsAreSaidOnce(t *testing.T) {
	twice := &Rule{ID: "twice", Severity: Error, Run: func(p *Pass) {
		p.Reportf(Range{0, 1}, "the same")
		p.Reportf(Range{0, 1}, "the same")
		p.Reportf(Range{0, 1}, "another")
	}}
	ds := Run(context.Background(), &File{Path: "c.yaml", Source: []byte("a: 1\n")}, &Config{Rules: []*Rule{twice}})
	if len(ds) != 2 {
		t.Errorf("got %d findings %v, want 2", len(ds), ds)
	}
}

// diamond is depth levels of mappings, each merging the one below twice.
func diamond(depth int) []byte {
	var b strings.Builder
	b.WriteString("d0: &d0 {x: 0}\n")
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "d%d: &d%d {<<: [*d%d, *d%d], y%d: %d}\n", i, i, i-1, i-1, i, i)
	}
	fmt.Fprintf(&b, "top: {<<: *d%d, z: 1}\n", depth-1)
	return []byte(b.String())
}

// A diamond of merges was visited an exponential number of times (a
// 1.5 KB file hung): the merged lookups visit each mapping once, and the
// value tree charges what it expands to the budget, which ends in a
// finding.
func TestMergeDiamondsStayLinear(t *testing.T) {
	// 30 levels: within the merge depth greylint follows (32), and 2^30
	// paths without the visited set.
	doc, _ := Parse(diamond(30))
	_, top := MapGet(doc.Root, "top")
	done := make(chan [][2]*yaml.Node)
	go func() { done <- MergedPairs(top) }()
	select {
	case pairs := <-done:
		if len(pairs) != 31 { // z, then x and y1..y29
			t.Errorf("%d merged pairs, want 31", len(pairs))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("MergedPairs did not finish on a diamond of merges")
	}
	if _, v := MergedGet(top, "nope"); v != nil {
		t.Error("found a key that is not there")
	}
	allocs := testing.AllocsPerRun(1, func() {
		d, _ := Parse(diamond(40))
		d.Value()
		if !d.ValueTooLarge() {
			t.Error("a diamond that expands past the budget was not said to")
		}
	})
	if allocs > 200_000 {
		t.Errorf("%.0f allocations for a 40-level diamond", allocs)
	}
}

// ScalarValue's fast paths (a plain decimal integer, true and false, a
// string) give what yaml.v3's decoding gives: the number's decimal form
// must be the text itself, so 007, 0x1F, +5, -0, 1_000 and 19-digit
// numbers take the decoding path.
func TestScalarValueFastPaths(t *testing.T) {
	decoded := func(n *yaml.Node) any {
		switch n.ShortTag() {
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return json.Number(strconv.FormatInt(i, 10))
			}
			var u uint64
			if n.Decode(&u) == nil {
				return json.Number(strconv.FormatUint(u, 10))
			}
		}
		return ScalarValue(n) // floats, nulls, strings: no fast path to compare
	}
	for _, text := range []string{"0", "7", "-7", "007", "-0", "+5", "0x1F", "0o17", "1_000", "123456789012345678", "1234567890123456789",
		"9223372036854775807", "9223372036854775808", "18446744073709551615", "true", "false", "True", "FALSE", "yes", "'5'", "\"true\"", "!!str 5", "!!int '12'"} {
		doc, _ := Parse([]byte("x: " + text + "\n"))
		n := doc.Root.Content[1]
		if got, want := ScalarValue(n), decoded(n); got != want {
			t.Errorf("%s: ScalarValue = %#v, decoding gives %#v", text, got, want)
		}
	}
}

// The budget's formula on small files, with the floor lowered (the
// megabyte-sized TestTheBudgetGrowsWithTheFile skips per mutant): the
// floor for a file with few nodes, four times the nodes written above it,
// aliases counted once.
func TestBudgetFormula(t *testing.T) {
	defer func(m int) { minValueBudget = m }(minValueBudget)
	minValueBudget = 50
	for _, n := range []int{1, 5, 20, 100, 1000} {
		src := "x: [" + strings.Repeat("1,", n) + "&a 1]\ny: *a\n"
		doc, _ := Parse([]byte(src))
		nodes := n + 1 + 4 + 1 // items, anchored item; document, mapping, two keys; alias
		want := max(50, 4*nodes)
		if got := doc.ValueBudget(); got != want {
			t.Errorf("%d items: budget %d, want %d", n, got, want)
		}
	}
}
