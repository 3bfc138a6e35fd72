package lint

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity values equal LSP's DiagnosticSeverity.
type Severity int

const (
	Error   Severity = 1
	Warning Severity = 2
	Info    Severity = 3
	Hint    Severity = 4
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	case Hint:
		return "hint"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity accepts error, warning, info and hint.
func ParseSeverity(s string) (Severity, bool) {
	for _, v := range []Severity{Error, Warning, Info, Hint} {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// Range is a half-open byte range [Start, End).
type Range struct{ Start, End int }

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string    // stable kebab-case ID; "syntax" for YAML errors
	Severity Severity  // the rule's default after config overrides
	Range    Range     // the offending token
	Message  string    // lower-case, no trailing period, user values in %q
	Related  []Related // "first defined here", "build declared here"
	Fixes    []Fix     // alternatives; a client applies at most one
}

// Related points at another location in the same file.
type Related struct {
	Range   Range
	Message string
}

// Fix is one way to repair a diagnostic. Title is a verb phrase.
type Fix struct {
	Title string
	Edits []Edit
	// Safety says who may apply the fix; the zero value, Manual, is the
	// conservative one, so a fix nobody classified is never applied
	// without a person choosing it. See the package documentation for the
	// policy.
	Safety Safety
	// Reveals, when not empty, is where the fix may bring findings to
	// light that were there all along: the value of a renamed key, which
	// is checked once the key is known. FixFile's guard accepts new
	// findings there and rolls back a fix for any other.
	Reveals Range
}

// Safety says whether a fix keeps the meaning of the file. The policy
// (README "Fix safety"): a fix is Safe only when the file after it means
// what the author evidently meant and nothing else changes; a guess (edit
// distance, substring, the nearest reference) is Unsafe; one of several
// equally likely choices, or a fix that throws away what the user wrote,
// is Manual.
type Safety int

const (
	// Manual fixes are offered in the editor only; the CLI never applies
	// them, not even with --unsafe-fixes.
	Manual Safety = iota
	// Unsafe fixes are a best guess: applied by --fix --unsafe-fixes.
	Unsafe
	// Safe fixes keep the meaning: applied by --fix.
	Safe
)

func (s Safety) String() string {
	switch s {
	case Safe:
		return "safe"
	case Unsafe:
		return "unsafe"
	}
	return "manual"
}

// SafeFix returns the diagnostic's first fix when it is Safe.
func (d *Diagnostic) SafeFix() (Fix, bool) {
	if len(d.Fixes) > 0 && d.Fixes[0].Safety == Safe {
		return d.Fixes[0], true
	}
	return Fix{}, false
}

// AutoFix returns the fix --fix applies: the first fix when it is Safe, or
// Unsafe and unsafe is true.
func (d *Diagnostic) AutoFix(unsafe bool) (Fix, bool) {
	if len(d.Fixes) == 0 {
		return Fix{}, false
	}
	f := d.Fixes[0]
	if f.Safety == Safe || (unsafe && f.Safety == Unsafe) {
		return f, true
	}
	return Fix{}, false
}

// Edit replaces the bytes of Range with NewText.
type Edit struct {
	Range   Range
	NewText string
}

// Sort orders diagnostics by position, then rule, then message.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Range.Start, b.Range.Start),
			cmp.Compare(a.Range.End, b.Range.End),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
