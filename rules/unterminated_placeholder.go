package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnterminatedPlaceholder = &lint.Rule{
	ID:       "unterminated-placeholder",
	Summary:  "a ${ or $( without its closing bracket",
	Severity: lint.Error,
	Run:      runUnterminatedPlaceholder,
}

func runUnterminatedPlaceholder(p *lint.Pass) {
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		for _, ph := range model.Placeholders(n.Value) {
			if !ph.Closed {
				p.Report(lint.Diagnostic{
					Range:   subRange(p.Doc, n, ph.Index, ph.Text),
					Message: fmt.Sprintf("placeholder %q is never closed; add the closing \"}\"", ph.Text),
				})
			}
		}
		s := n.Value
		for i := 0; i+1 < len(s); i++ {
			if s[i] == '$' && s[i+1] == '$' {
				i++
				continue
			}
			if s[i] == '$' && s[i+1] == '(' && !hasClose(s[i+2:]) {
				text := s[i:min(len(s), i+2+wordLen(s[i+2:]))]
				p.Report(lint.Diagnostic{
					Range:   subRange(p.Doc, n, i, text),
					Message: fmt.Sprintf("reference %q is never closed; add the closing \")\"", text),
				})
			}
		}
	})
}

// hasClose reports whether a ")" closes a $( before the next "$(" or a space.
func hasClose(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ')':
			return true
		case ' ', '\t', '\n', '$':
			return false
		}
	}
	return false
}

func wordLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '$' {
			return i
		}
	}
	return len(s)
}
