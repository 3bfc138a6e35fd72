package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
)

var DuplicateImport = &lint.Rule{
	ID:       "duplicate-import",
	Summary:  "an environment imports an application twice, or an alias collides (catalogue GH107)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindApplications},
	Doc: `Within one environment every import is known by its alias, or by its name
when it has none; two imports known by the same name collide in the
shared namespace. Give the second import a distinct alias.`,
	Run: runDuplicateImport,
}

func runDuplicateImport(p *lint.Pass) {
	for _, env := range environments(p.Doc) {
		seen := map[string]appImport{}
		for _, im := range env.Imports {
			id, node := im.Name, im.NameNode
			if im.Alias != "" {
				id, node = im.Alias, im.AliasNode
			}
			if id == "" {
				continue
			}
			first, dup := seen[id]
			if !dup {
				seen[id] = im
				continue
			}
			firstNode := first.NameNode
			if first.Alias != "" {
				firstNode = first.AliasNode
			}
			msg := fmt.Sprintf("%s already imports an application known as %q; give this import a distinct alias", env, id)
			if im.Alias == "" && first.Alias == "" {
				msg = fmt.Sprintf("%s imports application %q twice; remove one, or give the second a distinct alias", env, id)
			}
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(node),
				Message: msg,
				Related: []lint.Related{{Range: p.Doc.Range(firstNode), Message: fmt.Sprintf("%q first imported here", id)}},
			})
		}
	}
}
