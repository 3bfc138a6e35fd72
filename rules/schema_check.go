package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

// The schema rules (unknown-field, invalid-type, invalid-value,
// missing-field, forbidden-field, conflicting-fields,
// interpolated-non-string) share one validation per file; each reports the
// violations that carry its ID.

func violations(p *lint.Pass) []schema.Violation {
	return p.Shared("schema", func() any {
		s := schema.Get(p.File.Kind.String())
		if s == nil {
			return []schema.Violation(nil)
		}
		// Each node costs about 2 (itself, and its place in its parent's
		// length) and may be read by a few subschemas.
		budget := 8 * p.Doc.ValueBudget()
		valid, sure := s.ValidTree(p.Context(), yamlTree{}, lint.Resolve(p.Doc.Root), budget)
		if (sure && valid) || p.Context().Err() != nil {
			return []schema.Violation(nil) // valid (the common case: no value tree built), or superseded
		}
		// Invalid: the full validation finds the mistakes, on a value tree
		// without the items of top-level lists that are valid in place
		// (one mistake in 5,000 lines: 24 -> 15-18 ms, and the one step that
		// does not look at the context is that much shorter).
		checks := map[string]schema.ItemCheck{}
		leave := func(key string, _ int, item *yaml.Node) bool {
			check, known := checks[key]
			if !known {
				check, _ = s.TopListItems(key)
				checks[key] = check
			}
			if p.Context().Err() != nil {
				return true // superseded: build nothing more (each item's walk looks at the context only past 1,024 nodes)
			}
			if check == nil || budget <= 0 {
				return false
			}
			valid, sure, left := check(p.Context(), yamlTree{}, lint.Resolve(item), budget)
			budget = left
			return sure && valid
		}
		v, kept, ok := p.Doc.PartialValue(leave)
		switch {
		case p.Context().Err() != nil:
			return []schema.Violation(nil) // superseded: discarded anyway
		case ok:
			return dedupShared(p.Doc, s.ValidatePartial(v, kept))
		}
		v = p.Doc.Value()
		if p.Doc.ValueTooLarge() {
			return []schema.Violation(nil) // lint.Analyze says why; no check of a cut tree
		}
		return dedupShared(p.Doc, s.Validate(v))
	}).([]schema.Violation)
}

// dedupShared drops a violation found in a merged or aliased copy of
// content whose source has the same violation: an anchored service merged
// into another one is wrong once, where it is written. A copy whose source
// is not checked itself (an anchor under a key greyhound does not know)
// stays, reported where it is used.
func dedupShared(doc *lint.Document, vs []schema.Violation) []schema.Violation {
	type at struct {
		rule, key string
		node      *yaml.Node
	}
	direct := map[at]bool{}
	source := make([]*yaml.Node, len(vs)) // for a shared violation, where it is written
	for i, v := range vs {
		n, viaShared := doc.LookupSource(v.Path)
		switch {
		case viaShared:
			source[i] = n
		case n != nil:
			direct[at{v.Rule, v.Key, n}] = true
		}
	}
	out := vs[:0:0]
	for i, v := range vs {
		if n := source[i]; n != nil && direct[at{v.Rule, v.Key, n}] {
			continue
		}
		out = append(out, v)
	}
	return out
}

// schemaRun returns the Run function of the schema rule id; fix, when not
// nil, completes the diagnostic (did-you-mean, fixes).
func schemaRun(id string, fix func(*lint.Pass, schema.Violation, *lint.Diagnostic)) func(*lint.Pass) {
	return func(p *lint.Pass) {
		for _, v := range violations(p) {
			if v.Rule != id {
				continue
			}
			d := lint.Diagnostic{Range: violationRange(p.Doc, v), Message: v.Message}
			if s, ok := lint.ParseSeverity(v.Severity); ok {
				d.Severity = s
			}
			if fix != nil {
				fix(p, v, &d)
				if d.Message == "" { // the completion decided it is not a finding
					continue
				}
			}
			p.Report(d)
		}
	}
}

// violationRange locates a violation: the key for a finding about a key,
// the first key of the object for a missing field, the value otherwise.
func violationRange(doc *lint.Document, v schema.Violation) lint.Range {
	if v.Key != "" {
		if k, val := doc.Lookup(v.KeyPath()); k != nil {
			return doc.Range(k)
		} else if val != nil {
			return doc.Range(val)
		}
	}
	_, n := doc.Lookup(v.Path)
	if n == nil {
		n = doc.Root
	}
	if v.Rule == schema.MissingField && n.Kind == yaml.MappingNode && len(n.Content) > 0 {
		return doc.Range(n.Content[0])
	}
	return doc.Range(n)
}

// replaceScalar returns an edit that makes the scalar node's value s,
// in the node's style when it can carry s exactly, else double-quoted
// (lint.Document.ReplaceValue). When no text can, the edit is
// lint.NoEdit, and Report drops the fix.
func replaceScalar(doc *lint.Document, n *yaml.Node, s string) lint.Edit {
	if e, ok := doc.ReplaceValue(n, s); ok {
		return e
	}
	return lint.NoEdit
}

// removeEntry returns an edit that deletes a key and its value when the key
// starts its line, whole lines included; ok is false otherwise (the key is
// the first of a "- key:" list item, or shares a flow mapping).
func removeEntry(doc *lint.Document, key, value *yaml.Node) (lint.Edit, bool) {
	kr, vr := doc.Range(key), doc.Range(value)
	line := doc.Lines.Line(kr.Start)
	ls, _ := doc.Lines.Bounds(line)
	if strings.TrimSpace(string(doc.Source[ls:kr.Start])) != "" {
		return lint.Edit{}, false
	}
	// To the start of the next line (the end of the text past the last:
	// lint.Lines.Bounds).
	end, _ := doc.Lines.Bounds(doc.Lines.Line(max(vr.End, kr.End)) + 1)
	return lint.Edit{Range: lint.Range{Start: ls, End: end}}, true
}

// yamlTree reads a YAML document for schema.ValidTree the way
// lint.Document.Value builds its value tree: aliases followed, scalars
// typed by lint.ScalarValue. What the value tree resolves and a walk in
// place cannot (a merge key, a key written twice: the last one wins) makes
// the check unsure, and the value tree decides.
type yamlTree struct{}

func (yamlTree) Node(x any) (kind schema.NodeKind, length int, scalar any, ok bool) {
	n := x.(*yaml.Node)
	if n == nil {
		return schema.ScalarNode, 0, nil, true
	}
	switch n.Kind {
	case yaml.MappingNode:
		return schema.ObjectNode, len(n.Content) / 2, nil, lint.PlainKeys(n)
	case yaml.SequenceNode:
		return schema.ArrayNode, len(n.Content), nil, true
	case yaml.ScalarNode:
		return schema.ScalarNode, 0, lint.ScalarValue(n), true
	}
	return schema.ScalarNode, 0, nil, true // an alias is never passed: Pair and Item follow them
}

func (yamlTree) Pair(x any, i int) (string, any) {
	n := x.(*yaml.Node)
	return n.Content[2*i].Value, lint.Resolve(n.Content[2*i+1])
}

func (yamlTree) Item(x any, i int) any { return lint.Resolve(x.(*yaml.Node).Content[i]) }
