package lsp

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/workspace"
)

// document is an open text document. The server's mutex guards its fields.
type document struct {
	uri     uri.URI
	path    string
	file    bool   // a file on disk (not an untitled buffer)
	root    string // the checkout that holds the file (workspace.RootOf); "" for untitled
	version int32
	text    []byte

	parsed   *lint.Document // parse of text, or nil until needed
	result   *lint.Result   // the last lint run of text, or nil
	lastGood *lint.Document // the last parse that had a root, for completion while the text is broken

	cancel context.CancelFunc // the lint run in flight
	// running is closed when the run of runningVersion ends (a pull for
	// that version waits for it instead of linting the text a second
	// time).
	running        chan struct{}
	runningVersion int32
	pubMu          sync.Mutex // orders publishDiagnostics of this document

	// The model of the last good parse when it is not the current one
	// (the current one's model is the one its lint run built), kept so
	// that a burst of completions on a broken text builds it once.
	modelDoc *lint.Document
	mdl      *model.Model
}

func (d *document) stop() {
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// setText replaces the text and forgets everything derived from it.
func (d *document) setText(version int32, text []byte) {
	d.version, d.text = version, text
	d.parsed, d.result = nil, nil
}

// pathOf returns the file path of a file URI (for kind detection and
// messages), or the URI itself.
func pathOf(u uri.URI) string {
	p, err := url.Parse(string(u))
	if err != nil || p.Scheme != "file" {
		return string(u)
	}
	return filepath.FromSlash(p.Path)
}

func (s *Server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	item := params.TextDocument
	d := &document{uri: item.URI, path: pathOf(item.URI), file: isFileURI(string(item.URI))}
	if d.file {
		d.root = workspace.RootOf(d.path)
	}
	d.setText(item.Version, []byte(item.Text))
	s.mu.Lock()
	if old := s.docs[item.URI]; old != nil {
		old.stop()
	}
	s.docs[item.URI] = d
	s.mu.Unlock()
	s.edited(d, d.text)
	return nil
}

func (s *Server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[params.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("change to a document that is not open: %s", params.TextDocument.URI)
	}
	text := s.applyChanges(d.text, params.ContentChanges)
	d.setText(params.TextDocument.Version, text)
	s.mu.Unlock()
	s.edited(d, text)
	return nil
}

// edited makes a document's new text what the workspace reads for its file,
// and relints it and (once its run has decided the document is greyhound's
// or named by an application, which may walk the checkout: never on the
// message loop) the other open documents of its checkout, whose
// cross-file findings may depend on it.
func (s *Server) edited(d *document, text []byte) {
	if d.file {
		s.set.SetOverlay(d.path, text)
	}
	s.scheduleRun(d, true)
}

// DidSave: a saved .greylint.yaml or greyhound file makes the server read
// it again and relint the open documents (what is saved may be what
// another file refers to); saving other YAML changes nothing. Deciding
// which it is may walk the checkout: done off the message loop.
func (s *Server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[params.TextDocument.URI]
	s.runs.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.runs.Done()
		if d != nil && !isConfigFile(d.path) && !s.greyhound(d, nil) {
			return
		}
		s.filesChanged([]protocol.FileEvent{{URI: params.TextDocument.URI, Type: protocol.FileChangeTypeChanged}})
	}()
	return nil
}

func (s *Server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[params.TextDocument.URI]
	delete(s.docs, params.TextDocument.URI)
	if d != nil {
		d.stop()
	}
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	if d.file {
		s.set.ClearOverlay(d.path)
		deps := s.dependents(d)
		for _, o := range deps {
			s.schedule(o)
		}
		if len(deps) == 0 {
			s.release(d.root)
		}
	}
	s.mu.Lock()
	delete(s.pulled, d.uri)
	pull := s.caps.pull
	s.mu.Unlock()
	if pull {
		return nil // a client that pulls forgets a closed document's findings itself
	}
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	return s.client.PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
}

