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
