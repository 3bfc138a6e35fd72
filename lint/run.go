package lint

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Result is everything one run learnt about a file. The LSP keeps it to
// answer completion, hover and navigation without parsing again.
type Result struct {
	Doc         *Document
	Kind        Kind
	Diagnostics []Diagnostic

	shared *sharedValues // what the rules computed once for the file
}

// Shared returns the value the rules shared under key while they ran (the
// typed model, say), or computes it now, once. The language server reads
// the model of a parse this way instead of building another.
func (r *Result) Shared(key string, compute func() any) any {
	if r.shared == nil {
		r.shared = newShared()
	}
	return r.shared.get(key, compute)
}

// Run is Analyze for callers that need only the diagnostics (tests,
// tools).
func Run(ctx context.Context, f *File, cfg *Config) []Diagnostic {
	return Analyze(ctx, f, cfg).Diagnostics
}

// Analyze lints one file: it parses, reports YAML problems, runs every
// enabled rule that applies to the file's kind (concurrently), turns a
// panicking rule into an Internal finding, applies ignore comments, and
// returns the result with the diagnostics sorted by position. It is the
// engine's entry point: the CLI and the server reach it through
// config.Resolver.Analyze, which adds the configuration.
func Analyze(ctx context.Context, f *File, cfg *Config) *Result {
	if cfg == nil {
		cfg = &Config{}
	}
	if ctx.Err() != nil {
		// Superseded before it started (the server's next edit): an empty
		// result the caller discards, without parsing.
		return &Result{Doc: &Document{Source: f.Source, Lines: NewLines(f.Source)}, Kind: f.Kind, shared: newShared()}
	}
	doc, parseDiags := ParseContext(ctx, f.Source)
	if ctx.Err() != nil {
		return &Result{Doc: doc, Kind: f.Kind, shared: newShared()} // superseded while parsing: discarded
	}
	kind := f.Kind
	if kind == KindUnknown {
		kind = KindFromPath(f.Path)
	}
	if kind == KindUnknown {
		kind = KindFromContent(doc.Root)
	}
	res := &Result{Doc: doc, Kind: kind, shared: newShared()}
	if k := kubernetesManifest(doc.Root); k != nil && cfg.Enabled(NotGreyhound) {
		// One finding instead of an unknown field per key (and a
		// multiple-documents error per "---"); --ignore not-greyhound lints it
		// as a greyhound file anyway.
		res.Diagnostics = []Diagnostic{{Rule: NotGreyhound.ID, Severity: cfg.severity(NotGreyhound), Range: doc.Range(k),
			Message: fmt.Sprintf("this does not look like a greyhound file: it has apiVersion and kind (%q), as a Kubernetes manifest does, and none of greyhound's sections; greyhound reads .greyhound/config.yaml and applications.yaml (to lint it as one anyway, pass --ignore not-greyhound)", k.Value)}}
		// No rule looked at it but the engine's own: an ignore of another
		// rule is kept, not reported unused.
		res.Diagnostics = suppress(doc, func(r *Rule) bool { return r.Run == nil }, cfg, res.Diagnostics)
		return res
	}
	var diags []Diagnostic
	for _, d := range parseDiags {
		if r := cfg.rule(d.Rule); r != nil {
			if !cfg.Enabled(r) {
				continue
			}
			d.Severity = cfg.severity(r)
		}
		diags = append(diags, d)
	}
	if doc.Root != nil {
		file := *f
		file.Kind = kind
		diags = append(diags, runRules(ctx, &file, doc, cfg, res.shared)...)
	}
	if doc.ValueTooLarge() {
		diags = append(diags, Diagnostic{Rule: FileTooLarge.ID, Severity: FileTooLarge.Severity, Range: Range{doc.Lines.starts[0], doc.Lines.starts[0]},
			Message: fmt.Sprintf("the file expands, through its aliases and merges, to more than %d values, more than greylint checks; the schema checks were skipped, the other rules ran: define the shared parts once instead of nesting aliases and merges", doc.ValueBudget())})
	}
	// An ignore of a rule that did not look at the file (another kind's
	// rule, a cross-file rule without a workspace, any rule of a file that
	// did not parse) suppresses nothing, yet is not unused: it is kept for
	// the runs where the rule does look.
	looked := func(r *Rule) bool {
		if r.Run == nil {
			return true // the engine's own, reported while parsing
		}
		return doc.Root != nil && r.AppliesTo(kind) && (!r.CrossFile || f.Workspace != nil)
	}
	diags = suppress(doc, looked, cfg, diags)
	guardShared(doc, diags)
	Sort(diags)
	res.Diagnostics = dedupe(diags)
	return res
}

// runRules runs the enabled rules that apply to the file on all cores:
// rules share nothing but the document (read-only) and the Shared values,
// so a large file's schema validation overlaps with the other checks.
func runRules(ctx context.Context, f *File, doc *Document, cfg *Config, shared *sharedValues) []Diagnostic {
	var todo []*Rule
	for _, r := range cfg.Rules {
		if r.Run != nil && r.AppliesTo(f.Kind) && cfg.Enabled(r) {
			todo = append(todo, r)
		}
	}
	results := make([][]Diagnostic, len(todo))
	if len(doc.Source) < parallelFrom {
		// A small file lints faster on one goroutine than it can be
		// handed out to several (350 lines: 1.0 ms alone, 1.6 ms spread
		// over two cores); the CLI lints files in parallel anyway.
		for i, r := range todo {
			if ctx.Err() != nil {
				break
			}
			runRule(&Pass{ctx: ctx, File: f, Doc: doc, Config: cfg, rule: r, diags: &results[i], shared: shared}, r)
		}
		return flatten(results)
	}
	next := make(chan int, len(todo))
	for i := range todo {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() != nil {
					return
				}
				pass := &Pass{ctx: ctx, File: f, Doc: doc, Config: cfg, rule: todo[i], diags: &results[i], shared: shared}
				runRule(pass, todo[i])
			}
		}()
	}
	wg.Wait()
	return flatten(results)
}

// parallelFrom is the size from which a file's rules run on all cores.
const parallelFrom = 64 << 10

func flatten(results [][]Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, ds := range results {
		out = append(out, ds...)
	}
	return out
}

func runRule(p *Pass, r *Rule) {
	defer func() {
		if v := recover(); v != nil {
			*p.diags = append(*p.diags, Diagnostic{
				Rule:     Internal.ID,
				Severity: Internal.Severity,
				Range:    Range{p.Doc.Lines.starts[0], p.Doc.Lines.starts[0]},
				Message:  fmt.Sprintf("rule %q crashed on this file (%v); this is a bug in greylint, please report it with the file", r.ID, v),
			})
		}
	}()
	r.Run(p)
}

// dedupe drops a finding identical to the one before it (same rule, range
// and message): one mistake reached by two paths (an alias used twice, a
// merge) is said once. diags is sorted.
func dedupe(diags []Diagnostic) []Diagnostic {
	out := diags[:0]
	for i, d := range diags {
		if i > 0 {
			p := out[len(out)-1]
			if p.Rule == d.Rule && p.Range == d.Range && p.Message == d.Message {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
