package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
)

// CodeAction offers every fix of the diagnostics computed for the current
// text that touch the requested range, as quick fixes; safe fixes are
// preferred.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return []protocol.CommandOrCodeAction{}, nil
	}
	if only := params.Context.Only; len(only) > 0 && !wantsQuickFix(only) {
		// Source actions only (fix-on-save): source.fixAll.greylint.
		out := []protocol.CommandOrCodeAction{}
		if wantsFixAll(only) {
			if a := sn.fixAll(ctx); a != nil {
				out = append(out, a)
			}
		}
		return out, nil
	}
	want := lint.Range{Start: sn.offset(params.Range.Start), End: sn.offset(params.Range.End)}
	kind := protocol.CodeActionKindQuickFix
	out := []protocol.CommandOrCodeAction{}
	var ignores []protocol.CommandOrCodeAction
	diags := sn.diagnostics(ctx)
	if ctx.Err() != nil {
		// The lint was cut short: its findings are partial, and the
		// client no longer waits for an answer.
		return nil, protocol.ErrRequestCancelled
	}
	for _, d := range diags {
		if d.Range.End < want.Start || d.Range.Start > want.End {
			continue
		}
		diag := s.toLSPDiagnostic(sn.uri, sn.doc.Lines, d)
		if ignore := sn.ignoreAction(d, diag); ignore != nil {
			ignores = append(ignores, ignore) // offered after the fixes
		}
		for _, f := range d.Fixes {
			preferred := f.Safety == lint.Safe
			out = append(out, &protocol.CodeAction{
				Title:       lint.Message(f.Title),
				Kind:        &kind,
				Diagnostics: []protocol.Diagnostic{diag},
				IsPreferred: &preferred,
				Edit:        &protocol.WorkspaceEdit{Changes: map[protocolURI][]protocol.TextEdit{sn.uri: s.textEdits(sn.doc.Lines, f.Edits)}},
			})
		}
	}
	return append(out, ignores...), nil
}

// ignoreAction inserts "# greylint-ignore[rule]: TODO: why" on a line of
// its own above the line where the finding's entry starts (never inside a
// value: lint.IgnoreEdit), for the user to replace the reason; the comment
// is valid as it is, so no invalid-ignore appears meanwhile.
func (sn *snapshot) ignoreAction(d lint.Diagnostic, diag protocol.Diagnostic) *protocol.CodeAction {
	switch d.Rule {
	case lint.Syntax.ID, lint.Internal.ID, lint.InvalidIgnore.ID, lint.UnusedIgnore.ID:
		return nil
	}
	kind := protocol.CodeActionKindQuickFix
	return &protocol.CodeAction{
		Title:       "ignore this " + d.Rule + " finding (then write why)",
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{diag},
		Edit: &protocol.WorkspaceEdit{Changes: map[protocolURI][]protocol.TextEdit{
			sn.uri: sn.s.textEdits(sn.doc.Lines, []lint.Edit{lint.IgnoreEdit(sn.doc, d, lint.IgnoreReason)}),
		}},
	}
}
