package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// Definition, references and rename work on the symbols of the current
// text: builds, services, jobs, configmaps, shared volumes, applications
// and application aliases.

func (sn *snapshot) symbolAt(pos protocol.Position) (*model.Symbol, *yaml.Node) {
	h := nodeAt(sn.doc, sn.offset(pos))
	if h == nil {
		return nil, nil
	}
	return symbolFor(sn.model(sn.doc).Symbols, h.node), h.node
}

func (sn *snapshot) location(n *yaml.Node) protocol.Location {
	return protocol.Location{URI: sn.uri, Range: sn.rng(nameRange(sn.doc, n))}
}

// nameRange is a scalar's range without its quotes.
func nameRange(doc *lint.Document, n *yaml.Node) lint.Range {
	r := doc.Range(n)
	if t := doc.Text(r); len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
		r.Start++
		r.End--
	}
	return r
}

func (s *Server) Definition(ctx context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return protocol.LocationSlice{}, nil
	}
	sym, _ := sn.symbolAt(params.Position)
	if sym == nil {
		// Across files: config_source to the config, a removed_services
		// entry to the service.
		if w := s.workspaceOf(sn.d); w != nil {
			off := sn.offset(params.Position)
			if p, ok := sn.configTarget(w, off); ok {
				return &protocol.Location{URI: uri.File(p)}, nil
			}
			if loc, ok := sn.removedTarget(w, off); ok {
				return loc, nil
			}
		}
		return protocol.LocationSlice{}, nil
	}
	loc := sn.location(sym.Def)
	return &loc, nil
}

// crossUses are the uses of a symbol in other files of the checkout: the
// removed_services entries that name a service or a job.
func (sn *snapshot) crossUses(sym *model.Symbol) []protocol.Location {
	if sym.Kind != model.ServiceKind && sym.Kind != model.JobKind {
		return nil
	}
	w := sn.s.workspaceOf(sn.d)
	if w == nil {
		return nil
	}
	return sn.s.removedUses(w, sn.path, sym.Name)
}

func (s *Server) References(ctx context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return []protocol.Location{}, nil
	}
	sym, _ := sn.symbolAt(params.Position)
	if sym == nil {
		return []protocol.Location{}, nil
	}
	var out []protocol.Location
	if params.Context.IncludeDeclaration {
		out = append(out, sn.location(sym.Def))
	}
	for _, r := range sym.Refs {
		out = append(out, sn.location(r))
	}
	return append(out, sn.crossUses(sym)...), nil
}

func (s *Server) PrepareRename(ctx context.Context, params *protocol.PrepareRenameParams) (protocol.PrepareRenameResult, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return nil, renameError("the document is not open")
	}
	sym, n := sn.symbolAt(params.Position)
	if sym == nil {
		return nil, renameError("only the names of builds, services, jobs, configmaps, shared volumes, applications and aliases can be renamed")
	}
	return &protocol.PrepareRenamePlaceholder{Range: sn.rng(nameRange(sn.doc, n)), Placeholder: sym.Name}, nil
}

func (s *Server) Rename(ctx context.Context, params *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return nil, renameError("the document is not open")
	}
	sym, _ := sn.symbolAt(params.Position)
	if sym == nil {
		return nil, renameError("nothing to rename here")
	}
	name := params.NewName
	if !model.ValidName(name) {
		return nil, renameError(fmt.Sprintf("%q is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit", name))
	}
	if name == sym.Name {
		return &protocol.WorkspaceEdit{Changes: map[protocolURI][]protocol.TextEdit{}}, nil
	}
	for _, other := range sn.model(sn.doc).Symbols {
		if other.Name != name {
			continue
		}
		if other.Kind == sym.Kind && (sym.Kind != model.AliasKind || other.Scope == sym.Scope) {
			line, _ := sn.doc.Lines.LineCol(sn.doc.Range(other.Def).Start)
			return nil, renameError(fmt.Sprintf("a %s named %q already exists (line %d)", other.Kind, name, line))
		}
	}
	var edits []protocol.TextEdit
	for _, n := range append([]*yaml.Node{sym.Def}, sym.Refs...) {
		edits = append(edits, protocol.TextEdit{Range: sn.rng(nameRange(sn.doc, n)), NewText: name})
	}
	changes := map[protocolURI][]protocol.TextEdit{sn.uri: edits}
	for _, loc := range sn.crossUses(sym) { // removed_services entries in other files
		changes[loc.URI] = append(changes[loc.URI], protocol.TextEdit{Range: loc.Range, NewText: name})
	}
	return &protocol.WorkspaceEdit{Changes: changes}, nil
}

// renameError is LSP's RequestFailed (-32803): the request was valid, the
// rename is refused; clients show the message.
func renameError(msg string) error {
	return jsonrpc2.NewError(-32803, msg)
}

// DocumentSymbol outlines the file: one group per section, one child per
// named entry.
func (s *Server) DocumentSymbol(ctx context.Context, params *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil || sn.doc.Root == nil {
		return protocol.DocumentSymbolSlice{}, nil
	}
	root := sn.doc.Root
	var out protocol.DocumentSymbolSlice
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		section := lint.SectionOf(k.Value)
		if section == nil {
			continue
		}
		title := section.Title
		group := protocol.DocumentSymbol{
			Name: title, Kind: protocol.SymbolKindNamespace,
			Range:          sn.rng(lint.Range{Start: sn.doc.Range(k).Start, End: sn.doc.Range(v).End}),
			SelectionRange: sn.rng(sn.doc.Range(k)),
		}
		for j, item := range lint.Items(v) {
			item = lint.Resolve(item)
			name, sel := entryName(sn.doc, k.Value, item, j)
			group.Children = append(group.Children, protocol.DocumentSymbol{
				Name: name, Kind: protocol.SymbolKindObject,
				Range: sn.rng(sn.doc.Range(item)), SelectionRange: sn.rng(sel),
			})
		}
		out = append(out, group)
	}
	return out, nil
}

// entryName names a list entry in the outline: its name, or for a rule its
// service and path.
func entryName(doc *lint.Document, section string, item *yaml.Node, i int) (string, lint.Range) {
	if n := lint.Get(item, "name"); n != nil && n.Value != "" {
		return n.Value, doc.Range(n)
	}
	if section == "rules" {
		if svc := lint.Get(item, "service"); svc != nil {
			path, _ := lint.Str(lint.Get(item, "path"))
			return strings.TrimSpace(svc.Value + " " + path), doc.Range(svc)
		}
	}
	return fmt.Sprintf("#%d", i+1), doc.Range(item)
}
