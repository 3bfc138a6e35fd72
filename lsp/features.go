package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/rules"
)

// The features editors expect of a YAML server (folding, selection ranges,
// links, highlights, code lenses, semantic tokens, pull diagnostics,
// workspace symbols), each computed in one pass over the parse.

// FoldingRanges folds every mapping and list that spans lines, from its
// key's line to its last line, and runs of two or more comment lines.
func (s *Server) FoldingRanges(ctx context.Context, params *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil || sn.doc.Root == nil {
		return []protocol.FoldingRange{}, nil
	}
	doc := sn.doc
	out := []protocol.FoldingRange{}
	lastLine := func(n *yaml.Node) int {
		r := doc.Range(n)
		end := r.End
		for end > r.Start && (doc.Source[end-1] == '\n' || doc.Source[end-1] == ' ' || doc.Source[end-1] == '\r') {
			end--
		}
		l, _ := doc.Lines.LineCol(max(end-1, r.Start))
		return l - 1
	}
	add := func(from *yaml.Node, body *yaml.Node) {
		start, _ := doc.Lines.LineCol(doc.Range(from).Start)
		end := lastLine(body)
		if end > start-1 {
			out = append(out, protocol.FoldingRange{StartLine: uint32(start - 1), EndLine: uint32(end)})
		}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode || (v.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
					add(k, v)
				}
				walk(v)
			}
		case yaml.SequenceNode:
			for _, it := range n.Content {
				if it.Kind == yaml.MappingNode && len(it.Content) > 2 {
					add(it, it)
				}
				walk(it)
			}
		}
	}
	walk(doc.Root)
	// Comment blocks.
	run := -1
	for i := 0; i <= doc.Lines.Count(); i++ {
		comment := false
		if i < doc.Lines.Count() {
			a, b := doc.Lines.Bounds(i)
			comment = strings.HasPrefix(strings.TrimSpace(string(doc.Source[a:b])), "#")
		}
		switch {
		case comment && run < 0:
			run = i
		case !comment && run >= 0:
			if i-1 > run {
				out = append(out, protocol.FoldingRange{StartLine: uint32(run), EndLine: uint32(i - 1), Kind: protocol.FoldingRangeKindComment})
			}
			run = -1
		}
	}
	slices.SortStableFunc(out, func(a, b protocol.FoldingRange) int { return int(a.StartLine) - int(b.StartLine) })
	return out, nil
}

// SelectionRange grows a selection from the word at the cursor to its
// key-value pair, the mapping or list holding it, its parent pair, and so
// on up to the document.
func (s *Server) SelectionRange(ctx context.Context, params *protocol.SelectionRangeParams) ([]protocol.SelectionRange, error) {
	sn := s.snapshot(params.TextDocument.URI)
	out := []protocol.SelectionRange{}
	if sn == nil || sn.doc.Root == nil {
		return out, nil
	}
	doc := sn.doc
	for _, pos := range params.Positions {
		off := sn.offset(pos)
		var chain []lint.Range // outermost first
		push := func(r lint.Range) {
			if len(chain) > 0 && chain[len(chain)-1] == r {
				return
			}
			chain = append(chain, r)
		}
		in := func(r lint.Range) bool { return r.Start <= off && off <= r.End }
		n := doc.Root
		push(doc.Range(n))
	descend:
		for {
			switch n.Kind {
			case yaml.MappingNode:
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					pair := lint.Range{Start: doc.Range(k).Start, End: doc.Range(v).End}
					if !in(pair) {
						continue
					}
					push(pair)
					if in(doc.Range(k)) {
						push(doc.Range(k))
						break descend
					}
					push(doc.Range(v))
					n = v
					continue descend
				}
				break descend
			case yaml.SequenceNode:
				for _, it := range n.Content {
					if in(doc.Range(it)) {
						push(doc.Range(it))
						n = it
						continue descend
					}
				}
				break descend
			default:
				break descend
			}
		}
		var sr *protocol.SelectionRange
		for _, r := range chain {
			sr = &protocol.SelectionRange{Range: sn.rng(r), Parent: sr}
		}
		out = append(out, *sr)
	}
	return out, nil
}

