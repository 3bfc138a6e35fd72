package lsp

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

// InlayHint shows, at the end of an entry's first line, the documented
// defaults of the fields it leaves out ("replicas: 1", "auto_deploy:
// true"), when the settings turn inlay hints on ("inlayHints": true). Off
// by default: nearly every entry would carry one.
func (s *Server) InlayHint(ctx context.Context, params *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	out := []protocol.InlayHint{}
	s.mu.Lock()
	on := s.settings.InlayHints
	s.mu.Unlock()
	if !on {
		return out, nil
	}
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil || sn.doc.Root == nil || isConfigFile(sn.path) {
		return out, nil
	}
	sch := schema.Get(sn.kind.String())
	if sch == nil {
		return out, nil
	}
	padding := true
	doc := sn.doc
	from, to := sn.offset(params.Range.Start), sn.offset(params.Range.End)
	root := doc.Root
	for i := 0; i+1 < len(root.Content); i += 2 {
		section := root.Content[i].Value
		var defaults []schema.Field
		for _, f := range sch.Fields([]string{section, "[]"}) {
			if f.Default != nil && !f.Forbidden {
				defaults = append(defaults, f)
			}
		}
		if len(defaults) == 0 {
			continue
		}
		sort.Slice(defaults, func(a, b int) bool { return defaults[a].Name < defaults[b].Name })
		for _, item := range lint.Items(root.Content[i+1]) {
			m := lint.Resolve(item)
			if m == nil || m.Kind != yaml.MappingNode {
				continue
			}
			start := doc.Range(item).Start
			if start < from || start > to {
				continue
			}
			var parts []string
			for _, f := range defaults {
				if _, v := lint.MergedGet(m, f.Name); v == nil {
					parts = append(parts, fmt.Sprintf("%s: %v", f.Name, f.Default))
				}
			}
			if len(parts) == 0 {
				continue
			}
			_, lineEnd := doc.Lines.Bounds(doc.Lines.Line(start))
			pos := sn.s.position(doc.Lines, lineEnd)
			out = append(out, protocol.InlayHint{
				Position:    pos,
				Label:       protocol.String("default " + strings.Join(parts, ", ")),
				PaddingLeft: &padding,
				Tooltip:     markdown("Fields left out take these documented defaults."),
			})
		}
	}
	return out, nil
}
