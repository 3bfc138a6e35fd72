package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// valueTree reads a value tree (what lint.Document.Value builds) as a
// Tree, keys in sorted order: the walk ValidTree does on a YAML document,
// on a document the full validator reads too.
type valueTree struct{}

func (valueTree) Node(n any) (NodeKind, int, any, bool) {
	switch x := n.(type) {
	case map[string]any:
		return ObjectNode, len(x), nil, true
	case []any:
		return ArrayNode, len(x), nil, true
	}
	return ScalarNode, 0, n, true
}

func (valueTree) Pair(n any, i int) (string, any) {
	m := n.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys[i], m[keys[i]]
}

func (valueTree) Item(n any, i int) any { return n.([]any)[i] }

// differential checks one document against one schema: the full
// validator decides; the quick walk (on the value, and in place through a
// Tree) may be unsure, never "valid" where the validator finds a
// violation. Where it is sure it also never says "invalid" of a valid
// document (that would only cost time, but a walk that does is not the
// walk the speed-up was measured with).
func differential(t *testing.T, name string, src []byte) {
	t.Helper()
	doc, _ := lint.Parse(src)
	if doc.Root == nil || doc.ValueTooLarge() {
		return
	}
	v := doc.Value()
	if doc.ValueTooLarge() {
		return
	}
	s := Get(name)
	full := s.compiled.Validate(v) == nil
	if quick := s.quickValid(v); quick != full {
		t.Errorf("%s: quick walk of the value says valid=%v, the full validator valid=%v\n%s", name, quick, full, src)
	}
	valid, sure := s.ValidTree(context.Background(), valueTree{}, v, 1<<20)
	if sure && valid != full {
		t.Errorf("%s: walk in place says valid=%v (sure), the full validator valid=%v\n%s", name, valid, full, src)
	}
}

// FuzzQuickWalk holds the fast schema walk to the full validator on any
// document, seeded with every limit of both schemas at its edge, both
// sides (edgeSeeds), put into a valid file of the corpus, and with every
// valid file of the corpus less one key or one item (deletionSeeds:
// required fields, conditional ones, item counts).
func FuzzQuickWalk(f *testing.F) {
	for _, s := range append(edgeSeeds(f), deletionSeeds(f)...) {
		f.Add(s.doc, s.apps)
	}
	f.Fuzz(func(t *testing.T, doc []byte, apps bool) {
		name := Config
		if apps {
			name = Applications
		}
		differential(t, name, doc)
	})
}

type seed struct {
	doc  []byte
	apps bool
}

// The valid files the limits are put into: every limit is reached by a
// path of properties and items from the root, and the value there is
// replaced (or added) in a copy of the file, so the limit alone decides.
var edgeBases = map[string]string{
	Config:       "../testdata/valid/shop/.greyhound/config.yaml",
	Applications: "../testdata/valid/shop/.greyhound/applications.yaml",
}

// A limit of the schema: where it is (a path of property names, "[]"
// for the items of a list, "{}" for any property of a map) and the values
// at and around its edge.
type limit struct {
	path   []string
	values []any
}

