package lint

import (
	"encoding/json"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxValueNodes bounds alias expansion while building the value tree, so a
// "billion laughs" file cannot exhaust memory.
const maxValueNodes = 1_000_000

// Value converts the document to the JSON-like value a JSON Schema
// validates: map[string]any, []any, string, json.Number, bool and nil.
// Aliases and merge keys are expanded. It is built from the yaml.Node tree
// (never by unmarshalling into any), so it keeps YAML's own typing: an
// unquoted true is a bool, a quoted 'true' a string.
func (d *Document) Value() any {
	if d.Root == nil {
		return nil
	}
	budget := maxValueNodes
	return toValue(d.Root, &budget)
}

func toValue(n *yaml.Node, budget *int) any {
	*budget--
	if *budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return toValue(n.Alias, budget)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, toValue(c, budget))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.ShortTag() == "!!merge" {
				mergeInto(out, v, budget)
				continue
			}
			out[k.Value] = toValue(v, budget)
		}
		return out
	case yaml.ScalarNode:
		return scalarValue(n)
	}
	return nil
}

// mergeInto applies a merge key: keys already present win.
func mergeInto(out map[string]any, v *yaml.Node, budget *int) {
	if v.Kind == yaml.SequenceNode {
		for _, c := range v.Content {
			mergeInto(out, c, budget)
		}
		return
	}
	m, ok := toValue(v, budget).(map[string]any)
	if !ok {
		return
	}
	for k, x := range m {
		if _, exists := out[k]; !exists {
			out[k] = x
		}
	}
}

func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		var u uint64
		if n.Decode(&u) == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return n.Value
}

// Lookup follows a JSON instance path (mapping keys and sequence indices)
// from the root. It returns the key node of the last segment when that
// segment is a mapping key, and the value node. When the path leads through
// an alias or a merge key, it stops there and returns that node: a finding
// inside shared content is reported where it is used.
func (d *Document) Lookup(path []string) (key, value *yaml.Node) {
	n := d.Root
	for _, seg := range path {
		if n == nil {
			return key, nil
		}
		switch n.Kind {
		case yaml.AliasNode:
			return key, n
		case yaml.MappingNode:
			k, v := MapGet(n, seg)
			if v == nil {
				if m := mergeNode(n); m != nil {
					return key, m
				}
				return key, nil
			}
			key, n = k, v
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) {
				return key, nil
			}
			key, n = nil, n.Content[i]
		default:
			return key, nil
		}
	}
	return key, n
}

func mergeNode(m *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].ShortTag() == "!!merge" {
			return m.Content[i+1]
		}
	}
	return nil
}

// MapGet returns the key and value nodes of key in mapping m (the last one
// when the key is duplicated, as the loader would keep it), or nils.
func MapGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == key && m.Content[i].ShortTag() != "!!merge" {
			k, v = m.Content[i], m.Content[i+1]
		}
	}
	return k, v
}

// Get follows a chain of mapping keys from n, through aliases, and returns
// the last value node as written (an alias stays an alias), or nil.
func Get(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		_, n = MapGet(Resolve(n), k)
		if n == nil {
			return nil
		}
	}
	return n
}

// Mappings returns the entries of the list under key of mapping n that are
// mappings themselves (aliases resolved).
func Mappings(n *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	for _, it := range Items(Get(n, key)) {
		if it = Resolve(it); it.Kind == yaml.MappingNode {
			out = append(out, it)
		}
	}
	return out
}

// Resolve follows an alias to its anchored node.
func Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// Items returns the entries of a sequence node (through an alias), or nil.
func Items(n *yaml.Node) []*yaml.Node {
	n = Resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// Str returns the value of a scalar node that is a string (not a number,
// bool or null), and whether it is one.
func Str(n *yaml.Node) (string, bool) {
	n = Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		return "", false
	}
	return n.Value, true
}
