package schema

import (
	"slices"
	"strconv"
	"strings"
)

// Field describes a property of an object for completion and hover.
type Field struct {
	Name        string
	Types       []string // JSON Schema types: string, integer, number, boolean, array, object
	Description string
	Enum        []string
	EnumDocs    map[string]string // x-values: what each enum value means
	Default     any
	Examples    []any
	Status      string // stated, example, inferred (x-status)
	// Forbidden fields are known to be invalid where they are (jobs have no
	// ports); Message says why.
	Forbidden bool
	Message   string
	// Items describes the entries of an array: "object" for lists of
	// mappings, "string" for lists of strings.
	Items string
}

// node returns the resolved schema of the value at an instance path. A
// segment that is a number or "[]" descends into array items; others into
// properties, then additionalProperties.
func (s *Schema) node(path []string) map[string]any {
	n := s.resolve(s.raw)
	for _, seg := range path {
		if _, err := strconv.Atoi(seg); err == nil || seg == "[]" {
			items, ok := n["items"].(map[string]any)
			if !ok {
				return nil
			}
			n = s.resolve(items)
			continue
		}
		props, _ := n["properties"].(map[string]any)
		if p, ok := props[seg].(map[string]any); ok {
			n = s.resolve(p)
			continue
		}
		if ap, ok := n["additionalProperties"].(map[string]any); ok {
			n = s.resolve(ap)
			continue
		}
		return nil
	}
	return n
}

// Fields returns the fields the object at path accepts, sorted by name
// (forbidden ones included, marked).
func (s *Schema) Fields(path []string) []Field {
	n := s.node(path)
	if n == nil {
		return nil
	}
	props, _ := n["properties"].(map[string]any)
	out := make([]Field, 0, len(props))
	for name, p := range props {
		if pm, ok := p.(map[string]any); ok {
			out = append(out, s.field(name, s.resolve(pm)))
		}
	}
	slices.SortFunc(out, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Field describes the value at path (its last segment is the field name).
func (s *Schema) Field(path []string) (Field, bool) {
	if len(path) == 0 {
		return Field{}, false
	}
	n := s.node(path)
	if n == nil {
		return Field{}, false
	}
	return s.field(path[len(path)-1], n), true
}

// IsMap reports whether the value at path is a mapping keyed by user names
// (configmap data, annotations, removed_services) rather than fixed fields.
func (s *Schema) IsMap(path []string) bool {
	n := s.node(path)
	_, ok := n["additionalProperties"].(map[string]any)
	return ok && n["properties"] == nil
}

func (s *Schema) field(name string, n map[string]any) Field {
	f := Field{Name: name, Default: n["default"], Status: str(n["x-status"])}
	f.Description = str(n["description"])
	switch t := n["type"].(type) {
	case string:
		f.Types = []string{t}
	case []any:
		for _, x := range t {
			f.Types = append(f.Types, str(x))
		}
	}
	if n["x-rule"] == ForbiddenField {
		f.Forbidden, f.Message = true, str(n["x-message"])
	}
	for _, e := range list(n["enum"]) {
		f.Enum = append(f.Enum, str(e))
	}
	if v, ok := n["x-values"].(map[string]any); ok {
		f.EnumDocs = map[string]string{}
		for k, d := range v {
			f.EnumDocs[k] = str(d)
		}
	}
	f.Examples = list(n["examples"])
	if items, ok := n["items"].(map[string]any); ok {
		items = s.resolve(items)
		if t, ok := items["type"].(string); ok {
			f.Items = t
		}
	}
	return f
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
