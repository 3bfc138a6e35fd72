package lint

import (
	"encoding/json"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// minValueBudget is the least ValueBudget: a small file may expand its
// aliases and merges to a million values. A variable only so that a
// test can see the budget grow with a small file (TestBudgetFormula).
var minValueBudget = 1_000_000

// ValueBudget bounds alias expansion, so that a "billion laughs" file
// cannot exhaust time or memory: the values the document may expand to,
// aliases and merges followed, four times the nodes written in it and at
// least minValueBudget. It grows with the file, so that a large file
// without aliases is never "too large" (a fixed million cut a 10 MB file
// short), and stays linear in it.
func (d *Document) ValueBudget() int {
	d.budgetOnce.Do(func() {
		d.budget = minValueBudget
		if d.Root != nil {
			d.budget = max(minValueBudget, 4*countNodes(d.Root))
		}
	})
	return d.budget
}

// Value converts the document to the JSON-like value a JSON Schema
// validates: map[string]any, []any, string, json.Number, bool and nil.
// Aliases and merge keys are expanded. It is built from the yaml.Node tree
// (never by unmarshalling into any), so it keeps YAML's own typing: an
// unquoted true is a bool, a quoted 'true' a string.
//
// It is built once per document. When the aliases and merges of a file
// expand to more than ValueBudget values, the value is incomplete:
// Value returns nil and ValueTooLarge says so, so that no check reads a
// tree cut short (a valid file got hundreds of false "wrong type" errors)
// and Analyze reports the limit as a finding.
func (d *Document) Value() any {
	d.valueOnce.Do(func() {
		if d.Root == nil {
			return
		}
		c := &converter{budget: d.ValueBudget(), memo: map[*yaml.Node]memoValue{}}
		v := c.value(d.Root)
		if c.budget < 0 {
			d.valueTooLarge = true
			return
		}
		d.value = v
	})
	return d.value
}

// PlainKeys reports whether a mapping's keys are scalars written once,
// with no merge key: then its value tree has exactly its pairs, and it can
// be read in place (the schema check) or built part by part
// (PartialValue).
func PlainKeys(n *yaml.Node) bool {
	pairs := len(n.Content) / 2
	var seen map[string]struct{} // a large mapping's keys; a small one is scanned
	if pairs > 8 {
		seen = make(map[string]struct{}, pairs)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			return false
		}
		if seen != nil {
			if _, twice := seen[k.Value]; twice {
				return false
			}
			seen[k.Value] = struct{}{}
			continue
		}
		for j := 0; j < i; j += 2 {
			if n.Content[j].Value == k.Value {
				return false
			}
		}
	}
	return true
}

// PartialValue builds the value tree as Value does, but without the items
// of top-level lists that leave says to leave out (items found valid
// already); kept maps each such list's key to the index of each item it
// kept. ok is false when the root is not a plain mapping (a merge key, a
// key written twice or not a scalar) or the aliases expand past the
// budget: then Value decides. It is not cached.
func (d *Document) PartialValue(leave func(key string, i int, item *yaml.Node) bool) (v any, kept map[string][]int, ok bool) {
	root := d.Root
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, nil, false
	}
	if !PlainKeys(root) {
		return nil, nil, false
	}
	c := &converter{budget: d.ValueBudget(), memo: map[*yaml.Node]memoValue{}}
	out := make(map[string]any, len(root.Content)/2)
	kept = map[string][]int{}
	c.budget--
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		list := Resolve(val)
		if list == nil || list.Kind != yaml.SequenceNode {
			out[key] = c.value(val)
			continue
		}
		c.budget--
		items := []any{}
		idx := []int{}
		for j, it := range list.Content {
			if leave(key, j, it) {
				continue
			}
			items = append(items, c.value(it))
			idx = append(idx, j)
		}
		out[key], kept[key] = items, idx
	}
	if c.budget < 0 {
		return nil, nil, false
	}
	return out, kept, true
}

// ValueTooLarge reports whether the document expands to more values than
// Value builds (after Value was called).
func (d *Document) ValueTooLarge() bool { return d.valueTooLarge }

// converter builds the value tree. The budget counts the values of the
// expanded tree, aliases and merges included; an anchored node is built
// once and its value reused (a reuse charges its size to the budget
// again, so a "billion laughs" still runs out), which keeps chains and
// diamonds of merges linear in the file instead of quadratic or
// exponential.
type converter struct {
	budget int
	memo   map[*yaml.Node]memoValue
}

type memoValue struct {
	v    any
	size int // values in v, expanded
}

func (c *converter) value(n *yaml.Node) any {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil
		}
		return c.value(n.Alias)
	}
	if n.Anchor != "" {
		if m, ok := c.memo[n]; ok {
			c.budget -= m.size
			if c.budget < 0 {
				return nil
			}
			return m.v
		}
	}
	before := c.budget
	v := c.build(n)
	if n.Anchor != "" && c.budget >= 0 {
		c.memo[n] = memoValue{v, before - c.budget}
	}
	return v
}

