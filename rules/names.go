package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// A definition is a named entry of a top-level list (a build, a service...).
type definition struct {
	Name     string
	NameNode *yaml.Node // the scalar after "name:"
	Item     *yaml.Node // the list entry
}

// entries returns every entry of a top-level list section, named or not.
func entries(doc *lint.Document, section string) []*yaml.Node {
	_, list := lint.MapGet(doc.Root, section)
	return lint.Items(list)
}

// definitions returns the named entries of the top-level list section, in
// file order. Entries without a string name are skipped.
func definitions(doc *lint.Document, section string) []definition {
	var out []definition
	for _, item := range entries(doc, section) {
		_, n := lint.MapGet(lint.Resolve(item), "name")
		if name, ok := lint.Str(n); ok {
			out = append(out, definition{Name: name, NameNode: n, Item: item})
		}
	}
	return out
}

func names(defs []definition) []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.Name
	}
	return out
}