// limits walks a raw schema from the root through properties, items,
// additionalProperties, $ref and the combinators, and generates the edge
// values of every keyword that bounds a value: minLength and maxLength
// (length-1, length, length+1), minimum and maximum (bound-1, bound,
// bound+1, and halves), pattern (strings around a typical name), enum and
// const (each value, and each value changed by a character), minItems and
// minProperties (count-1, count).
func limits(raw map[string]any) []limit {
	defs, _ := raw["$defs"].(map[string]any)
	var out []limit
	seen := map[string]bool{}
	var walk func(node any, path []string, depth int)
	walk = func(node any, path []string, depth int) {
		m, ok := node.(map[string]any)
		if !ok || depth > 12 {
			return
		}
		key := fmt.Sprint(path, m["$ref"], len(m))
		if seen[key] {
			return
		}
		seen[key] = true
		p := slices.Clone(path)
		str := func(n int) any { return strings.Repeat("a", n) }
		for kw, x := range m {
			switch kw {
			case "minLength", "maxLength":
				n := int(x.(float64))
				for _, d := range []int{-1, 0, 1} {
					if n+d >= 0 {
						out = append(out, limit{p, []any{str(n + d)}})
					}
				}
			case "minimum", "maximum":
				b := x.(float64)
				for _, d := range []float64{-1, -0.5, 0, 0.5, 1} {
					out = append(out, limit{p, []any{json.Number(fmt.Sprint(b + d))}})
				}
			case "pattern":
				for _, s := range []string{"a", "a1", "a-b", "-a", "a-", "A", "a_b", "a.b", "", strings.Repeat("a", 63), strings.Repeat("a", 64), "${X}", "é"} {
					out = append(out, limit{p, []any{s}})
				}
			case "enum", "const":
				vals, isList := x.([]any)
				if !isList {
					vals = []any{x}
				}
				for _, v := range vals {
					out = append(out, limit{p, []any{v}})
					if s, isStr := v.(string); isStr {
						out = append(out, limit{p, []any{s + "x"}}, limit{p, []any{strings.ToUpper(s)}})
					}
				}
			case "minItems":
				n := int(x.(float64))
				for _, c := range []int{n - 1, n} {
					if c >= 0 {
						out = append(out, limit{append(slices.Clone(p), "#items"), []any{c}})
					}
				}
			case "minProperties":
				n := int(x.(float64))
				for _, c := range []int{n - 1, n} {
					if c >= 0 {
						out = append(out, limit{append(slices.Clone(p), "#props"), []any{c}})
					}
				}
			case "properties":
				for name, sub := range x.(map[string]any) {
					walk(sub, append(slices.Clone(p), name), depth+1)
				}
			case "items":
				walk(x, append(slices.Clone(p), "[]"), depth+1)
			case "additionalProperties", "propertyNames":
				walk(x, append(slices.Clone(p), "{}"), depth+1)
			case "$ref":
				name, _ := strings.CutPrefix(x.(string), "#/$defs/")
				walk(defs[name], p, depth+1)
			case "allOf", "anyOf":
				for _, sub := range x.([]any) {
					walk(sub, p, depth+1)
				}
			case "not", "if", "then", "else":
				walk(x, p, depth+1)
			}
		}
	}
	walk(raw, nil, 0)
	return out
}

