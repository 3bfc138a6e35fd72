package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// unresolved reports n, a reference to a name that is not among known. what
// says what n names ("image_from_build names build "x", which is not
// defined"); when a known name is close, the message asks "did you mean"
// and a certain fix replaces it, otherwise advice says what to do.
func unresolved(p *lint.Pass, n *yaml.Node, what string, known []string, advice string, related []lint.Related) {
	d := lint.Diagnostic{Range: p.Doc.Range(n), Related: related}
	ref, _ := lint.Str(n)
	if s := suggest(ref, known); s != "" {
		d.Message = fmt.Sprintf("%s; did you mean %q?", what, s)
		d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}, Certain: true}}
	} else {
		d.Message = what + "; " + advice
	}
	p.Report(d)
}
