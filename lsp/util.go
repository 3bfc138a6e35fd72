package lsp

import (
	"sort"

	"go.lsp.dev/uri"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

func sortStrings(s []string) { sort.Strings(s) }

func mapGet(n *yaml.Node, key string) *yaml.Node {
	_, v := lint.MapGet(lint.Resolve(n), key)
	return v
}

// mappingsOf returns the mapping entries of the list under key.
func mappingsOf(n *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	for _, it := range lint.Items(mapGet(n, key)) {
		if it = lint.Resolve(it); it.Kind == yaml.MappingNode {
			out = append(out, it)
		}
	}
	return out
}

// protocolURI is the key type of WorkspaceEdit.Changes.
type protocolURI = uri.URI
