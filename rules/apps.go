package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// appImport is one from_applications entry of an environment.
type appImport struct {
	Name, Alias         string
	NameNode, AliasNode *yaml.Node
}

// environment is an entry of environments with its imports.
type environment struct {
	Node    *yaml.Node
	Name    string
	Imports []appImport
	// Partial is set when an import is malformed (not a mapping with a
	// name): checks that need the full list of imports skip the environment.
	Partial bool
}

func environments(doc *lint.Document) []environment {
	var out []environment
	for _, e := range lint.Mappings(doc.Root, "environments") {
		env := environment{Node: e}
		env.Name, _ = lint.Str(lint.Get(e, "name"))
		_, list := lint.MapGet(e, "from_applications")
		for _, f := range lint.Items(list) {
			if f = lint.Resolve(f); f.Kind != yaml.MappingNode {
				env.Partial = true
				continue
			}
			var im appImport
			im.NameNode, im.AliasNode = lint.Get(f, "name"), lint.Get(f, "alias")
			im.Name, _ = lint.Str(im.NameNode)
			im.Alias, _ = lint.Str(im.AliasNode)
			if im.Name == "" {
				env.Partial = true
			}
			env.Imports = append(env.Imports, im)
		}
		out = append(out, env)
	}
	return out
}

func (e environment) String() string {
	if e.Name == "" {
		return "environment"
	}
	return "environment " + quote(e.Name)
}
