package lint

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// A Rule is an immutable value shared by every goroutine; per-run state
// lives in the Pass.
type Rule struct {
	ID       string   // kebab-case, never renamed or reused
	Summary  string   // one line, lower-case
	Doc      string   // why it matters, a bad example, a good example (Markdown)
	Severity Severity // default
	// StrictSeverity, when set, replaces Severity in strict mode.
	StrictSeverity Severity
	Kinds          []Kind // file kinds the rule applies to; empty means all
	// Fixes documents the kinds of fix the rule offers and their safety,
	// for the docs and `greylint rules`; a test checks them against the
	// fixes the rule's cases produce.
	Fixes []FixDoc
	// CrossFile rules read other files through File.Workspace (and are
	// silent without one); their test cases are checkouts, directories
	// under testdata/<id>/, and their examples live in their prose.
	CrossFile bool
	// Run checks one file. Nil for the rules the engine itself reports
	// while parsing (syntax, duplicate-key, ...): they are in the registry
	// for their documentation and configuration.
	Run func(*Pass)
	// Member, when set, makes the rule a family: its findings carry the
	// ID of one member, ID/member (shellcheck/SC2086), which the
	// configuration and greylint-ignore accept as they accept ID; Member
	// says which members exist.
	Member func(member string) bool
	// Runs, when set, says whether the rule can run under a configuration
	// (shellcheck: only with the program installed and not turned off).
	// A rule that cannot run is off: nothing reports that an ignore
	// comment naming it suppresses nothing.
	Runs func(*Config) bool
}

// Names reports whether id is the rule's ID or the ID of a member of its
// family.
func (r *Rule) Names(id string) bool {
	if id == r.ID {
		return true
	}
	m, ok := strings.CutPrefix(id, r.ID+"/")
	return ok && r.Member != nil && r.Member(m)
}

// FixDoc documents one kind of fix a rule offers.
type FixDoc struct {
	Safety Safety
	What   string // what it does, lower-case, with an example
}

// AppliesTo reports whether the rule runs on files of kind k.
func (r *Rule) AppliesTo(k Kind) bool {
	if len(r.Kinds) == 0 {
		return true
	}
	for _, x := range r.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Pass is the state of one rule running on one file.
type Pass struct {
	File   *File
	Doc    *Document
	Config *Config

	ctx    context.Context
	rule   *Rule
	diags  *[]Diagnostic
	shared *sharedValues
}

// Context is the run's context: a long check looks at it (a superseded
// run in the server is cancelled) and stops early; what it reports after
// that is discarded.
func (p *Pass) Context() context.Context { return p.ctx }

// sharedValues holds the values rules share for one file; rules run
// concurrently, so each value is computed once under its own lock.
type sharedValues struct {
	mu sync.Mutex
	m  map[string]*sharedValue
}

type sharedValue struct {
	once sync.Once
	v    any
}

// Report records a diagnostic of the running rule. Rule is filled in. A
// rule may set a Severity below its default for one finding (a constraint
// the docs only imply); the configuration's setting for the rule, when
// there is one, wins over both.
func (p *Pass) Report(d Diagnostic) {
	bound(&d)
	if d.Rule == "" || !p.rule.Names(d.Rule) {
		d.Rule = p.rule.ID
	} else if s, ok := p.Config.Severity[d.Rule]; ok && d.Rule != p.rule.ID {
		// A member's own setting wins over its family's.
		if s == Off {
			return
		}
		d.Severity = s
		*p.diags = append(*p.diags, d)
		return
	}
	_, configured := p.Config.Severity[p.rule.ID]
	if d.Severity == 0 || configured || (p.Config.Strict && p.rule.StrictSeverity != 0) {
		d.Severity = p.Config.severity(p.rule)
	}
	d.Fixes = dropNoEdits(d.Fixes)
	*p.diags = append(*p.diags, d)
}

// bound holds what a finding says to the escaping layer's bounds
// (BoundMessage): its message, its related locations' and its fixes'
// titles. A rule quotes names of any length; the finding repeats at most
// MaxQuoted characters of each, so the output stays linear in the input
// however many findings quote the same long name.
func bound(d *Diagnostic) {
	d.Message = BoundMessage(d.Message)
	for i := range d.Related {
		if m := BoundMessage(d.Related[i].Message); m != d.Related[i].Message {
			d.Related = append([]Related(nil), d.Related...) // the rule's slice may be shared
			d.Related[i].Message = m
		}
	}
	for i := range d.Fixes {
		if t := BoundMessage(d.Fixes[i].Title); t != d.Fixes[i].Title {
			d.Fixes = append([]Fix(nil), d.Fixes...)
			d.Fixes[i].Title = t
		}
	}
}

// Reportf reports a diagnostic without related locations or fixes.
func (p *Pass) Reportf(r Range, format string, args ...any) {
	p.Report(Diagnostic{Range: r, Message: fmt.Sprintf(format, args...)})
}

// Shared returns the value computed by compute for key, computing it at most
// once per file. Rules that need the same derived data (the schema
// violations, the index of names) share it this way.
func (p *Pass) Shared(key string, compute func() any) any { return p.shared.get(key, compute) }

func newShared() *sharedValues { return &sharedValues{m: map[string]*sharedValue{}} }

func (s *sharedValues) get(key string, compute func() any) any {
	s.mu.Lock()
	sv, ok := s.m[key]
	if !ok {
		sv = &sharedValue{}
		s.m[key] = sv
	}
	s.mu.Unlock()
	sv.once.Do(func() { sv.v = compute() })
	return sv.v
}