// DocumentHighlight marks a name's definition (write) and its uses (read)
// in the file.
func (s *Server) DocumentHighlight(ctx context.Context, params *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	sn := s.snapshot(params.TextDocument.URI)
	out := []protocol.DocumentHighlight{}
	if sn == nil || sn.doc.Root == nil {
		return out, nil
	}
	sym, _ := sn.symbolAt(params.Position)
	if sym == nil {
		return out, nil
	}
	out = append(out, protocol.DocumentHighlight{Range: sn.rng(nameRange(sn.doc, sym.Def)), Kind: protocol.DocumentHighlightKindWrite})
	for _, r := range sym.Refs {
		out = append(out, protocol.DocumentHighlight{Range: sn.rng(nameRange(sn.doc, r)), Kind: protocol.DocumentHighlightKindRead})
	}
	return out, nil
}

// DocumentLink links an application's config_source to the file in a
// checkout greylint can see, and the rule IDs of greylint-ignore comments
// (and of .greylint.yaml's rules:, select: and ignore:) to their
// documentation.
func (s *Server) DocumentLink(ctx context.Context, params *protocol.DocumentLinkParams) ([]protocol.DocumentLink, error) {
	sn := s.snapshot(params.TextDocument.URI)
	out := []protocol.DocumentLink{}
	if sn == nil {
		return out, nil
	}
	doc := sn.doc
	docLink := func(r lint.Range, id string) {
		if rules.ByID(id) == nil {
			return
		}
		target := uri.URI(rules.URL(id))
		tip := "greylint rule " + id
		out = append(out, protocol.DocumentLink{Range: sn.rng(r), Target: &target, Tooltip: &tip})
	}
	ids, ranges := lint.IgnoreRuleIDs(doc)
	for i, id := range ids {
		docLink(ranges[i], id)
	}
	if doc.Root == nil {
		return out, nil
	}
	if isConfigFile(sn.path) {
		if m := lint.Resolve(lint.Get(doc.Root, "rules")); m != nil && m.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(m.Content); i += 2 {
				docLink(doc.Range(m.Content[i]), m.Content[i].Value)
			}
		}
		for _, key := range []string{"select", "ignore"} {
			for _, it := range lint.Items(lint.Resolve(lint.Get(doc.Root, key))) {
				docLink(doc.Range(it), it.Value)
			}
		}
		return out, nil
	}
	w := sn.s.workspaceOf(sn.d)
	if w == nil {
		return out, nil
	}
	for _, a := range sn.model(doc).Applications {
		rel, ok := a.ConfigSource.Str()
		if !ok {
			continue
		}
		p, ok := w.Path(a.Repository.String(), rel)
		if !ok {
			continue
		}
		if f, visible := w.Open(a.Repository.String(), rel); !visible || f == nil {
			continue
		}
		target := uri.File(p)
		out = append(out, protocol.DocumentLink{Range: sn.rng(nameRange(doc, a.ConfigSource.Value)), Target: &target})
	}
	return out, nil
}

// lensKinds are the definitions that get an "N uses" lens.
var lensKinds = map[model.Kind]bool{model.BuildKind: true, model.ServiceKind: true, model.ConfigMapKind: true, model.SharedVolumeKind: true}

// CodeLens puts "N uses" above builds, services, configmaps and shared
// volumes; the count and the command come when the client resolves the
// lens (CodeLensResolve), so a large file's lenses cost one pass.
func (s *Server) CodeLens(ctx context.Context, params *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	sn := s.snapshot(params.TextDocument.URI)
	out := []protocol.CodeLens{}
	if sn == nil || sn.doc.Root == nil {
		return out, nil
	}
	for _, sym := range sn.model(sn.doc).Symbols {
		if !lensKinds[sym.Kind] {
			continue
		}
		r := sn.rng(nameRange(sn.doc, sym.Def))
		data, _ := json.Marshal(lensData{URI: string(sn.uri), Line: r.Start.Line, Character: r.Start.Character})
		out = append(out, protocol.CodeLens{Range: r, Data: data})
	}
	return out, nil
}