// snapshot is a consistent view of a document for one request.
type snapshot struct {
	s       *Server
	d       *document
	uri     uri.URI
	path    string
	version int32
	doc     *lint.Document // parse of the current text (Root nil when broken)
	good    *lint.Document // the last parse with a root (may be doc)
	kind    lint.Kind
	result  *lint.Result // lint of the current text, when a run has finished
}

// snapshot returns the current state of an open document, parsing it if no
// run has yet. It returns nil for a document that is not open.
func (s *Server) snapshot(u uri.URI) *snapshot { return s.snapshotOf(u, true) }

// textSnapshot is snapshot without parsing the current text when no run
// has parsed it yet: completion right after a keystroke needs only the text
// (the cursor's place comes from indentation) and the names defined in the
// last good parse, and must not wait for a parse of a large file.
func (s *Server) textSnapshot(u uri.URI) *snapshot { return s.snapshotOf(u, false) }

func (s *Server) snapshotOf(u uri.URI, parse bool) *snapshot {
	s.mu.Lock()
	d := s.docs[u]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	version, text, parsed := d.version, d.text, d.parsed
	s.mu.Unlock()
	if parsed == nil && !parse {
		parsed = &lint.Document{Source: text, Lines: lint.NewLines(text)}
	} else if parsed == nil {
		parsed, _ = lint.Parse(text)
		s.mu.Lock()
		if d.version == version && d.parsed == nil {
			d.parsed = parsed
			if parsed.Root != nil {
				d.lastGood = parsed
			}
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	sn := &snapshot{s: s, d: d, uri: u, path: d.path, version: version, doc: parsed, good: d.lastGood}
	if d.result != nil && d.version == version {
		sn.result = d.result
	}
	if sn.good == nil {
		sn.good = parsed
	}
	sn.kind = lint.KindFromPath(d.path)
	if sn.kind == lint.KindUnknown {
		sn.kind = lint.KindFromContent(sn.good.Root)
	}
	s.mu.Unlock()
	if !s.greyhound(d, sn.good.Root) {
		return nil // not a greyhound file: every feature answers nothing
	}
	return sn
}

// diagnostics returns the findings for the snapshot's text, running the
// linter when the background run has not finished.
func (sn *snapshot) diagnostics(ctx context.Context) []lint.Diagnostic {
	if sn.result == nil {
		sn.result = sn.s.analyze(ctx, sn.d, sn.doc.Source)
		sn.s.hook(pullAnalyzed, sn.uri, sn.version)
	}
	return sn.result.Diagnostics
}

// recover finds definitions for completion when the text does not parse
// and no earlier version did: it parses the text without the cursor's
// line, then the text above it (definitions usually precede their uses).
func (sn *snapshot) recover(off int) {
	if sn.good != nil && sn.good.Root != nil {
		return
	}
	if d, _ := lint.Parse(sn.doc.Source); d.Root != nil {
		sn.good = d
		return
	}
	li := sn.doc.Lines.Line(off)
	ls, _ := sn.doc.Lines.Bounds(li)
	next := len(sn.doc.Source)
	if li+1 < sn.doc.Lines.Count() {
		next, _ = sn.doc.Lines.Bounds(li + 1)
	}
	src := sn.doc.Source
	for _, text := range [][]byte{
		append(append([]byte(nil), src[:ls]...), src[next:]...),
		src[:ls],
	} {
		if d, _ := lint.Parse(text); d.Root != nil {
			sn.good = d
			return
		}
	}
}

// model returns the typed model of doc (the current parse or the last good
// one): the one the lint run of that parse built when there was one, so a
// parse is modelled once for the rules and the editor features together.
func (sn *snapshot) model(doc *lint.Document) *model.Model {
	sn.s.mu.Lock()
	res, cached, cachedDoc := sn.d.result, sn.d.mdl, sn.d.modelDoc
	sn.s.mu.Unlock()
	switch {
	case res != nil && res.Doc == doc:
		return model.FromResult(res)
	case cachedDoc == doc && cached != nil:
		return cached
	}
	m := model.New(doc)
	sn.s.mu.Lock()
	sn.d.modelDoc, sn.d.mdl = doc, m
	sn.s.mu.Unlock()
	return m
}
