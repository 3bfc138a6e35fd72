package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// unresolved reports n, a reference to a name that is not among known. what
// says what n names ("image_from_build names build "x", which is not
// defined"); when known names are close, the message asks "did you mean"
// and a fix replaces it, otherwise advice says what to do. The fix is never
// safe: a reference to another existing name deploys something else (with
// builds api and api2, api3 is not evidently api2), so it is Unsafe, and a
// choice between equally close names is Manual.
func unresolved(p *lint.Pass, n *yaml.Node, what string, known *lint.Candidates, advice string, rel relatedSource) {
	ref, _ := lint.Str(n)
	g := known.Guess(ref)
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

// listNames joins names for a message, at most maxListed of them, each cut
// to lint.MaxQuoted characters: "a, b and 12 more". (Ten names of 20,000
// characters in every unresolved reference's message made 279 KB of input
// print 523 MB.)
func listNames(names []string) string {
	shown := names[:min(len(names), maxListed)]
	cut := make([]string, len(shown))
	for i, n := range shown {
		cut[i] = lint.Cut(n, lint.MaxQuoted)
	}
	if len(names) <= maxListed {
		return strings.Join(cut, ", ")
	}
	return strings.Join(cut, ", ") + fmt.Sprintf(" and %d more", len(names)-maxListed)
}

// otherKind reports a reference to a name that exists, but as something
// else (image_from_build naming a service, a rule's service naming a
// build): one finding that says so, with the definition as the related
// location, instead of a list of every name of the expected kind. It
// reports whether it did.
func otherKind(p *lint.Pass, m *model.Model, n *yaml.Node, field string, want model.Kind, advice string) bool {
	ref, _ := lint.Str(n)
	others := m.DefinedAs(ref, want)
	if len(others) == 0 {
		return false
	}
	s := others[0]
	p.Report(lint.Diagnostic{
		Range:   p.Doc.Range(n),
		Message: fmt.Sprintf("%s names %q, which is a %s here, not a %s; %s", field, ref, s.Kind, want, advice),
		Related: []lint.Related{{Range: p.Doc.Range(s.Def), Message: fmt.Sprintf("%s %q defined here", s.Kind, ref)}},
	})
	return true
}
