package schema

// Exclusive returns, for the object at path, the groups of fields of which
// at most one may be set (an allOf entry "not": {"required": [a, b]}):
// completion offers no field whose alternative is already there.
func (s *Schema) Exclusive(path []string) [][]string {
	n := s.node(path)
	if n == nil {
		return nil
	}
	var out [][]string
	all, _ := n["allOf"].([]any)
	for _, a := range all {
		am, _ := a.(map[string]any)
		not, _ := am["not"].(map[string]any)
		req, _ := not["required"].([]any)
		if len(req) < 2 {
			continue
		}
		var group []string
		for _, r := range req {
			if name, ok := r.(string); ok {
				group = append(group, name)
			}
		}
		out = append(out, group)
	}
	return out
}