func (c *converter) build(n *yaml.Node) any {
	c.budget--
	if c.budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, x := range n.Content {
			out = append(out, c.value(x))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.ShortTag() == "!!merge" {
				c.merge(out, v)
				continue
			}
			out[k.Value] = c.value(v)
		}
		return out
	case yaml.ScalarNode:
		return ScalarValue(n)
	}
	return nil
}

// merge applies a merge key: keys already present win. Every key copied
// is charged to the budget.
func (c *converter) merge(out map[string]any, v *yaml.Node) {
	if r := Resolve(v); r != nil && r.Kind == yaml.SequenceNode {
		for _, x := range r.Content {
			c.merge(out, x)
		}
		return
	}
	m, ok := c.value(v).(map[string]any)
	if !ok {
		return
	}
	for k, x := range m {
		if c.budget--; c.budget < 0 {
			return
		}
		if _, exists := out[k]; !exists {
			out[k] = x
		}
	}
}

// ScalarValue is the JSON value of a scalar node in the value tree:
// nil, a bool, a json.Number for a finite number, else the text.
func ScalarValue(n *yaml.Node) any {
	if n.Tag == "!!str" {
		return n.Value // most scalars: no tag resolution
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		switch n.Value {
		case "true":
			return true
		case "false":
			return false
		}
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		if plainDecimal(n.Value) {
			return json.Number(n.Value) // what the decode and FormatInt would give
		}
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
			k, v := d.MapGet(n, seg)
			if v == nil {
				// A mapping merged in where it is written ("<<: {...}",
				// "<<: &a {...}") is this entry's own text: go on into it.
				if k, v = inlineMergedGet(n, seg, 0); v != nil {
					key, n = k, v
					continue
				}
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

// LookupSource follows a path as Lookup does, but on through aliases and
// merge keys to the node where the value is written; shared reports
// whether it went through one. A finding about shared content is then the
// same finding as the one about its source.
func (d *Document) LookupSource(path []string) (value *yaml.Node, shared bool) {
	n := d.Root
	for _, seg := range path {
		if r := Resolve(n); r != n {
			n, shared = r, true
		}
		if n == nil {
			return nil, shared
		}
		switch n.Kind {
		case yaml.MappingNode:
			_, v := d.MapGet(n, seg)
			if v == nil {
				if _, v = MergedGet(n, seg); v != nil {
					shared = true
				}
			}
			n = v
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, shared
			}
			n = n.Content[i]
		default:
			return nil, shared
		}
	}
	return n, shared
}

// inlineMergedGet finds key in the mappings m merges in that are written
// in place (not aliases), as MergedGet would find it there.
func inlineMergedGet(m *yaml.Node, key string, depth int) (k, v *yaml.Node) {
	if depth > maxMergeDepth {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].ShortTag() != "!!merge" {
			continue
		}
		src := m.Content[i+1]
		sources := []*yaml.Node{src}
		if src.Kind == yaml.SequenceNode {
			sources = src.Content
		}
		for _, s := range sources {
			if s.Kind != yaml.MappingNode {
				continue
			}
			if k, v := MapGet(s, key); v != nil {
				if _, w := MergedGet(m, key); w != v {
					return nil, nil // an earlier source wins: not this one
				}
				return k, v
			}
			if k, v := inlineMergedGet(s, key, depth+1); v != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

func mergeNode(m *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].ShortTag() == "!!merge" {
			return m.Content[i+1]
		}
	}
	return nil
}

// bigMapping is the size from which a mapping's keys are indexed: a
// linear scan per lookup made a finding per key of a 20,000-key mapping
// quadratic.
const bigMapping = 64

// keyIndex is a large mapping's keys: the position of the last pair of
// each key (as the loader keeps it), and whether it merges anything in.
type keyIndex struct {
	at       map[string]int
	hasMerge bool
}

func (d *Document) index(m *yaml.Node) *keyIndex {
	d.keysMu.Lock()
	defer d.keysMu.Unlock()
	if ix := d.keys[m]; ix != nil {
		return ix
	}
	ix := &keyIndex{at: make(map[string]int, len(m.Content)/2)}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		switch {
		case k.ShortTag() == "!!merge":
			ix.hasMerge = true
		case k.Kind == yaml.ScalarNode:
			ix.at[k.Value] = i
		}
	}
	if d.keys == nil {
		d.keys = map[*yaml.Node]*keyIndex{}
	}
	d.keys[m] = ix
	return ix
}

// MapGet is MapGet for a mapping of this document, with an index for a
// large one.
func (d *Document) MapGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode || len(m.Content) < 2*bigMapping {
		return MapGet(m, key)
	}
	if i, ok := d.index(m).at[key]; ok {
		return m.Content[i], m.Content[i+1]
	}
	return nil, nil
}

