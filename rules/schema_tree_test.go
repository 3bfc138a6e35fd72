package rules

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

// TestTreeCheckAgreesWithTheValueTree: on every YAML file of the corpus,
// the examples and the rule cases, read as both kinds, the check of the
// document in place (yamlTree) either says it is not sure or agrees with
// the validation of the value tree. Saying valid where the value tree has
// a finding would hide it. Most files must be decided in place (else the
// speed-up is gone), and the ones with merge keys or keys written twice
// must not be.
func TestTreeCheckAgreesWithTheValueTree(t *testing.T) {
	files := corpus.YAMLFiles("../testdata", "../examples", "testdata")
	checked, plainValid, inPlace := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := lint.Parse(src)
		if doc.Root == nil {
			continue
		}
		for _, name := range []string{schema.Config, schema.Applications} {
			s := schema.Get(name)
			valid, sure := s.ValidTree(context.Background(), yamlTree{}, lint.Resolve(doc.Root), 8*doc.ValueBudget())
			full := len(s.Validate(doc.Value())) == 0 && !doc.ValueTooLarge()
			merges := strings.Contains(string(src), "<<:")
			checked++
			switch {
			case sure && valid && !full:
				t.Errorf("%s as %s: read in place valid, but the value tree has findings", f, name)
			case sure && valid && merges:
				t.Errorf("%s as %s: said valid in place with a merge key", f, name)
			}
			if full && !merges && !strings.Contains(string(src), "${") {
				plainValid++
				if sure && valid {
					inPlace++
				}
			}
		}
	}
	// An invalid "in place" where the value tree is valid only costs time
	// (the value tree is then validated); the schema package's test holds
	// the quick walk to the full validation both ways.
	if checked < 500 || plainValid < 20 || inPlace < plainValid*9/10 {
		t.Errorf("%d checks; of %d valid files without merges or placeholders, %d were decided in place: expected nearly all", checked, plainValid, inPlace)
	}
	t.Logf("%d checks; %d of %d valid files decided in place", checked, inPlace, plainValid)
}

// The check in place is not sure of a mapping the value tree resolves
// differently, and sure of one it reads exactly.
func TestPlainKeys(t *testing.T) {
	for src, want := range map[string]bool{
		"a: 1\nb: 2\n":       true,
		"a: 1\na: 2\n":       false,
		"<<: {a: 1}\nb: 2\n": false,
		"'<<': 1\nb: 2\n":    true,
		"? [a]\n: 1\n":       false,
		"a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nb: 11\n": false, // large: by map
		"a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\n": true,
	} {
		doc, _ := lint.Parse([]byte(src))
		if _, _, _, got := (yamlTree{}).Node(doc.Root); got != want {
			t.Errorf("yamlTree.Node(%q) readable in place = %v, want %v", src, got, want)
		}
	}
}
