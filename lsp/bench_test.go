package lsp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/internal/corpus"
)

// The editor targets, on a generated 5,000-line config, through the real
// protocol stack (JSON-RPC over a pipe), with the production options (no
// debounce: a new change cancels the run in flight instead).

const benchLines = 5000

func benchEditor(b *testing.B) (*editor, protocolURI, []byte) {
	e := startEditorWith(b, Options{}, nil)
	src := corpus.Config(benchLines)
	u := e.open("config.yaml", string(src))
	if ds := e.wait(u, 1); len(ds) != 0 {
		b.Fatalf("generated config has findings: %v", ds)
	}
	return e, u, src
}

func BenchmarkInitialize(b *testing.B) {
	for b.Loop() {
		e := startEditor(b, nil)
		_ = e
	}
}

func BenchmarkOpenToDiagnostics(b *testing.B) {
	e := startEditorWith(b, Options{}, nil)
	src := string(corpus.Config(benchLines))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		u := fileURI("config.yaml")
		e.mu.Lock()
		e.versions[u] = int32(i)
		e.mu.Unlock()
		e.server.DidOpen(context.Background(), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, Version: int32(i), Text: src}})
		e.wait(u, int32(i))
	}
}

// BenchmarkChangeToDiagnostics types one character in the middle of the
// file and waits for the diagnostics of that version, debounce included.
func BenchmarkChangeToDiagnostics(b *testing.B) {
	e, u, src := benchEditor(b)
	line := uint32(bytes.Count(src[:len(src)/2], []byte("\n")))
	b.ReportAllocs()
	for b.Loop() {
		v := e.edit(u, line, 0, line, 0, " ")
		e.wait(u, v)
		v = e.edit(u, line, 0, line, 1, "")
		e.wait(u, v)
	}
}

func BenchmarkCompletion(b *testing.B) {
	e, u, src := benchEditor(b)
	// After "image_from_build: " of the last service.
	i := bytes.LastIndex(src, []byte("image_from_build: api-build"))
	line := uint32(bytes.Count(src[:i], []byte("\n")))
	b.ReportAllocs()
	for b.Loop() {
		if items := e.complete(u, line, 22); len(items) == 0 {
			b.Fatal("no completion")
		}
	}
}

func BenchmarkHover(b *testing.B) {
	e, u, src := benchEditor(b)
	// On the key "replicas" of a service in the middle of the file.
	i := bytes.Index(src[len(src)/2:], []byte("replicas:")) + len(src)/2
	line := uint32(bytes.Count(src[:i], []byte("\n")))
	b.ReportAllocs()
	for b.Loop() {
		h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, line, 6)})
		if err != nil || h == nil {
			b.Fatal("no hover", err)
		}
	}
}

