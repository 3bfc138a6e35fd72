package catalogue

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/greylint/greylint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// docs/rules.md is generated from the registry; it fails when stale.
func TestDocs(t *testing.T) {
	const path = "../../docs/rules.md"
	want := Markdown()
	if *update {
		if err := os.MkdirAll("../../docs", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s is stale: run go test ./rules/catalogue -run TestDocs -update (or make docs)", path)
	}
}

// Every catalogue entry names existing rules, and every GH and XR number of
// the format reference appears.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Catalogue {
		if seen[c.ID] {
			t.Errorf("%s listed twice", c.ID)
		}
		seen[c.ID] = true
		if len(c.Rules) == 0 && c.Note == "" {
			t.Errorf("%s: no rule and no reason", c.ID)
		}
		for _, r := range c.Rules {
			if rules.ByID(r.ID) != r {
				t.Errorf("%s: rule %q is not registered", c.ID, r.ID)
			}
		}
	}
	var want []string
	for _, r := range [][2]int{{1, 6}, {10, 23}, {30, 43}, {50, 60}, {100, 114}, {200, 210}} {
		for i := r[0]; i <= r[1]; i++ {
			want = append(want, fmt.Sprintf("GH%03d", i))
		}
	}
	for i := 1; i <= 12; i++ {
		want = append(want, fmt.Sprintf("XR%d", i))
	}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("catalogue entry %s is not accounted for", id)
		}
	}
}
