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
	// Certain fixes (a misspelt key, a value in the wrong case, a value
	// that needs quotes) are applied by --fix and preferred in editors;
	// the others (remove a field) are only offered.
	Certain bool
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