type lensData struct {
	URI       string `json:"uri"`
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// CodeLensResolve counts the uses of the lens's definition (across the
// checkout's files for a service) and makes the lens show them:
// greylint.showReferences, which the VS Code extension turns into its
// references view.
func (s *Server) CodeLensResolve(ctx context.Context, lens *protocol.CodeLens) (*protocol.CodeLens, error) {
	var data lensData
	if json.Unmarshal(lens.Data, &data) != nil || data.URI == "" {
		return lens, nil
	}
	pos := protocol.Position{Line: data.Line, Character: data.Character}
	refs, err := s.References(ctx, &protocol.ReferenceParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri.URI(data.URI)}, Position: pos},
	})
	if err != nil {
		return lens, nil
	}
	title := "1 use"
	if len(refs) != 1 {
		title = strconv.Itoa(len(refs)) + " uses"
	}
	var args []protocol.LSPAny
	for _, a := range []any{data.URI, pos, refs} {
		b, _ := json.Marshal(a)
		args = append(args, b)
	}
	lens.Command = protocol.Command{Title: title, Command: "greylint.showReferences", Arguments: args}
	return lens, nil
}

// The semantic tokens greylint adds to YAML highlighting: inside ${...}
// placeholders the namespace (variable), the attributes (property) and
// the braces (operator), marked invalid where unknown-variable or
// unterminated-placeholder reports them; and the names of builds,
// services, configmaps, shared volumes and applications, where they are
// defined (declaration) and where a value refers to them, so a build name
// in image_from_build colours like a reference.
var (
	tokenTypes     = []string{"variable", "property", "operator", "type"}
	tokenModifiers = []string{"declaration", "invalid"}
)

const (
	tokVariable = iota
	tokProperty
	tokOperator
	tokType
)

const (
	modDeclaration = 1 << iota
	modInvalid
)

type token struct {
	start, end int // byte offsets
	typ, mods  uint32
}

func (s *Server) SemanticTokensFull(ctx context.Context, params *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil || sn.doc.Root == nil || isConfigFile(sn.path) {
		return &protocol.SemanticTokens{Data: []uint32{}}, nil
	}
	return &protocol.SemanticTokens{Data: sn.semanticTokens(ctx)}, nil
}

func (sn *snapshot) semanticTokens(ctx context.Context) []uint32 {
	doc := sn.doc
	var toks []token
	for _, sym := range sn.model(doc).Symbols {
		if sym.Kind == model.EnvironmentKind || sym.Kind == model.JobKind {
			continue
		}
		r := nameRange(doc, sym.Def)
		toks = append(toks, token{r.Start, r.End, tokType, modDeclaration})
		for _, ref := range sym.Refs {
			r := nameRange(doc, ref)
			toks = append(toks, token{r.Start, r.End, tokType, 0})
		}
	}
	var invalid []lint.Range
	for _, d := range sn.diagnostics(ctx) {
		if d.Rule == rules.UnknownVariable.ID || d.Rule == rules.UnterminatedPlaceholder.ID {
			invalid = append(invalid, d.Range)
		}
	}
	// The findings are sorted by position and the walk goes in document
	// order, so one pointer sweeps them (a loop over all of them per
	// placeholder was quadratic in a file of unknown variables).
	next := 0
	bad := func(a, b int) uint32 {
		if next > 0 && next <= len(invalid) && a < invalid[next-1].Start {
			next = 0 // out of order (cannot happen for a tree walk): start over
		}
		for next < len(invalid) && invalid[next].End <= a {
			next++
		}
		for j := next; j < len(invalid) && invalid[j].Start < b; j++ {
			if a < invalid[j].End {
				return modInvalid
			}
		}
		return 0
	}
	doc.StringValues(func(n *yaml.Node, _ string) {
		if !strings.Contains(n.Value, "${") {
			return
		}
		r := doc.Range(n)
		text := string(doc.Source[r.Start:r.End])
		for _, ph := range model.Placeholders(text) {
			if strings.ContainsAny(ph.Text, "\n\r") {
				continue // tokens stay on one line
			}
			at := r.Start + ph.Index
			mods := bad(at, at+len(ph.Text))
			toks = append(toks, token{at, at + 2, tokOperator, mods})
			off := at + 2
			for i, part := range strings.Split(ph.Name, ".") {
				typ := uint32(tokProperty)
				if i == 0 {
					typ = tokVariable
				}
				if part != "" {
					toks = append(toks, token{off, off + len(part), typ, mods})
				}
				off += len(part) + 1
			}
			if ph.Closed {
				end := at + len(ph.Text)
				toks = append(toks, token{end - 1, end, tokOperator, mods})
			}
		}
	})
	slices.SortFunc(toks, func(a, b token) int { return a.start - b.start })
	data := make([]uint32, 0, 5*len(toks))
	prevLine, prevChar, lastEnd := 0, 0, -1
	for _, t := range toks {
		if t.start < lastEnd || t.end <= t.start {
			continue // overlapping or empty: the first wins
		}
		sp := sn.s.position(doc.Lines, t.start)
		ep := sn.s.position(doc.Lines, t.end)
		if ep.Line != sp.Line {
			continue
		}
		line, char := int(sp.Line), int(sp.Character)
		dl, dc := line-prevLine, char
		if dl == 0 {
			dc = char - prevChar
		}
		data = append(data, uint32(dl), uint32(dc), ep.Character-sp.Character, t.typ, t.mods)
		prevLine, prevChar, lastEnd = line, char, t.end
	}
	return data
}

