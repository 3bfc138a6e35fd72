package schema

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Navigation agrees with the schema at every object reachable from the
// root through properties and items (generated from the schema JSON): the
// fields of the object are its properties, sorted by name, and each
// field's own Field answer is the same field; numbers and "[]" both
// descend into items.
func TestNavigationEverywhere(t *testing.T) {
	for _, name := range []string{Config, Applications} {
		s := Get(name)
		var raw map[string]any
		if err := json.Unmarshal(s.JSON(), &raw); err != nil {
			t.Fatal(err)
		}
		objects := 0
		var walk func(path []string, depth int)
		walk = func(path []string, depth int) {
			n := s.node(path)
			if n == nil || depth > 6 {
				return
			}
			props, _ := n["properties"].(map[string]any)
			if items, ok := n["items"].(map[string]any); ok && items != nil {
				walk(append(slices.Clone(path), "[]"), depth+1)
				if got, want := s.node(append(slices.Clone(path), "0")), s.node(append(slices.Clone(path), "[]")); !jsonEqual(got, want) {
					t.Errorf("%s %v: item 0 and [] differ", name, path)
				}
			}
			if len(props) == 0 {
				return
			}
			objects++
			fields := s.Fields(path)
			var names []string
			for _, f := range fields {
				names = append(names, f.Name)
				g, ok := s.Field(append(slices.Clone(path), f.Name))
				if !ok || g.Name != f.Name || g.Description != f.Description || g.Forbidden != f.Forbidden {
					t.Errorf("%s %v: Field(%s) = %+v, %v; Fields says %+v", name, path, f.Name, g, ok, f)
				}
			}
			if !slices.IsSorted(names) || len(names) != len(props) {
				t.Errorf("%s %v: fields %v, want the %d properties sorted", name, path, names, len(props))
			}
			for p := range props {
				walk(append(slices.Clone(path), p), depth+1)
			}
		}
		walk(nil, 0)
		if objects < 5 {
			t.Errorf("%s: only %d objects reached", name, objects)
		}
		if _, ok := s.Field([]string{"no-such-field"}); ok {
			t.Errorf("%s: a field that does not exist", name)
		}
		if s.node([]string{strings.Repeat("x", 3), "y"}) != nil {
			t.Errorf("%s: a path through nothing", name)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
