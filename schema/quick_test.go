package schema

import (
	"os"
	"testing"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
)

// TestQuickAgreesWithFullValidation: on every file of the corpus, the
// examples and the rule cases (valid ones and hundreds of mistakes), the
// quick walk says valid exactly when the full validation finds nothing. A
// "valid" where the full validation finds something would hide findings; an
// "invalid" on a valid file would only cost time, but is held too, so that
// valid files do take the quick path.
func TestQuickAgreesWithFullValidation(t *testing.T) {
	files := corpus.YAMLFiles("../testdata", "../examples", "../rules/testdata")
	for _, name := range []string{Config, Applications} {
		if Get(name).quick == nil {
			t.Fatalf("%s has no quick path: a keyword the compiler does not know", name)
		}
	}
	checked, valid := 0, 0
	for _, f := range files {
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
		for _, name := range []string{Config, Applications} {
			s := Get(name)
			full := s.compiled.Validate(v) == nil
			if quick := s.quickValid(v); quick != full {
				t.Errorf("%s as %s: quick walk says valid=%v, full validation valid=%v", f, name, quick, full)
			}
			checked++
			if full {
				valid++
			}
		}
	}
	if checked < 500 || valid < 20 {
		t.Errorf("only %d checks (%d valid): the corpus did not load", checked, valid)
	}
	t.Logf("%d checks, %d valid", checked, valid)
}

// The top-level lists whose items are checked one by one are exactly the
// lists the schema constrains only item by item; anything else (a
// section that is not a list, one forbidden in this kind of file, an
// unknown key) is validated whole.
func TestTopListItems(t *testing.T) {
	for name, want := range map[string]map[string]bool{
		Config: {"builds": true, "services": true, "jobs": true, "rules": true, "configmaps": true, "shared_volumes": true,
			"applications": false, "environments": false, "nope": false},
		Applications: {"applications": true, "environments": true, "services": false, "builds": false},
	} {
		for key, ok := range want {
			if _, got := Get(name).TopListItems(key); got != ok {
				t.Errorf("%s: TopListItems(%q) = %v, want %v", name, key, got, ok)
			}
		}
	}
}

// What makes a list's items depend on each other, or on the rest of the
// file, keeps it whole: an item count, a combinator on the list or at the
// root. A $ref to a list's definition is followed.
func TestTopListItemsGuards(t *testing.T) {
	item := map[string]any{"type": "object"}
	list := func(extra map[string]any) map[string]any {
		m := map[string]any{"type": "array", "items": item}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, c := range []struct {
		name string
		raw  map[string]any
		ok   bool
	}{
		{"a plain list", map[string]any{"properties": map[string]any{"l": list(nil)}}, true},
		{"through a $ref", map[string]any{"$defs": map[string]any{"L": list(nil)}, "properties": map[string]any{"l": map[string]any{"$ref": "#/$defs/L"}}}, true},
		{"an item count", map[string]any{"properties": map[string]any{"l": list(map[string]any{"minItems": 1.0})}}, false},
		{"a combinator on the list", map[string]any{"properties": map[string]any{"l": list(map[string]any{"not": map[string]any{"minItems": 3.0}})}}, false},
		{"a combinator at the root", map[string]any{"properties": map[string]any{"l": list(nil)}, "allOf": []any{map[string]any{"required": []any{"l"}}}}, false},
		{"not a list", map[string]any{"properties": map[string]any{"l": map[string]any{"type": "object"}}}, false},
	} {
		s := &Schema{quick: compileQuick(c.raw)}
		if s.quick == nil {
			t.Fatalf("%s: did not compile", c.name)
		}
		if _, got := s.TopListItems("l"); got != c.ok {
			t.Errorf("%s: TopListItems = %v, want %v", c.name, got, c.ok)
		}
	}
}