// Diagnostic answers a pull request for diagnostics (LSP 3.17): the
// findings the server publishes to a client that does not pull.
func (s *Server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	report := &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: "full", Items: []protocol.Diagnostic{}}}
	s.awaitRun(ctx, params.TextDocument.URI)
	sn := s.snapshot(params.TextDocument.URI)
	if sn == nil {
		return report, nil
	}
	report.Items = s.toLSP(sn.uri, sn.doc.Lines, sn.diagnostics(ctx))
	if ctx.Err() == nil {
		s.pulledFindings(sn.uri, sn.version, report.Items)
	}
	return report, nil
}

// awaitRun waits for the lint run of the document's current text, if one
// is in flight: a client that pulls asks right after each change, while
// the run that the change started is linting the same text.
func (s *Server) awaitRun(ctx context.Context, u uri.URI) {
	s.mu.Lock()
	var wait chan struct{}
	if d := s.docs[u]; d != nil && d.result == nil && d.running != nil && d.runningVersion == d.version {
		wait = d.running
	}
	s.mu.Unlock()
	if wait != nil {
		select {
		case <-wait:
		case <-ctx.Done():
		}
	}
}

// Symbols answers workspace/symbol: the named definitions of every
// greyhound file of the indexed checkouts (open documents as edited),
// matched by a case-insensitive subsequence of the query.
func (s *Server) Symbols(ctx context.Context, params *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	out := protocol.WorkspaceSymbolSlice{}
	query := strings.ToLower(params.Query)
	for _, w := range s.workspaces() {
		for _, path := range w.Files() {
			f, m := w.Model(path)
			if m == nil {
				continue
			}
			container := filepath.ToSlash(f.Path)
			for _, k := range symbolKinds {
				for _, e := range m.Defined(k) {
					name := e.NameString()
					if !subsequence(strings.ToLower(name), query) {
						continue
					}
					loc := &protocol.Location{URI: uri.File(path), Range: s.lspRange(f.Doc.Lines, nameRange(f.Doc, e.Name.Value))}
					out = append(out, protocol.WorkspaceSymbol{
						BaseSymbolInformation: protocol.BaseSymbolInformation{Name: name, Kind: symbolKind(k), ContainerName: &container},
						Location:              loc,
					})
					if len(out) >= maxWorkspaceSymbols {
						return out, nil
					}
				}
			}
		}
	}
	return out, nil
}

// symbolKinds are the definitions workspace/symbol lists.
var symbolKinds = []model.Kind{model.BuildKind, model.ServiceKind, model.JobKind, model.ConfigMapKind, model.SharedVolumeKind, model.ApplicationKind, model.EnvironmentKind}

// maxWorkspaceSymbols bounds an answer (a query of "" matches everything).
const maxWorkspaceSymbols = 1000

func subsequence(s, q string) bool {
	for _, r := range q {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+len(string(r)):]
	}
	return true
}

func symbolKind(k model.Kind) protocol.SymbolKind {
	switch k {
	case model.BuildKind:
		return protocol.SymbolKindPackage
	case model.ServiceKind:
		return protocol.SymbolKindClass
	case model.JobKind:
		return protocol.SymbolKindFunction
	case model.ConfigMapKind:
		return protocol.SymbolKindStruct
	case model.SharedVolumeKind:
		return protocol.SymbolKindField
	case model.ApplicationKind:
		return protocol.SymbolKindModule
	case model.EnvironmentKind:
		return protocol.SymbolKindNamespace
	}
	return protocol.SymbolKindObject
}
