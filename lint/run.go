package lint

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// Result is everything one run learnt about a file. The LSP keeps it to
// answer completion, hover and navigation without parsing again.
type Result struct {
	Doc         *Document
	Kind        Kind
	Diagnostics []Diagnostic
}

// Run lints one file: it parses, reports YAML problems, runs every enabled
// rule that applies to the file's kind, turns a panicking rule into an
// "internal" diagnostic, and returns the diagnostics sorted by position.
// It is the only entry point of the engine: the CLI and the language server
// both call it (or Analyze, which returns the same diagnostics).
func Run(ctx context.Context, f *File, cfg *Config) []Diagnostic {
	return Analyze(ctx, f, cfg).Diagnostics
}

// Analyze is Run that also returns the parsed document and detected kind.
func Analyze(ctx context.Context, f *File, cfg *Config) *Result {
	if cfg == nil {
		cfg = &Config{}
	}
	doc, parseDiags := Parse(f.Source)
	kind := f.Kind
	if kind == KindUnknown {
		kind = KindFromPath(f.Path)
	}
	if kind == KindUnknown {
		kind = KindFromContent(doc.Root)
	}
	res := &Result{Doc: doc, Kind: kind}
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
		shared := map[string]any{}
		for _, r := range cfg.Rules {
			if ctx.Err() != nil {
				break
			}
			if r.Run == nil || !r.AppliesTo(kind) || !cfg.Enabled(r) {
				continue
			}
			pass := &Pass{File: &file, Doc: doc, Config: cfg, rule: r, diags: &diags, shared: shared}
			runRule(pass, r)
		}
	}
	Sort(diags)
	res.Diagnostics = diags
	return res
}

func runRule(p *Pass, r *Rule) {
	defer func() {
		if v := recover(); v != nil {
			stack := string(debug.Stack())
			if i := strings.Index(stack, "panic("); i > 0 {
				stack = stack[i:]
			}
			*p.diags = append(*p.diags, Diagnostic{
				Rule:     "internal",
				Severity: Error,
				Range:    Range{p.Doc.Lines.starts[0], p.Doc.Lines.starts[0]},
				Message:  fmt.Sprintf("rule %q crashed on this file (%v); this is a bug in greylint, please report it with the file", r.ID, v),
			})
		}
	}()
	r.Run(p)
}
