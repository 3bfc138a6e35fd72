package schema

import (
	"sort"
	"strconv"
	"strings"
)

// rawAt returns the raw schema object at an absolute schema URL (the
// fragment is a JSON pointer into this schema), or an empty map.
func (s *Schema) rawAt(url string) map[string]any {
	_, frag, _ := strings.Cut(url, "#")
	var cur any = s.raw
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := cur.(type) {
		case map[string]any:
			cur = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return map[string]any{}
			}
			cur = x[i]
		default:
			return map[string]any{}
		}
	}
	m, _ := cur.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

// objectNode returns the object schema that owns a constraint found at url:
// the node itself when it has a title, else the nearest ancestor with one
// (an allOf branch belongs to the definition that holds the allOf), or
// fallback.
func (s *Schema) objectNode(url string, fallback map[string]any) map[string]any {
	base, frag, _ := strings.Cut(url, "#")
	toks := strings.Split(frag, "/")
	for i := len(toks); i > 1; i-- { // toks[:1] is the root: never an object's noun
		n := s.rawAt(base + "#" + strings.Join(toks[:i], "/"))
		if title(n) != "" {
			return n
		}
	}
	if fallback != nil {
		return fallback
	}
	return map[string]any{}
}

// resolve follows a local $ref.
func (s *Schema) resolve(n map[string]any) map[string]any {
	for range 10 { // a chain of $refs is short; a cycle is cut
		ref, ok := n["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#") {
			return n
		}
		target := s.rawAt(ref)
		merged := map[string]any{}
		for k, v := range target {
			merged[k] = v
		}
		for k, v := range n {
			if k != "$ref" {
				merged[k] = v
			}
		}
		if _, ok := target["properties"]; ok {
			if own, ok := n["properties"].(map[string]any); ok {
				merged["properties"] = mergeProps(s, target["properties"].(map[string]any), own)
			}
		}
		n = merged
	}
	return n
}

func mergeProps(s *Schema, base, own map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range own {
		b, _ := base[k].(map[string]any)
		o, _ := v.(map[string]any)
		if b == nil || o == nil {
			out[k] = v
			continue
		}
		m := map[string]any{}
		for kk, vv := range b {
			m[kk] = vv
		}
		for kk, vv := range o {
			m[kk] = vv
		}
		out[k] = m
	}
	return out
}

// fields lists the fields an object schema accepts (not the forbidden ones),
// sorted.
func (s *Schema) fields(node map[string]any) []string {
	node = s.resolve(node)
	props, _ := node["properties"].(map[string]any)
	var out []string
	for k, v := range props {
		if p, ok := v.(map[string]any); ok {
			if p["x-rule"] == ForbiddenField {
				continue
			}
			if ref, ok := p["$ref"].(string); ok && s.rawAt(ref)["x-rule"] == ForbiddenField {
				continue
			}
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