func BenchmarkDefinition(b *testing.B) {
	e, u, src := benchEditor(b)
	i := bytes.LastIndex(src, []byte("image_from_build: api-build"))
	line := uint32(bytes.Count(src[:i], []byte("\n")))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.server.Definition(context.Background(), &protocol.DefinitionParams{TextDocumentPositionParams: tdpp(u, line, 25)}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReferences(b *testing.B) {
	e, u, _ := benchEditor(b)
	b.ReportAllocs()
	for b.Loop() {
		refs, err := e.server.References(context.Background(), &protocol.ReferenceParams{TextDocumentPositionParams: tdpp(u, 1, 12), Context: protocol.ReferenceContext{IncludeDeclaration: true}})
		if err != nil || len(refs) < 100 {
			b.Fatal(len(refs), err)
		}
	}
}

// BenchmarkMemoryWithFileOpen reports the live heap with the file open and
// linted.
func BenchmarkMemoryWithFileOpen(b *testing.B) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	e, u, _ := benchEditor(b)
	for b.Loop() {
		e.complete(u, 10, 4)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/(1<<20), "heap-MB")
}

// BenchmarkCompletionAfterEdit asks for completion right after a
// keystroke, before the lint run of that text has finished: completion must
// not wait for a parse of the whole file.
func BenchmarkCompletionAfterEdit(b *testing.B) {
	e, u, src := benchEditor(b)
	i := bytes.LastIndex(src, []byte("image_from_build: api-build"))
	line := uint32(bytes.Count(src[:i], []byte("\n")))
	b.ReportAllocs()
	for b.Loop() {
		e.edit(u, 0, 0, 0, 0, "#")
		if items := e.complete(u, line, 22); len(items) == 0 {
			b.Fatal("no completion")
		}
		b.StopTimer()
		v := e.edit(u, 0, 0, 0, 1, "")
		e.wait(u, v)
		b.StartTimer()
	}
}

// The editor features on the 5,000-line config, through the protocol
// stack (goal: each at most 5 ms).

func BenchmarkFoldingRanges(b *testing.B) {
	e, u, _ := benchEditor(b)
	b.ReportAllocs()
	for b.Loop() {
		if r, err := e.server.FoldingRanges(context.Background(), &protocol.FoldingRangeParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil || len(r) == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkSemanticTokens(b *testing.B) {
	e, u, _ := benchEditor(b)
	b.ReportAllocs()
	for b.Loop() {
		if r, err := e.server.SemanticTokensFull(context.Background(), &protocol.SemanticTokensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil || len(r.Data) == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkCodeLens(b *testing.B) {
	e, u, _ := benchEditor(b)
	b.ReportAllocs()
	for b.Loop() {
		if r, err := e.server.CodeLens(context.Background(), &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil || len(r) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexWorkspace is the start-up indexing of a checkout of 20
// greyhound files of 350 lines (goal: at most 50 ms).
func BenchmarkIndexWorkspace(b *testing.B) {
	root := twentyFiles(b)
	b.ReportAllocs()
	for b.Loop() {
		s := newServer(nil, Options{})
		s.indexFolders([]string{root})
		if n := len(s.set.At(root).Files()); n != 20 {
			b.Fatalf("indexed %d files", n)
		}
	}
}

// twentyFiles writes a checkout of 19 configs of 350 lines and the
// applications file that uses them.
func twentyFiles(b *testing.B) string {
	root := b.TempDir()
	for i := range 19 {
		writeFileB(b, filepath.Join(root, ".greyhound", fmt.Sprintf("config-%02d.yaml", i)), string(corpus.Config(350)))
	}
	var apps strings.Builder
	apps.WriteString("applications:\n")
	for i := range 19 {
		fmt.Fprintf(&apps, "  - name: app-%02d\n    repository: acme-corp/api\n    branch: main\n    default_cluster: eks\n    config_source: .greyhound/config-%02d.yaml\n", i, i)
	}
	writeFileB(b, filepath.Join(root, ".greyhound", "applications.yaml"), apps.String())
	writeFileB(b, filepath.Join(root, ".greylint.yaml"), "repository: acme-corp/api\n")
	return root
}

// BenchmarkWorkspaceSymbols is one workspace/symbol query (the editor asks
// on every keystroke in its symbol search) over the 20-file checkout.
func BenchmarkWorkspaceSymbols(b *testing.B) {
	root := twentyFiles(b)
	s := newServer(nil, Options{})
	s.indexFolders([]string{root})
	b.ReportAllocs()
	for b.Loop() {
		res, _ := s.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "api"})
		if len(res.(protocol.WorkspaceSymbolSlice)) == 0 {
			b.Fatal("no symbols")
		}
	}
}

func writeFileB(b *testing.B, path, text string) {
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEditBurst sends 5,000 one-character edits to the 5,000-line
// config as fast as the client can and waits for the last version's
// diagnostics; it reports the peak heap (goal: under 100 MB). A run that
// is superseded before it starts does not parse.
func BenchmarkEditBurst(b *testing.B) {
	e, u, _ := benchEditor(b)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
		}
	}()
	for b.Loop() {
		var v int32
		for range 5000 {
			v = e.edit(u, 2500, 0, 2500, 0, " ")
		}
		e.wait(u, v)
	}
	close(stop)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
