package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
)

// validDocuments are the valid files the quick walk exists for, with the
// schema each is valid against: every file of the corpus and the
// examples the full validator finds nothing in, every generated edge
// seed it finds nothing in, and generated configs of growing size (the
// largest visits more than the 1,024 nodes between two looks at the
// context).
func validDocuments(t *testing.T) (names []string, docs []any, schemas []string) {
	t.Helper()
	add := func(name string, v any, schema string) {
		if Get(schema).compiled.Validate(v) == nil {
			names, docs, schemas = append(names, name), append(docs, v), append(schemas, schema)
		}
	}
	for _, f := range corpus.YAMLFiles("../testdata", "../examples", "../rules/testdata") {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := lint.Parse(src)
		if doc.Root == nil || doc.ValueTooLarge() {
			continue
		}
		v := doc.Value()
		if doc.ValueTooLarge() {
			continue
		}
		add(f, v, Config)
		add(f, v, Applications)
	}
	for i, s := range edgeSeeds(t) {
		var v any
		d := json.NewDecoder(strings.NewReader(string(s.doc)))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		add(fmt.Sprintf("edge seed %d", i), v, map[bool]string{false: Config, true: Applications}[s.apps])
	}
	for _, lines := range []int{50, 350, 5000} {
		doc, _ := lint.Parse(corpus.Config(lines))
		add(fmt.Sprintf("generated config of %d lines", lines), doc.Value(), Config)
	}
	return names, docs, schemas
}

// TestValidFilesNeverReachTheValidator: the quick walk exists so that a
// valid file never pays for the full validator (which builds error trees).
// On every valid file, the walk in place is sure and says valid, each
// item of a top-level list checked alone is sure and valid, and
// Validate answers without running the full validator once.
func TestValidFilesNeverReachTheValidator(t *testing.T) {
	names, docs, schemas := validDocuments(t)
	counts := map[string]int{}
	for i, v := range docs {
		s := Get(schemas[i])
		counts[schemas[i]]++
		if valid, sure := s.ValidTree(context.Background(), valueTree{}, v, 1<<22); !valid || !sure {
			t.Errorf("%s as %s: the walk in place says valid=%v sure=%v", names[i], schemas[i], valid, sure)
		}
		if m, ok := v.(map[string]any); ok {
			for key, list := range m {
				check, ok := s.TopListItems(key)
				items, isList := list.([]any)
				if !ok || !isList {
					continue
				}
				for j, item := range items {
					if valid, sure, _ := check(context.Background(), valueTree{}, item, 1<<20); !valid || !sure {
						t.Errorf("%s: %s item %d alone: valid=%v sure=%v", names[i], key, j, valid, sure)
					}
				}
			}
		}
		before := fullValidations.Load()
		if vs := s.Validate(v); len(vs) != 0 {
			t.Errorf("%s as %s: %v", names[i], schemas[i], vs)
		}
		if n := fullValidations.Load() - before; n != 0 {
			t.Errorf("%s as %s: the full validator ran %d times on a valid file", names[i], schemas[i], n)
		}
	}
	if counts[Config] < 100 || counts[Applications] < 20 {
		t.Errorf("valid documents: %v; the corpus or the seeds did not load", counts)
	}
	// And an invalid one does pay for it, once.
	before := fullValidations.Load()
	if vs := Get(Config).Validate(map[string]any{"services": "nope"}); len(vs) == 0 || fullValidations.Load()-before != 1 {
		t.Errorf("an invalid file: %v, %d full validations", vs, fullValidations.Load()-before)
	}
}

// shapes generates documents of every small shape: scalars, objects and
// arrays nested up to depth levels, with up to width entries.
func shapes(depth, width int) []any {
	out := []any{"s", json.Number("1"), true, nil}
	if depth == 0 {
		return out
	}
	inner := shapes(depth-1, width)
	for w := 0; w <= width; w++ {
		for i, x := range inner {
			if (i+w)%3 != 0 {
				continue // a sample of the combinations keeps the count small
			}
			obj, arr := map[string]any{}, []any{}
			for k := range w {
				obj[fmt.Sprintf("k%d", k)] = x
				arr = append(arr, x)
			}
			out = append(out, obj, arr)
		}
	}
	return out
}

