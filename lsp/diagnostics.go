package lsp

import (
	"context"
	"encoding/json"
	"runtime"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// schedule starts a lint run of the document's current text at once,
// cancelling the run in flight: only the newest text is published. There
// is no debounce delay: a run superseded before it starts stops before
// parsing (TestSupersededRunStops), so a burst of keystrokes costs one run.
func (s *Server) schedule(d *document) { s.scheduleRun(d, false) }

// scheduleRun is schedule; an edited document's run (cascade) also
// relints the other open documents of its checkout once it knows the
// document matters to them.
func (s *Server) scheduleRun(d *document, cascade bool) {
	s.mu.Lock()
	d.stop()
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	version, text := d.version, d.text
	done := make(chan struct{})
	d.running, d.runningVersion = done, version
	s.runs.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.runs.Done()
		defer close(done)
		s.lint(ctx, d, version, text, cascade)
	}()
}

// lint runs the rules on a document's text and publishes the findings,
// but first decides whether the server answers for the document at all
// (greyhound): the clients send every YAML document, and a workflow or a
// manifest gets no findings, so it gets no rule run either (a long
// workflow script cost seconds of CPU per keystroke). A file's answer
// needs no parse; an untitled buffer's needs the parse only.
func (s *Server) lint(ctx context.Context, d *document, version int32, text []byte, cascade bool) {
	runtime.Gosched() // let a change queued behind this one cancel it first
	s.hook(runStarted, d.uri, version)
	if ctx.Err() != nil {
		return // superseded before it started: no parse at all
	}
	defer func() {
		s.mu.Lock()
		closed := s.docs[d.uri] != d
		s.mu.Unlock()
		if closed && d.file {
			s.release(d.root) // closed while this run made its workspace again
		}
	}()
	var root *yaml.Node
	if !d.file {
		doc, _ := lint.ParseContext(ctx, text)
		root = doc.Root
	}
	answered := s.greyhound(d, root)
	if cascade && ctx.Err() == nil && d.file && (answered || s.workspaceOf(d).Referenced(d.path)) {
		// A manifest no application names changes no one's findings.
		for _, o := range s.dependents(d) {
			s.schedule(o)
		}
	}
	if ctx.Err() != nil {
		return
	}
	if !answered {
		s.publish(d, version, nil, []protocol.Diagnostic{})
		return
	}
	res := s.analyze(ctx, d, text)
	s.hook(runAnalyzed, d.uri, version)
	if ctx.Err() != nil {
		return
	}
	s.publish(d, version, res, nil)
}

// publish records a run's result (nil for a document the server does not
// answer for) and publishes its findings, unless a newer text or a close
// superseded the run.
func (s *Server) publish(d *document, version int32, res *lint.Result, diags []protocol.Diagnostic) {
	s.hook(runPublishing, d.uri, version)
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	s.mu.Lock()
	if s.docs[d.uri] != d || d.version != version {
		s.mu.Unlock()
		return // a newer text or a close superseded this run
	}
	if res != nil {
		d.result, d.parsed = res, res.Doc
		if res.Doc.Root != nil {
			d.lastGood = res.Doc
		}
	}
	s.mu.Unlock()
	if res != nil {
		diags = s.toLSP(d.uri, res.Doc.Lines, res.Diagnostics)
	}
	s.mu.Lock()
	pull := s.caps.pull
	s.mu.Unlock()
	if pull {
		s.linted(d.uri, version, diags) // the client pulls; refreshed when another file changed these
		return
	}
	params := &protocol.PublishDiagnosticsParams{
		URI:         d.uri,
		Version:     protocol.NewOptional(version),
		Diagnostics: diags,
	}
	if err := s.client.PublishDiagnostics(context.Background(), params); err != nil {
		s.logf(protocol.MessageTypeError, "publishDiagnostics: %v", err)
	}
}

// analyze lints a document's text: a greyhound file with its
// configuration, or a .greylint.yaml as a configuration file.
func (s *Server) analyze(ctx context.Context, d *document, text []byte) *lint.Result {
	path := d.path
	if isConfigFile(path) {
		_, diags := config.Parse(path, text)
		doc, _ := lint.Parse(text)
		s.configs.Forget() // an edited configuration applies once saved
		return &lint.Result{Doc: doc, Kind: lint.KindGreylint, Diagnostics: diags}
	}
	f := &lint.File{Path: path, Source: text}
	if w := s.workspaceOf(d); w != nil {
		f.Workspace = w
	}
	res, ignored := s.configs.Analyze(ctx, f) // as the CLI does
	if ignored {
		doc, _ := lint.Parse(text)
		return &lint.Result{Doc: doc, Kind: lint.KindFromPath(path)}
	}
	return res
}

// fixData is the JSON carried in a diagnostic's data: its fixes, in LSP
// ranges, for clients that apply them without a code action request.
type fixData struct {
	Fixes []fixJSON `json:"fixes"`
}

type fixJSON struct {
	Title string `json:"title"`
	// Safe and Applicability say the same as in the CLI's JSON output.
	Safe          bool                `json:"safe"`
	Applicability string              `json:"applicability"`
	Edits         []protocol.TextEdit `json:"edits"`
}

func (s *Server) toLSP(u uri.URI, l *lint.Lines, diags []lint.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, s.toLSPDiagnostic(u, l, d))
	}
	return out
}

func (s *Server) toLSPDiagnostic(u uri.URI, l *lint.Lines, d lint.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:    s.lspRange(l, d.Range),
		Severity: protocol.DiagnosticSeverity(d.Severity),
		Code:     protocol.String(d.Rule),
		Source:   protocol.NewOptional("greylint"),
		Message:  protocol.String(lint.Message(d.Message)), // the escaping layer, as the CLI prints it
	}
	if rules.ByID(d.Rule) != nil {
		pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(rules.URL(d.Rule))}
	}
	for _, r := range d.Related {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: u, Range: s.lspRange(l, r.Range)},
			Message:  lint.Message(r.Message),
		})
	}
	if len(d.Fixes) > 0 {
		var data fixData
		for _, f := range d.Fixes {
			data.Fixes = append(data.Fixes, fixJSON{Title: lint.Message(f.Title), Safe: f.Safety == lint.Safe, Applicability: f.Safety.String(), Edits: s.textEdits(l, f.Edits)})
		}
		if b, err := json.Marshal(data); err == nil {
			pd.Data = b
		}
	}
	return pd
}

func (s *Server) textEdits(l *lint.Lines, edits []lint.Edit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: s.lspRange(l, e.Range), NewText: e.NewText})
	}
	return out
}