// MergedHas reports whether mapping m has key, directly or through what it
// merges in (as MergedGet finds it), with an index for a large mapping.
func (d *Document) MergedHas(m *yaml.Node, key string) bool {
	m = Resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	if len(m.Content) < 2*bigMapping {
		_, v := MergedGet(m, key)
		return v != nil
	}
	ix := d.index(m)
	if _, ok := ix.at[key]; ok {
		return true
	}
	if !ix.hasMerge {
		return false
	}
	_, v := MergedGet(m, key)
	return v != nil
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

// maxMergeDepth bounds how far merged views follow "<<" into mappings
// that merge others in turn.
const maxMergeDepth = 32

// MergedGet returns the key and value nodes of key in mapping m as a
// loader sees it: m's own key wins; otherwise the first "<<" source (an
// alias, a mapping, or a list of them, earlier ones first) that has it,
// followed to a bounded depth. The nodes are where the value is written,
// in the anchored mapping for a merged one.
func MergedGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = Resolve(m)
	if k, v := MapGet(m, key); v != nil || !hasMerge(m) {
		return k, v // the common case: no merge to follow
	}
	return mergedGet(m, key, 0, map[*yaml.Node]bool{})
}

func hasMerge(m *yaml.Node) bool {
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].ShortTag() == "!!merge" {
			return true
		}
	}
	return false
}

// mergedGet visits each merged mapping once (seen): a diamond of merges
// (each level merging the one below twice) would otherwise be visited an
// exponential number of times.
func mergedGet(m *yaml.Node, key string, depth int, seen map[*yaml.Node]bool) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth || seen[m] {
		return nil, nil
	}
	seen[m] = true
	if k, v := MapGet(m, key); v != nil {
		return k, v
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].ShortTag() != "!!merge" {
			continue
		}
		src := Resolve(m.Content[i+1])
		if src == nil {
			continue
		}
		sources := []*yaml.Node{src}
		if src.Kind == yaml.SequenceNode {
			sources = src.Content
		}
		for _, s := range sources {
			if k, v := mergedGet(Resolve(s), key, depth+1, seen); v != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

// MergedPairs returns the key and value nodes of mapping m as a loader
// sees them: its own pairs (the last of a duplicated key), then the pairs
// merged in with "<<" whose keys m does not set, earlier sources first.
func MergedPairs(m *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	index := map[string]int{}
	seen := map[*yaml.Node]bool{} // each merged mapping once (diamonds)
	var add func(m *yaml.Node, depth int, own bool)
	add = func(m *yaml.Node, depth int, own bool) {
		m = Resolve(m)
		if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth || seen[m] {
			return
		}
		seen[m] = true
		var merges []*yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if j, seen := index[k.Value]; seen {
				if own && depth == 0 {
					out[j] = [2]*yaml.Node{k, v} // a duplicate: the last one wins
				}
				continue
			}
			index[k.Value] = len(out)
			out = append(out, [2]*yaml.Node{k, v})
		}
		for _, src := range merges {
			if s := Resolve(src); s != nil && s.Kind == yaml.SequenceNode {
				for _, x := range s.Content {
					add(x, depth+1, false)
				}
			} else {
				add(src, depth+1, false)
			}
		}
	}
	add(m, 0, true)
	return out
}

// MergedMappings is Mappings through merges: the mapping entries of the
// list under key of mapping n, where key may arrive through "<<".
func MergedMappings(n *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	_, list := MergedGet(n, key)
	for _, it := range Items(list) {
		if it = Resolve(it); it.Kind == yaml.MappingNode {
			out = append(out, it)
		}
	}
	return out
}

// StringValues calls f for every string scalar that is a value (not a
// key) in the document, in order, with the key it belongs to ("" for a
// list entry). Aliases are not followed: their content is checked where it
// is defined. The values are listed once per document (five rules read
// them).
func (doc *Document) StringValues(f func(n *yaml.Node, key string)) {
	doc.stringsOnce.Do(func() {
		var walk func(n *yaml.Node, key string)
		walk = func(n *yaml.Node, key string) {
			switch n.Kind {
			case yaml.MappingNode:
				for i := 0; i+1 < len(n.Content); i += 2 {
					walk(n.Content[i+1], n.Content[i].Value)
				}
			case yaml.SequenceNode:
				for _, c := range n.Content {
					walk(c, "")
				}
			case yaml.ScalarNode:
				if n.ShortTag() == "!!str" {
					doc.strings = append(doc.strings, stringValue{n, key})
				}
			}
		}
		if doc.Root != nil {
			walk(doc.Root, "")
		}
	})
	for _, s := range doc.strings {
		f(s.node, s.key)
	}
}

type stringValue struct {
	node *yaml.Node
	key  string
}

// plainDecimal reports whether s is an integer written in decimal with no
// sign other than a leading minus, no leading zero and at most 18 digits:
// its value's decimal form is s itself.
func plainDecimal(s string) bool {
	d := s
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 18 || (d[0] == '0' && len(d) > 1) || d == "0" && len(s) > 1 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}
