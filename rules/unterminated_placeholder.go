package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnterminatedPlaceholder = &lint.Rule{
	ID:       "unterminated-placeholder",
	Summary:  "a ${ or $( without its closing bracket, or a } after a placeholder that closes nothing",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "removes a \"}\" right after a placeholder that closes nothing (${commit.sha}} to ${commit.sha}): the deployed text loses a character"},
	},
	Run: runUnterminatedPlaceholder,
}

// Who reads the text decides what an unclosed bracket is (model.Reader):
// in a shell script, ${A:-${B}} nests and $(date -u) is a command
// substitution, so only the shell's own parse can say a bracket is never
// closed; anywhere else $( starts a Kubernetes reference only when a
// variable name follows it.
func runUnterminatedPlaceholder(p *lint.Pass) {
	m := model.Of(p)
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		script := m.Script(n)
		open, scanned := 0, 0 // "{" left open before the placeholder, counted once along the value
		for _, ph := range model.Placeholders(n.Value) {
			for ; scanned < ph.Index; scanned++ {
				switch n.Value[scanned] {
				case '{':
					open++
				case '}':
					open--
				}
			}
			if ph.Closed {
				strayBrace(p, n, ph, open)
				continue
			}
			if script != nil && script.Param(ph.Index, ph.Name) {
				continue
			}
			p.Report(lint.Diagnostic{
				Range:   subRange(p.Doc, n, ph.Index, ph.Text),
				Message: fmt.Sprintf("placeholder %q is never closed; add the closing \"}\"", ph.Text),
			})
		}
		if script != nil {
			if script.Unclosed && strings.HasPrefix(n.Value[script.ErrAt:], "$") {
				// The shell itself fails on it; greylint's parser may be
				// stricter than the shell the image has: a warning.
				text := n.Value[script.ErrAt:min(len(n.Value), script.ErrAt+3)]
				text = text[:len(text)-len(strings.TrimLeft(text, "${("))]
				p.Report(lint.Diagnostic{
					Range:    subRange(p.Doc, n, script.ErrAt, text),
					Severity: lint.Warning,
					Message:  fmt.Sprintf("the shell script fails to parse: %s", script.Err),
				})
			}
			return
		}
		s := n.Value
		for i := 0; i+2 < len(s); i++ {
			if s[i] == '$' && s[i+1] == '$' {
				i++
				continue
			}
			if s[i] == '$' && s[i+1] == '(' && nameStart(s[i+2]) && !hasClose(s[i+2:]) {
				text := s[i:min(len(s), i+2+wordLen(s[i+2:]))]
				p.Report(lint.Diagnostic{
					Range:   subRange(p.Doc, n, i, text),
					Message: fmt.Sprintf("reference %q is never closed; add the closing \")\"", text),
				})
			}
		}
	})
}

// strayBrace reports a "}" right after a closed placeholder when no "{"
// before it is left open: an editor's auto-closed brace
// (${commit.sha}}), which greyhound leaves in the value. In
// {"sha": ${commit.sha}}, or a shell's ${TAG:-${commit.sha}}, the brace
// closes what opened before the placeholder.
func strayBrace(p *lint.Pass, n *yaml.Node, ph model.Placeholder, open int) {
	s := n.Value
	end := ph.Index + len(ph.Text)
	if end >= len(s) || s[end] != '}' || strings.HasPrefix(ph.Name, "{") || ph.Index > 0 && s[ph.Index-1] == '$' {
		return
	}
	if open > 0 { // "{" left open before the placeholder (a placeholder's own braces balance)
		return
	}
	r := subRange(p.Doc, n, end, "}")
	p.Report(lint.Diagnostic{
		Range:    r,
		Severity: lint.Warning,
		Message:  fmt.Sprintf("this \"}\" after %s closes nothing, so greyhound leaves it in the value (%s}); remove it", ph.Text, ph.Text),
		Fixes:    valueFix(p.Doc, n, end, "}", "", "remove the \"}\"", lint.Unsafe),
	})
}

func nameStart(c byte) bool { return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// hasClose reports whether a ")" follows a $( before the next "$(": as
// Kubernetes reads it, $(date +%s) is closed (and left as written, since
// "date +%s" names no variable), $(A and more is not.
func hasClose(s string) bool {
	upToNext, _, _ := strings.Cut(s, "$(")
	return strings.Contains(upToNext, ")")
}

func wordLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '$' {
			return i
		}
	}
	return len(s)
}
