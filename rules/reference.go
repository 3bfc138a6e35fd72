package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// unresolved reports n, a reference to a name that is not among known. what
// says what n names ("image_from_build names build "x", which is not
// defined"); when known names are close, the message asks "did you mean"
// and a fix replaces it, otherwise advice says what to do. The fix is never
// safe: a reference to another existing name deploys something else (with
// builds api and api2, api3 is not evidently api2), so it is Unsafe, and a
// choice between equally close names is Manual.
func unresolved(p *lint.Pass, n *yaml.Node, what string, known []string, advice string, rel relatedSource) {
	ref, _ := lint.Str(n)
	g := lint.GuessName(ref, known)
	d := lint.Diagnostic{Range: p.Doc.Range(n)}
	if rel != nil {
		d.Related = rel.nearest(g.Names)
	}
	if len(g.Names) > 0 {
		d.Message = fmt.Sprintf("%s; did you mean %s?", what, g.Phrase())
		d.Fixes = g.Fixes(false, func(s string) lint.Fix {
			return lint.Fix{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}}
		})
	} else {
		d.Message = what + "; " + advice
	}
	p.Report(d)
}

// maxRelated bounds the related locations of one finding: every
// definition of a large file, for every bad reference, grew the output
// with the square of the file.
const maxRelated = 3

// maxListed bounds the names a message lists.
const maxListed = 10

// listNames joins names for a message, at most maxListed of them: "a, b
// and 12 more".
func listNames(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxListed], ", ") + fmt.Sprintf(" and %d more", len(names)-maxListed)
}