// cost is what the walk spends on v when each node is visited once: 1
// per node plus its length (the contract of ValidTree's budget).
func cost(v any) int {
	switch x := v.(type) {
	case map[string]any:
		n := 1 + len(x)
		for _, e := range x {
			n += cost(e)
		}
		return n
	case []any:
		n := 1 + len(x)
		for _, e := range x {
			n += cost(e)
		}
		return n
	}
	return 1
}

// TestWalkBudget: with a schema that visits each node once, the walk is
// sure with a budget of exactly what the document costs and not with one
// less; an item check leaves what it did not spend. A context that is
// done makes a walk of more than 1,024 nodes unsure.
func TestWalkBudget(t *testing.T) {
	// Every value valid, and each node of up to 4 levels visited once
	// (a schema that does not constrain a value does not walk into it).
	var anything func(levels int) map[string]any
	anything = func(levels int) map[string]any {
		if levels == 0 {
			return map[string]any{}
		}
		return map[string]any{"additionalProperties": anything(levels - 1), "items": anything(levels - 1)}
	}
	s := &Schema{quick: compileQuick(map[string]any{
		"properties": map[string]any{"l": map[string]any{"type": "array", "items": anything(4)}},
	})}
	check, ok := s.TopListItems("l")
	if s.quick == nil || !ok {
		t.Fatal("the test schema did not compile")
	}
	n := 0
	for _, v := range shapes(3, 3) {
		doc := map[string]any{"l": []any{v}}
		c := cost(doc)
		if valid, sure := s.ValidTree(context.Background(), valueTree{}, doc, c); !valid || !sure {
			t.Fatalf("%v: budget %d (its cost): valid=%v sure=%v", doc, c, valid, sure)
		}
		if _, sure := s.ValidTree(context.Background(), valueTree{}, doc, c-1); sure {
			t.Fatalf("%v: budget %d (its cost less one): sure", doc, c-1)
		}
		for _, extra := range []int{0, 7} {
			valid, sure, left := check(context.Background(), valueTree{}, v, cost(v)+extra)
			if !valid || !sure || left != extra {
				t.Fatalf("%v alone with %d to spare: valid=%v sure=%v left %d", v, extra, valid, sure, left)
			}
		}
		if _, sure, _ := check(context.Background(), valueTree{}, v, cost(v)-1); sure {
			t.Fatalf("%v alone, a budget one short: sure", v)
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d shapes", n)
	}

	big := make([]any, 2000)
	for i := range big {
		big[i] = "x"
	}
	doc := map[string]any{"l": big}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, sure := s.ValidTree(done, valueTree{}, doc, 1<<20); sure {
		t.Error("a walk of 2,000 nodes is sure though its context is done")
	}
	if valid, sure := s.ValidTree(context.Background(), valueTree{}, doc, 1<<20); !valid || !sure {
		t.Errorf("a walk of 2,000 nodes with a live context: valid=%v sure=%v", valid, sure)
	}
}

// TestWalkDepth: a schema that refers to itself (none of greyhound's do
// today) is walked maxQuickDepth levels of subschema deep and no deeper:
// a document whose walk stays within the bound is decided by the walk,
// one level more is left to the full validator (said invalid by the quick
// walk on the value, unsure or invalid in place), on both sides of the
// edge, for a recursion through each keyword the walk descends by (and
// with the bound at an odd and an even depth).
func TestWalkDepth(t *testing.T) {
	ref := map[string]any{"$ref": "#/$defs/node"}
	obj := func(levels int) any {
		var v any = map[string]any{}
		for range levels {
			v = map[string]any{"k": v}
		}
		return v
	}
	arr := func(levels int) any {
		var v any = []any{}
		for range levels {
			v = []any{v}
		}
		return v
	}
	for _, c := range []struct {
		name  string
		node  map[string]any // $defs/node
		root  map[string]any // nil: the root is a $ref to node
		nest  func(int) any
		depth func(k int) int // the depth of the deepest subschema the walk checks, for k levels
	}{
		{"additionalProperties", map[string]any{"type": "object", "additionalProperties": ref}, nil, obj, func(k int) int { return 2*k + 1 }},
		{"additionalProperties from the root", map[string]any{"type": "object", "additionalProperties": ref}, map[string]any{"additionalProperties": ref}, obj, func(k int) int { return 2 * k }},
		{"properties", map[string]any{"properties": map[string]any{"k": ref}}, nil, obj, func(k int) int { return 2*k + 1 }},
		{"properties from the root", map[string]any{"properties": map[string]any{"k": ref}}, map[string]any{"properties": map[string]any{"k": ref}}, obj, func(k int) int { return 2 * k }},
		{"items", map[string]any{"type": "array", "items": ref}, nil, arr, func(k int) int { return 2*k + 1 }},
		{"items from the root", map[string]any{"type": "array", "items": ref}, map[string]any{"items": ref}, arr, func(k int) int { return 2 * k }},
		{"allOf", map[string]any{"allOf": []any{map[string]any{"additionalProperties": ref}}}, nil, obj, func(k int) int { return 3*k + 2 }},
		{"anyOf", map[string]any{"anyOf": []any{map[string]any{"additionalProperties": ref}}}, nil, obj, func(k int) int { return 3*k + 2 }},
		// A key's schema three allOf deep: the key of the level above
		// the innermost is the deepest check.
		{"propertyNames", map[string]any{"propertyNames": map[string]any{"allOf": []any{map[string]any{"allOf": []any{map[string]any{"allOf": []any{map[string]any{"type": "string"}}}}}}}, "additionalProperties": ref},
			nil, obj, func(k int) int { return 2*k + 3 }},
		{"if/then", map[string]any{"if": map[string]any{}, "then": map[string]any{"additionalProperties": ref}}, nil, obj, func(k int) int { return 3*k + 2 }},
	} {
		raw := map[string]any{"$defs": map[string]any{"node": c.node}}
		if c.root == nil {
			raw["$ref"] = "#/$defs/node"
		}
		for k, v := range c.root {
			raw[k] = v
		}
		s := &Schema{quick: compileQuick(raw)}
		if s.quick == nil {
			t.Fatalf("%s: the test schema did not compile", c.name)
		}
		// The deepest level the walk decides, and both sides of it.
		edge := 0
		for c.depth(edge+1) <= maxQuickDepth {
			edge++
		}
		for k := edge - 1; k <= edge+2; k++ {
			v := c.nest(k)
			want := c.depth(k) <= maxQuickDepth
			if got := s.quickValid(v); got != want {
				t.Errorf("%s, %d levels (walk depth %d): quick walk valid=%v, want %v", c.name, k, c.depth(k), got, want)
			}
			valid, sure := s.ValidTree(context.Background(), valueTree{}, v, 1<<20)
			if sure && valid != want || !sure && want {
				t.Errorf("%s, %d levels in place: valid=%v sure=%v, want valid=%v", c.name, k, valid, sure, want)
			}
		}
	}
}

// TestNumbers: the quick walk compares a number with a bound, checks
// integer and reads enum values exactly (differential against big.Rat
// over integers of every length up to 17 digits, signs, decimals and
// exponents), and a plain integer of up to 15 digits, the common case,
// costs no allocation (without that path, a valid 5,000-line config's
// walk made 12,557 allocations instead of 1: BenchmarkQuickValid5000).
func TestNumbers(t *testing.T) {
	var nums []string
	for d := 1; d <= 17; d++ {
		for _, digit := range []string{"0", "1", "5", "9"} {
			for _, sign := range []string{"", "-"} {
				nums = append(nums, sign+"1"+strings.Repeat(digit, d-1), sign+strings.Repeat("9", d)+"", sign+digit+strings.Repeat("0", d-1))
			}
		}
	}
	nums = append(nums, "0", "-0", "1.5", "-2.25", "1e3", "1E2", "2.0", "12345678901234.5", "0.1", "+1")
	bounds := []float64{0, -1, 1, 2, 3, 65535, 65536, 1e15, 999999999999999, -999999999999999, 1.5}
	for _, s := range nums {
		n := json.Number(s)
		exact, readable := new(big.Rat).SetString(s)
		small := readable && exact.IsInt() && len(s) <= 15 && !strings.ContainsAny(s, ".eE+")
		for _, b := range bounds {
			br := new(big.Rat).SetFloat64(b)
			c, ok := compare(n, br, b)
			if ok != readable || ok && c != exact.Cmp(br) {
				t.Errorf("compare(%s, %v) = %d, %v; want %d, %v", s, b, c, ok, exact.Cmp(br), readable)
			}
			if small {
				if a := testing.AllocsPerRun(3, func() { compare(n, br, b) }); a != 0 {
					t.Errorf("compare(%s, %v): %v allocations", s, b, a)
				}
			}
		}
		if got, want := hasType("integer", n), readable && exact.IsInt(); got != want {
			t.Errorf("hasType(integer, %s) = %v, want %v", s, got, want)
		}
		if small {
			if a := testing.AllocsPerRun(3, func() { hasType("integer", n) }); a != 0 {
				t.Errorf("hasType(integer, %s): %v allocations", s, a)
			}
		}
		for _, b := range bounds {
			if got, want := equal(b, n), readable && exact.Cmp(new(big.Rat).SetFloat64(b)) == 0; got != want {
				t.Errorf("equal(%v, %s) = %v, want %v", b, s, got, want)
			}
		}
	}
	for _, bad := range []string{"", "-", "1-2", "x", "--1", "1x"} {
		if _, ok := compare(json.Number(bad), big.NewRat(0, 1), 0); ok {
			t.Errorf("compare(%q) read it", bad)
		}
		if hasType("integer", json.Number(bad)) {
			t.Errorf("hasType(integer, %q)", bad)
		}
	}
}

// TestPartialValidation: leaving the valid items of top-level lists out
// of the full validation (what package rules does with TopListItems)
// changes nothing of what it finds: on every invalid edge seed whose
// mistake is in an item of a top-level list, put among the valid items of
// the base file at the start, the middle or the end, ValidatePartial of
// the value without the valid items says exactly what Validate of the
// whole value says (paths and messages name the document's indices).
func TestPartialValidation(t *testing.T) {
	checked := map[string]int{}
	for _, sd := range edgeSeeds(t) {
		name := map[bool]string{false: Config, true: Applications}[sd.apps]
		s := Get(name)
		var seed map[string]any
		d := json.NewDecoder(strings.NewReader(string(sd.doc)))
		d.UseNumber()
		if err := d.Decode(&seed); err != nil {
			t.Fatal(err)
		}
		if s.compiled.Validate(seed) == nil {
			continue
		}
		src, _ := os.ReadFile(edgeBases[name])
		base, _ := lint.Parse(src)
		baseValue := base.Value().(map[string]any)
		for key, list := range seed {
			items, isList := list.([]any)
			check, ok := s.TopListItems(key)
			baseItems, _ := baseValue[key].([]any)
			if !isList || !ok || len(items) == 0 || len(items) != len(baseItems) || reflect.DeepEqual(items[0], baseItems[0]) {
				continue
			}
			others := baseItems[1:]
			// the start, the middle and the end in turn
			for _, at := range []int{[]int{0, len(others) / 2, len(others)}[checked[key]%3]} {
				whole := clone(seed)
				l := slices.Clone(others)
				whole[key] = slices.Insert(l, at, items[0])
				partial := clone(whole)
				var keptItems []any
				var kept []int
				for i, it := range whole[key].([]any) {
					if valid, sure, _ := check(context.Background(), valueTree{}, it, 1<<20); !(valid && sure) {
						keptItems, kept = append(keptItems, it), append(kept, i)
					}
				}
				partial[key] = keptItems
				want := s.Validate(whole)
				got := s.ValidatePartial(partial, map[string][]int{key: kept})
				if len(want) == 0 {
					// a ${...} placeholder where the schema wants a
					// pattern: not reported before interpolation
					if len(got) != 0 {
						t.Errorf("%s: %s item at %d: %+v, want nothing", name, key, at, got)
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s item at %d of %d (kept %v):\n got %+v\nwant %+v", name, key, at, len(l), kept, got, want)
				}
				checked[key]++
			}
		}
	}
	if len(checked) < 4 {
		t.Errorf("invalid items checked per list: %v; the seeds do not reach the lists", checked)
	}
	t.Logf("invalid items checked per list: %v", checked)
}

// TestExclusive: the groups Exclusive gives (completion offers no field
// whose alternative is there) are the exclusions the validator holds: at
// every item of every top-level list of the base files, setting two fields
// of a group is a conflicting-fields finding at that item, and setting one
// of them is none. Objects with no group have none.
func TestExclusive(t *testing.T) {
	groups := 0
	for name, base := range edgeBases {
		s := Get(name)
		src, _ := os.ReadFile(base)
		doc, _ := lint.Parse(src)
		root := doc.Value().(map[string]any)
		for key, list := range root {
			items, _ := list.([]any)
			if len(items) == 0 {
				continue
			}
			path := []string{key, "0"}
			for _, g := range s.Exclusive(path) {
				if len(g) < 2 {
					t.Errorf("%s %v: a group of one: %v", name, path, g)
					continue
				}
				groups++
				for n := 1; n <= 2; n++ {
					item := clone(items[0].(map[string]any))
					for _, f := range g {
						delete(item, f)
					}
					for _, f := range g[:n] {
						item[f] = "x"
					}
					whole := clone(root)
					whole[key] = append([]any{item}, items[1:]...)
					conflict := slices.ContainsFunc(s.Validate(whole), func(v Violation) bool {
						return v.Rule == ConflictingFields && slices.Equal(v.Path, path)
					})
					if conflict != (n == 2) {
						t.Errorf("%s %v with %v set: conflicting-fields %v", name, path, g[:n], conflict)
					}
				}
			}
		}
		if got := s.Exclusive(nil); len(got) != 0 {
			t.Errorf("%s: groups at the top level: %v", name, got)
		}
		if got := s.Exclusive([]string{"no-such-section", "0"}); got != nil {
			t.Errorf("%s: groups of nothing: %v", name, got)
		}
	}
	if groups < 2 {
		t.Errorf("only %d groups: the base files do not reach them", groups)
	}
}

// TestKeyViolations: a key the schema's propertyNames refuses (configmap
// data keys) is reported at its object with the key named, whatever the
// character that makes it wrong, and at the index the document has: each
// printable ASCII character inside a key, in the first and the second
// configmap.
func TestKeyViolations(t *testing.T) {
	s := Get(Config)
	bad := 0
	for c := byte(' '); c < 0x7f; c++ {
		key := "a" + string(c) + "b"
		for at := range 2 {
			maps := []any{
				map[string]any{"name": "first", "data": map[string]any{"ok": "v"}},
				map[string]any{"name": "second", "data": map[string]any{"ok": "v"}},
			}
			maps[at].(map[string]any)["data"].(map[string]any)[key] = "v"
			doc := map[string]any{"configmaps": maps}
			vs := s.Validate(doc)
			if s.compiled.Validate(doc) == nil {
				if len(vs) != 0 {
					t.Errorf("%q: %v on a valid file", key, vs)
				}
				continue
			}
			bad++
			want := []string{"configmaps", fmt.Sprint(at), "data"}
			if len(vs) != 1 || !slices.Equal(vs[0].Path, want) || vs[0].Key != key || !strings.Contains(vs[0].Message, fmt.Sprintf("%q", key)) ||
				!slices.Equal(vs[0].KeyPath(), append(want, key)) {
				t.Errorf("%q in configmap %d: %+v, want one violation at %v naming the key", key, at, vs, want)
			}
		}
	}
	if bad < 60 {
		t.Errorf("only %d bad keys", bad)
	}
}

// propsInURL reads the trailing properties/<name> steps of a schema URL,
// past the propertyNames step a key's error comes from and the keyword
// under it.
func TestPropsInURL(t *testing.T) {
	const base = "https://example.com/s.json#"
	for frag, want := range map[string][]string{
		"/$defs/configmap/properties/data/propertyNames":               {"data"},
		"/$defs/configmap/properties/data/propertyNames/pattern":       {"data"},
		"/properties/a/properties/b/propertyNames":                     {"a", "b"},
		"/properties/m/additionalProperties/propertyNames":             {"m"},
		"/properties/m/additionalProperties/propertyNames/pattern":     {"m"},
		"/$defs/x/items/propertyNames":                                 nil,
		"/propertyNames":                                               nil,
		"/$defs/configmap/allOf/0/properties/data/propertyNames/allOf": {"data"},
	} {
		if got := propsInURL(base + frag); !slices.Equal(got, want) {
			t.Errorf("propsInURL(%s) = %q, want %q", frag, got, want)
		}
	}
}

// TestViolationNouns: a missing or conflicting field is said of the object
// that owns it, named as the schema titles the object at that path (the
// definition a constraint sits in, through allOf branches and $refs):
// `service "api"`, `job #2`, and the file's noun at the top level. Over
// every invalid edge and deletion seed.
func TestViolationNouns(t *testing.T) {
	said := map[string]int{}
	for _, sd := range append(edgeSeeds(t), deletionSeeds(t)...) {
		name := map[bool]string{false: Config, true: Applications}[sd.apps]
		s := Get(name)
		var v any
		d := json.NewDecoder(strings.NewReader(string(sd.doc)))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		for _, vi := range s.Validate(v) {
			if vi.Rule != MissingField && vi.Rule != ConflictingFields {
				continue
			}
			noun, _ := s.raw["x-noun"].(string)
			if len(vi.Path) > 0 {
				noun = title(s.node(vi.Path))
				obj, _ := valueAt(v, vi.Path).(map[string]any)
				if n, ok := obj["name"].(string); ok && n != "" {
					noun += fmt.Sprintf(" %q", n)
				} else if i, err := strconv.Atoi(vi.Path[len(vi.Path)-1]); err == nil {
					noun += fmt.Sprintf(" #%d", i+1)
				}
			}
			if !strings.HasPrefix(vi.Message, noun+" is missing") && !strings.HasPrefix(vi.Message, noun+": ") {
				t.Errorf("%s %v: %q does not begin with %q", name, vi.Path, vi.Message, noun)
			}
			said[vi.Rule]++
		}
	}
	if said[MissingField] < 20 || said[ConflictingFields] == 0 {
		t.Errorf("said: %v", said)
	}
	t.Logf("said: %v", said)
}

// A constraint in an allOf branch of a titled definition is said of that
// definition's object at any depth (the greyhound schemas have them only
// in items of top-level lists, where the list's item title would do).
func TestNounOfNestedComposite(t *testing.T) {
	raw := map[string]any{
		"$id":  "https://example.com/nested.json",
		"type": "object",
		"properties": map[string]any{"outer": map[string]any{"type": "object", "properties": map[string]any{
			"things": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/thing"}}}}},
		"$defs": map[string]any{"thing": map[string]any{
			"title": "thing", "type": "object", "required": []any{"name"},
			"properties": map[string]any{"name": map[string]any{"type": "string"}, "a": map[string]any{}, "b": map[string]any{}},
			"allOf": []any{
				map[string]any{"not": map[string]any{"required": []any{"a", "b"}}, "x-rule": ConflictingFields, "x-message": "set a or b, not both", "x-at": "b"},
				map[string]any{"anyOf": []any{map[string]any{"required": []any{"a"}}, map[string]any{"required": []any{"b"}}}, "x-rule": MissingField, "x-message": "set a or b"},
			},
		}},
	}
	s := testSchema(t, raw)
	v := map[string]any{"outer": map[string]any{"things": []any{
		map[string]any{"name": "one", "a": "x", "b": "y"},
		map[string]any{"a": "x"},
		map[string]any{"name": "three"},
	}}}
	var got []string
	for _, vi := range s.Validate(v) {
		got = append(got, vi.Rule+" "+strings.Join(vi.Path, "/")+" "+vi.Key+": "+vi.Message)
	}
	want := []string{
		`conflicting-fields outer/things/0 b: thing "one": set a or b, not both`,
		`missing-field outer/things/1 : thing #2 is missing the required field "name"; add it`,
		`missing-field outer/things/2 : thing "three": set a or b`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUnknownFieldCandidates: an unknown field is reported at its object,
// with the object's fields as candidates for did-you-mean except the ones
// known to be forbidden there (jobs have no ports): Fields, which marks
// them, agrees. At every mapping of the base files.
func TestUnknownFieldCandidates(t *testing.T) {
	forbidden := 0
	objects := 0
	for name, base := range edgeBases {
		s := Get(name)
		src, _ := os.ReadFile(base)
		doc, _ := lint.Parse(src)
		root := doc.Value()
		var walk func(v any, path []string)
		walk = func(v any, path []string) {
			switch x := v.(type) {
			case []any:
				for i, e := range x {
					walk(e, append(slices.Clone(path), strconv.Itoa(i)))
				}
				return
			case map[string]any:
				for k, e := range x {
					walk(e, append(slices.Clone(path), k))
				}
			default:
				return
			}
			fields := s.Fields(path)
			if len(fields) == 0 || s.IsMap(path) {
				return
			}
			var want []string
			for _, f := range fields {
				if f.Forbidden {
					forbidden++
				} else {
					want = append(want, f.Name)
				}
			}
			bad := "zzqq"
			withBad := setAt(root, append(slices.Clone(path), bad), "x")
			if s.compiled.Validate(withBad) == nil {
				return // an object open to other keys (resource names)
			}
			vs := s.Validate(withBad)
			i := slices.IndexFunc(vs, func(v Violation) bool { return v.Rule == UnknownField && v.Key == bad })
			if i < 0 || !slices.Equal(vs[i].Path, path) || !slices.Equal(vs[i].Candidates, want) {
				t.Errorf("%s %v: %+v, want an unknown field there with candidates %v", name, path, vs, want)
				return
			}
			objects++
		}
		walk(root, nil)
	}
	if objects < 20 || forbidden == 0 {
		t.Errorf("%d objects, %d forbidden fields: the base files do not reach them", objects, forbidden)
	}
}

// setAt returns a copy of v with x at path (list items by index), copying
// only what is on the way.
func setAt(v any, path []string, x any) any {
	if len(path) == 0 {
		return x
	}
	switch c := v.(type) {
	case []any:
		i, _ := strconv.Atoi(path[0])
		l := slices.Clone(c)
		l[i] = setAt(l[i], path[1:], x)
		return l
	default:
		m, _ := v.(map[string]any)
		out := clone(m)
		out[path[0]] = setAt(m[path[0]], path[1:], x)
		return out
	}
}

// TestQuoteFix: a wrong type where the schema wants a string, and the
// value is a plain number or boolean, is fixed by quoting it (QuoteFix);
// an empty value, a mapping or a list, or a field that takes more than
// strings, is not. Every field of every mapping of the base files, set to
// each kind of value.
func TestQuoteFix(t *testing.T) {
	seen := map[bool]int{}
	for name, base := range edgeBases {
		s := Get(name)
		src, _ := os.ReadFile(base)
		doc, _ := lint.Parse(src)
		root := doc.Value()
		var walk func(v any, path []string)
		walk = func(v any, path []string) {
			switch x := v.(type) {
			case []any:
				for i, e := range x {
					walk(e, append(slices.Clone(path), strconv.Itoa(i)))
				}
				return
			case map[string]any:
				for k, e := range x {
					walk(e, append(slices.Clone(path), k))
				}
			default:
				return
			}
			for _, f := range s.Fields(path) {
				at := append(slices.Clone(path), f.Name)
				for _, x := range []any{json.Number("1"), true, nil, map[string]any{}, []any{}, "s"} {
					vs := s.Validate(setAt(root, at, x))
					i := slices.IndexFunc(vs, func(v Violation) bool { return v.Rule == InvalidType && slices.Equal(v.Path, at) })
					if i < 0 {
						continue
					}
					want := slices.Equal(f.Types, []string{"string"})
					switch x.(type) {
					case nil, map[string]any, []any:
						want = false
					}
					if vs[i].QuoteFix != want {
						t.Errorf("%s %v = %#v (a field of %v): QuoteFix %v, want %v", name, at, x, f.Types, vs[i].QuoteFix, want)
					}
					seen[want]++
				}
			}
		}
		walk(root, nil)
	}
	if seen[true] < 10 || seen[false] < 10 {
		t.Errorf("QuoteFix seen: %v", seen)
	}
}

// TestListItemLabels: a wrong item of a list is named by its place in the
// list, counted from 1, and the list's key: `entry 2 of "hostnames"`.
// Every list of the base files (top-level ones too), its first and its
// last item made a mapping or a list where the schema wants something
// else.
func TestListItemLabels(t *testing.T) {
	labelled := 0
	for name, base := range edgeBases {
		s := Get(name)
		src, _ := os.ReadFile(base)
		doc, _ := lint.Parse(src)
		root := doc.Value()
		var walk func(v any, path []string)
		walk = func(v any, path []string) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					walk(e, append(slices.Clone(path), k))
				}
			case []any:
				for i, e := range x {
					walk(e, append(slices.Clone(path), strconv.Itoa(i)))
				}
				for _, i := range []int{0, len(x) - 1} {
					if i < 0 || len(path) == 0 {
						continue
					}
					at := append(slices.Clone(path), strconv.Itoa(i))
					for _, wrong := range []any{map[string]any{"k": "v"}, []any{}} {
						vs := s.Validate(setAt(root, at, wrong))
						j := slices.IndexFunc(vs, func(v Violation) bool { return v.Rule == InvalidType && slices.Equal(v.Path, at) })
						if j < 0 {
							continue // what the list takes
						}
						if want := fmt.Sprintf("entry %d of %q must be ", i+1, path[len(path)-1]); !strings.HasPrefix(vs[j].Message, want) {
							t.Errorf("%s %v: %q, want it to begin %q", name, at, vs[j].Message, want)
						}
						labelled++
					}
				}
			}
		}
		walk(root, nil)
	}
	if labelled < 5 {
		t.Errorf("only %d list items labelled", labelled)
	}
}

// testSchema compiles raw (with its "$id") as load compiles the embedded
// schemas: the full validator and the quick walk.
func testSchema(t *testing.T, raw map[string]any) *Schema {
	t.Helper()
	b, _ := json.Marshal(raw)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	id := raw["$id"].(string)
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	compiled, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	json.Unmarshal(b, &back)
	s := &Schema{Name: "test", raw: back, compiled: compiled, quick: compileQuick(back)}
	if s.quick == nil {
		t.Fatal("the test schema has no quick walk")
	}
	return s
}

// TestEnumEquality: enum and const of every JSON scalar kind, against
// instances of every kind, decided by the quick walk as the full validator
// decides them.
func TestEnumEquality(t *testing.T) {
	values := []any{true, false, nil, "a", "", "true", json.Number("1"), json.Number("1.0"), json.Number("-2"), json.Number("0"), json.Number("1e0")}
	for _, schemaValue := range []any{true, false, nil, "a", "true", 1.0, -2.0, 0.0, 1.5} {
		for _, kw := range []string{"enum", "const"} {
			var x any = schemaValue
			if kw == "enum" {
				x = []any{schemaValue}
			}
			s := testSchema(t, map[string]any{"$id": "https://example.com/enum.json", kw: x})
			for _, v := range values {
				if quick, full := s.quickValid(v), s.compiled.Validate(v) == nil; quick != full {
					t.Errorf("%s %#v, instance %#v: quick walk valid=%v, full validator %v", kw, schemaValue, v, quick, full)
				}
			}
		}
	}
}

// TestViolationOrder: violations come sorted by place, and those at one
// place keep the order the validator found them in (the order of the
// schema's required list): 30 missing fields of one object, and one of
// another object before and after it.
func TestViolationOrder(t *testing.T) {
	var required []any
	for i := range 30 {
		required = append(required, fmt.Sprintf("f%02d", (i*7)%30)) // not in name order
	}
	s := testSchema(t, map[string]any{
		"$id":        "https://example.com/order.json",
		"properties": map[string]any{"a": map[string]any{"required": []any{"x"}}, "b": map[string]any{"required": required}, "c": map[string]any{"required": []any{"y"}}},
	})
	vs := s.Validate(map[string]any{"a": map[string]any{}, "b": map[string]any{}, "c": map[string]any{}})
	var got []string
	for _, v := range vs {
		got = append(got, strings.Join(v.Path, "/")+":"+v.Missing)
	}
	want := []string{"a:x"}
	for _, r := range required {
		want = append(want, "b:"+r.(string))
	}
	want = append(want, "c:y")
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}
