package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
)

// CodeAction offers every fix of the diagnostics computed for the current
// text that touch the requested range, as quick fixes; certain fixes are
// preferred.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return []protocol.CommandOrCodeAction{}, nil
	}
	want := lint.Range{Start: sn.offset(params.Range.Start), End: sn.offset(params.Range.End)}
	kind := protocol.CodeActionKindQuickFix
	out := []protocol.CommandOrCodeAction{}
	for _, d := range sn.diagnostics(ctx) {
		if d.Range.End < want.Start || d.Range.Start > want.End {
			continue
		}
		diag := s.toLSPDiagnostic(sn.uri, sn.doc.Lines, d)
		for _, f := range d.Fixes {
			preferred := f.Certain
			out = append(out, &protocol.CodeAction{
				Title:       f.Title,
				Kind:        &kind,
				Diagnostics: []protocol.Diagnostic{diag},
				IsPreferred: &preferred,
				Edit:        &protocol.WorkspaceEdit{Changes: map[protocolURI][]protocol.TextEdit{sn.uri: s.textEdits(sn.doc.Lines, f.Edits)}},
			})
		}
	}
	return out, nil
}
