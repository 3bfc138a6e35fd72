package rules

import (
	"go.yaml.in/yaml/v3"

	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var DuplicateImport = &lint.Rule{
	ID:       "duplicate-import",
	Summary:  "an environment imports an application twice, or an alias collides",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindApplications},
	Run:      runDuplicateImport,
}

func runDuplicateImport(p *lint.Pass) {
	// id is what an import is known as in the environment: its alias, or
	// its name; node is where that is written.
	id := func(im *model.Import) (string, *yaml.Node) {
		if a := im.Alias.String(); a != "" {
			return a, im.Alias.Value
		}
		return im.Name.String(), im.Name.Value
	}
	for _, env := range model.Of(p).Environments {
		seen := map[string]*model.Import{}
		for _, im := range env.Imports {
			name, node := id(im)
			if name == "" {
				continue
			}
			first, dup := seen[name]
			if !dup {
				seen[name] = im
				continue
			}
			_, firstNode := id(first)
			msg := fmt.Sprintf("%s already imports an application known as %q; give this import a distinct alias", env, name)
			if im.Alias.String() == "" && first.Alias.String() == "" {
				msg = fmt.Sprintf("%s imports application %q twice; remove one, or give the second a distinct alias", env, name)
			}
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(node),
				Message: msg,
				Related: []lint.Related{{Range: p.Doc.Range(firstNode), Message: fmt.Sprintf("%q first imported here", name)}},
			})
		}
	}
}
