package greylint_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

// lint.Sections, the one list of top-level sections, is what the schemas
// say: the properties each kind's schema allows are its sections, and
// the ones it forbids (x-rule forbidden-field, or the applications
// schema's configOnly: a section of the other kind of file) are the other
// kind's.
func TestSectionsAreTheSchemas(t *testing.T) {
	for name, kind := range map[string]lint.Kind{schema.Config: lint.KindConfig, schema.Applications: lint.KindApplications} {
		var raw struct {
			Properties map[string]map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(schema.Get(name).JSON(), &raw); err != nil {
			t.Fatal(err)
		}
		var allowed, forbidden []string
		for key, p := range raw.Properties {
			forbids := p["x-rule"] == "forbidden-field"
			if ref, _ := p["$ref"].(string); ref == "#/$defs/configOnly" || forbids {
				forbidden = append(forbidden, key)
			} else {
				allowed = append(allowed, key)
			}
		}
		slices.Sort(allowed)
		if want := slices.Sorted(slices.Values(lint.SectionKeys(kind))); !slices.Equal(allowed, want) {
			t.Errorf("%s schema allows %q at the top; lint.Sections of %s: %q", name, allowed, kind, want)
		}
		for _, key := range forbidden {
			if s := lint.SectionOf(key); s == nil || s.Kind == kind {
				t.Errorf("%s schema forbids %q, which is not a section of the other kind", name, key)
			}
		}
	}
	for _, s := range lint.Sections {
		if s.Named != (s != lint.Routes) || s.Title == "" {
			t.Errorf("section %q: named %v, title %q", s.Key, s.Named, s.Title)
		}
	}
}