// put returns a copy of v with the value at path replaced by x (the
// first item of a list, the first key of a map; what is missing on the
// way is added).
func put(v any, path []string, x any) any {
	if len(path) == 0 {
		return x
	}
	switch step := path[0]; step {
	case "#items", "#props":
		n := x.(int)
		if step == "#items" {
			var item any = "a"
			if l, ok := v.([]any); ok && len(l) > 0 {
				item = l[0]
			}
			out := make([]any, n)
			for i := range out {
				out[i] = item
			}
			return out
		}
		out := map[string]any{}
		for i := range n {
			out[fmt.Sprintf("k%d", i)] = "v"
		}
		return out
	case "[]":
		l, _ := v.([]any)
		l = slices.Clone(l)
		if len(l) == 0 {
			l = []any{map[string]any{}}
		}
		l[0] = put(l[0], path[1:], x)
		return l
	case "{}":
		m, _ := v.(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		k := "key"
		if len(keys) > 0 {
			k = keys[0]
		}
		out := clone(m)
		out[k] = put(m[k], path[1:], x)
		return out
	default:
		m, _ := v.(map[string]any)
		out := clone(m)
		out[step] = put(m[step], path[1:], x)
		return out
	}
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// edgeSeeds generates the seeds of FuzzQuickWalk from the schemas.
func edgeSeeds(tb testing.TB) []seed {
	var out []seed
	for _, name := range []string{Config, Applications} {
		src, err := os.ReadFile(edgeBases[name])
		if err != nil {
			tb.Fatal(err)
		}
		doc, _ := lint.Parse(src)
		base := doc.Value()
		var raw map[string]any
		if err := json.Unmarshal(Get(name).JSON(), &raw); err != nil {
			tb.Fatal(err)
		}
		for _, l := range limits(raw) {
			for _, x := range l.values {
				b, err := json.Marshal(put(base, l.path, x))
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, seed{b, name == Applications})
			}
		}
	}
	return out
}

// The seeds reach every limit, and both sides of the edges: some seeds
// are valid and some are not, for each schema (else the base files or the
// paths are wrong, and the seeds test nothing).
func TestEdgeSeeds(t *testing.T) {
	for _, apps := range []bool{false, true} {
		name := map[bool]string{false: Config, true: Applications}[apps]
		valid, invalid := 0, 0
		for _, s := range edgeSeeds(t) {
			if s.apps != apps {
				continue
			}
			doc, _ := lint.Parse(s.doc)
			if Get(name).compiled.Validate(doc.Value()) == nil {
				valid++
			} else {
				invalid++
			}
		}
		if valid < 20 || invalid < 20 {
			t.Errorf("%s: %d valid and %d invalid seeds: the limits are not put where they decide", name, valid, invalid)
		}
		t.Logf("%s: %d valid and %d invalid seeds", name, valid, invalid)
	}
}

// deletionBases are the valid files whose one-deletion mutants seed
// FuzzQuickWalk.
var deletionBases = map[string][]string{
	Config:       {"../testdata/valid/shop/.greyhound/config.yaml", "../testdata/valid/platform/.greyhound/config.yaml", "../testdata/valid/docs-examples/.greyhound/config.yaml"},
	Applications: {"../testdata/valid/shop/.greyhound/applications.yaml", "../testdata/valid/platform/.greyhound/applications.yaml", "../testdata/valid/docs-examples/.greyhound/applications.yaml"},
}

// deletions returns v less one key of one of its mappings, or one item of
// one of its lists, for every key and item anywhere in v.
func deletions(v any) []any {
	var out []any
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			less := clone(x)
			delete(less, k)
			out = append(out, less)
			for _, d := range deletions(e) {
				m := clone(x)
				m[k] = d
				out = append(out, m)
			}
		}
	case []any:
		for i, e := range x {
			out = append(out, slices.Delete(slices.Clone(x), i, i+1))
			for _, d := range deletions(e) {
				l := slices.Clone(x)
				l[i] = d
				out = append(out, l)
			}
		}
	}
	return out
}

// deletionSeeds generates the one-deletion mutants of the valid files.
func deletionSeeds(tb testing.TB) []seed {
	var out []seed
	for _, name := range []string{Config, Applications} {
		for _, f := range deletionBases[name] {
			src, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			doc, _ := lint.Parse(src)
			for _, d := range deletions(doc.Value()) {
				b, err := json.Marshal(d)
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, seed{b, name == Applications})
			}
		}
	}
	return out
}

// The deletion seeds reach required fields: some are invalid, for each
// schema (else the bases are not what they should be).
func TestDeletionSeeds(t *testing.T) {
	invalid := map[bool]int{}
	seeds := deletionSeeds(t)
	for _, s := range seeds {
		doc, _ := lint.Parse(s.doc)
		name := map[bool]string{false: Config, true: Applications}[s.apps]
		if Get(name).compiled.Validate(doc.Value()) != nil {
			invalid[s.apps]++
		}
	}
	if invalid[false] < 20 || invalid[true] < 10 {
		t.Errorf("%d seeds, invalid ones: config %d, applications %d", len(seeds), invalid[false], invalid[true])
	}
	t.Logf("%d seeds, invalid ones: config %d, applications %d", len(seeds), invalid[false], invalid[true])
}
