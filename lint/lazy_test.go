package lint_test

import (
	"context"
	"testing"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// What a valid file in the CLI never builds: the ranges of its nodes
// (measured on the first Range call) and its value tree (the schema check
// reads the YAML in place). A rule that asks for a range before it has a
// finding, or a schema check that builds the value tree of a valid file,
// brings back a tenth of the lint's time each; a file with a finding still
// gets both.
func TestValidFileBuildsNeitherRangesNorValueTree(t *testing.T) {
	cfg := &lint.Config{Rules: rules.All()}
	lintFile := func(src []byte) *lint.Result {
		return lint.Analyze(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, cfg)
	}
	res := lintFile(corpus.Config(350))
	if len(res.Diagnostics) != 0 {
		t.Fatalf("the corpus config has findings: %v", res.Diagnostics)
	}
	if res.Doc.Measured() {
		t.Error("a valid file's ranges were measured")
	}
	if res.Doc.ValueBuilt() {
		t.Error("a valid file's value tree was built")
	}
	bad := lintFile([]byte("services:\n  - name: web\n    replicas: many\n"))
	if len(bad.Diagnostics) == 0 || !bad.Doc.Measured() {
		t.Errorf("a file with a wrong type: %d findings, measured %v", len(bad.Diagnostics), bad.Doc.Measured())
	}
	// An invalid file is validated in full on a value tree without the
	// valid items of its top-level lists (PartialValue), not on the whole
	// one (Value), unless its top level has merge keys.
	if bad.Doc.ValueBuilt() {
		t.Error("an invalid file's whole value tree was built")
	}
	merged := lintFile([]byte("x-base: &b {replicas: many}\nservices:\n  - name: web\n    image: nginx\n<<: {jobs: []}\n"))
	if len(merged.Diagnostics) == 0 || !merged.Doc.ValueBuilt() {
		t.Errorf("a top-level merge key: %d findings, whole value tree built %v", len(merged.Diagnostics), merged.Doc.ValueBuilt())
	}
	// A large one too (4.5 MB, 550,000 nodes): the check in place has a
	// budget that grows with the file (a fixed million, charged about two
	// per node, sent it to the value tree: 58 MB more at 9 MB).
	if testing.Short() {
		t.Skip("the large file takes seconds under -race")
	}
	if res := lintFile(corpus.Config(210_000)); len(res.Diagnostics) != 0 || res.Doc.ValueBuilt() || res.Doc.Measured() {
		t.Errorf("a valid 210,000-line file: %d findings, value tree built %v, measured %v", len(res.Diagnostics), res.Doc.ValueBuilt(), res.Doc.Measured())
	}
}
