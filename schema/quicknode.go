package schema

import (
	"context"
	"slices"
)

// A Tree is a document the quick check reads in place, without building
// its value tree: package rules reads a YAML document through one. Its
// nodes are opaque to the schema (a *yaml.Node there).
type Tree interface {
	// Node says what n is: an object or an array with its length (pairs
	// or items), or a scalar with its JSON value (nil, bool, json.Number
	// or string), exactly as in the value tree. ok is false when n cannot
	// be read in place (in YAML: a merge key or a key written twice,
	// which the value tree resolves); the check is then not sure.
	Node(n any) (kind NodeKind, length int, scalar any, ok bool)
	// Pair is the i-th key and value of an object.
	Pair(n any, i int) (key string, value any)
	// Item is the i-th item of an array.
	Item(n any, i int) any
}

// NodeKind is what a Tree node is.
type NodeKind uint8

// The kinds of Tree nodes.
const (
	ScalarNode NodeKind = iota
	ObjectNode
	ArrayNode
)

// ValidTree is quickValid over a Tree: a valid file (the common case)
// never builds its value tree (a map per mapping: on a 350-line config a
// third of the time after the parse, and for a large file a second copy
// of it in memory). Each node visited costs 1 plus its length (aliases
// make a tree out of a graph; a node may be visited by several
// subschemas) out of budget. sure is false when the check cannot decide
// in place (a node the tree cannot read, the budget spent, or ctx done):
// the caller then builds the value and calls Validate.
func (s *Schema) ValidTree(ctx context.Context, t Tree, root any, budget int) (valid, sure bool) {
	if s.quick == nil {
		return false, false
	}
	w := &treeWalk{ctx: ctx, t: t, budget: budget}
	valid = s.quick.validNode(root, w, 0)
	return valid, !w.unsure
}

type treeWalk struct {
	ctx    context.Context
	t      Tree
	budget int
	visits int
	unsure bool
}

func (n *qnode) validNode(x any, w *treeWalk, depth int) bool {
	if w.unsure {
		return false
	}
	kind, length, scalar, ok := w.t.Node(x)
	w.budget -= 1 + length
	w.visits++
	if !ok || w.budget < 0 || (w.visits&1023 == 0 && w.ctx.Err() != nil) {
		w.unsure = true
		return false
	}
	if kind == ScalarNode {
		return n.valid(scalar, depth)
	}
	if n.never || depth > maxQuickDepth {
		return false
	}
	if n.ref != nil && !n.ref.validNode(x, w, depth+1) {
		return false
	}
	want := "array"
	if kind == ObjectNode {
		want = "object"
	}
	if len(n.types) > 0 && !slices.Contains(n.types, want) {
		return false
	}
	if n.hasEnum {
		return false // enums hold scalars only (equal)
	}
	if kind == ObjectNode {
		if !n.validObject(x, length, w, depth) {
			return false
		}
	} else {
		if length < n.minItems {
			return false
		}
		if n.items != nil {
			for i := range length {
				if !n.items.validNode(w.t.Item(x, i), w, depth+1) {
					return false
				}
			}
		}
	}
	return n.combinators(func(s *qnode) bool { return s.validNode(x, w, depth+1) })
}

func (n *qnode) validObject(x any, pairs int, w *treeWalk, depth int) bool {
	if pairs < n.minProps {
		return false
	}
	for _, r := range n.required {
		present := false
		for i := 0; i < pairs && !present; i++ {
			k, _ := w.t.Pair(x, i)
			present = k == r
		}
		if !present {
			return false
		}
	}
	for i := range pairs {
		key, val := w.t.Pair(x, i)
		if n.names != nil && !n.names.valid(key, depth+1) {
			return false
		}
		if sub, declared := n.props[key]; declared {
			if !sub.validNode(val, w, depth+1) {
				return false
			}
			continue
		}
		if n.noExtra {
			return false
		}
		if n.additional != nil && !n.additional.validNode(val, w, depth+1) {
			return false
		}
	}
	return true
}

// ItemCheck checks one item of a top-level list in place (ValidTree's
// check, against the list's item schema), out of budget; left is what it
// did not spend.
type ItemCheck func(ctx context.Context, t Tree, item any, budget int) (valid, sure bool, left int)

// TopListItems returns the check of the items of the top-level list key
// when the schema constrains that list only item by item: the root and
// the list have no combinator, the list no item count and no enum. An
// item found valid then cannot change what the full validation says of
// the others, and may be left out of it (a file with one mistake among
// 5,000 lines was validated whole: 24 ms instead of 15-18). ok is false
// otherwise.
func (s *Schema) TopListItems(key string) (check ItemCheck, ok bool) {
	root := s.quick
	if root == nil || root.ref != nil || root.hasCombinators() {
		return nil, false
	}
	list := root.props[key]
	for list != nil && list.ref != nil && list.onlyRef() {
		list = list.ref
	}
	if list == nil || list.ref != nil || list.items == nil || list.hasCombinators() || list.hasEnum || list.never ||
		list.minItems > 0 || !slices.Equal(list.types, []string{"array"}) {
		return nil, false
	}
	items := list.items
	return func(ctx context.Context, t Tree, item any, budget int) (bool, bool, int) {
		w := &treeWalk{ctx: ctx, t: t, budget: budget}
		valid := items.validNode(item, w, 1)
		return valid, !w.unsure, w.budget
	}, true
}

func (n *qnode) hasCombinators() bool {
	return n.not != nil || len(n.allOf) > 0 || len(n.anyOf) > 0 || n.ifNode != nil
}

// onlyRef reports whether n is a $ref and nothing else.
func (n *qnode) onlyRef() bool {
	return len(n.types) == 0 && !n.hasProps && n.additional == nil && !n.noExtra && n.names == nil && n.items == nil &&
		len(n.required) == 0 && !n.hasEnum && n.min == nil && n.max == nil && n.minLen == 0 && n.maxLen == noMaxLen &&
		n.minItems == 0 && n.minProps == 0 && n.pattern == nil && !n.hasCombinators() && !n.never
}
