package rules

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// unterminatedIn lints value as an env value (no shell reads it) and
// returns the unterminated-placeholder findings with the text of each; a
// crash (an index past the value's end) fails the test.
func unterminatedIn(t *testing.T, cfg *lint.Config, value string) (texts []string, diags []lint.Diagnostic) {
	t.Helper()
	src := "services:\n  - name: api\n    image: nginx\n    env:\n      - name: A\n        value: " + strconv.Quote(value) + "\n"
	res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
	for _, d := range res.Diagnostics {
		if d.Rule == lint.Internal.ID {
			t.Errorf("%q: %s", value, d.Message)
		}
		if d.Rule == UnterminatedPlaceholder.ID {
			texts = append(texts, src[d.Range.Start:d.Range.End])
			diags = append(diags, d)
		}
	}
	return texts, diags
}

// TestUnclosedReferenceCharacters: outside a shell, "$(" followed by each
// printable ASCII character and never closed is an unclosed Kubernetes
// reference exactly when the character can start a variable name (a
// letter or "_"); the reported text runs to the first blank or "$", each
// of which ends it; "$$(" is an escape; a "$(" with no character after it
// is not a reference, at the end of the value or not.
func TestUnclosedReferenceCharacters(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for c := byte(0x21); c < 0x7f; c++ {
		if c == ')' || c == '\\' || c == '"' {
			continue // closes it; quoting
		}
		for _, at := range []string{"", "x "} {
			value := at + "$(" + string(c) + "B"
			texts, _ := unterminatedIn(t, cfg, value)
			starts := c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
			want := []string{}
			if starts {
				want = []string{"$(" + string(c) + "B"}
			}
			if fmt.Sprint(texts) != fmt.Sprint(want) {
				t.Errorf("%q: found %q, want %q", value, texts, want)
			}
		}
	}
	for _, end := range []string{" ", "\t", "\n", "$", ".", "-", "/", "}"} {
		value := "$(AB" + end + "zz"
		texts, _ := unterminatedIn(t, cfg, value)
		word := "$(AB"
		if !strings.Contains(" \t\n$", end) {
			word += end + "zz"
		}
		if want := []string{word}; fmt.Sprint(texts) != fmt.Sprint(want) {
			t.Errorf("%q: found %q, want %q", value, texts, want)
		}
	}
	for _, value := range []string{"$$(AB", "x $$(AB c", "$(", "x $(", "$( A", "$(A)", "$(A b) $(C)", "$(date +%s"} {
		texts, _ := unterminatedIn(t, cfg, value)
		want := []string{}
		if value == "$(date +%s" {
			want = []string{"$(date"}
		}
		if fmt.Sprint(texts) != fmt.Sprint(want) {
			t.Errorf("%q: found %q, want %q", value, texts, want)
		}
	}
}

// TestStrayBraceAfterPlaceholder: a closed placeholder, what is written
// before it and the braces after it: a "}" right after it is reported
// (with a fix that removes it) exactly when no "{" before it is left open,
// the placeholder is not escaped ("$${...}") and is not a GitHub Actions
// expression.
func TestStrayBraceAfterPlaceholder(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	n := 0
	for _, before := range []string{"", "x", "{", "{\"sha\": ", "}", "{}", "${env.name}", "${env.name}}", "$"} {
		for _, ph := range []string{"${commit.sha}", "${{ github.sha }}"} {
			for _, after := range []string{"", "}", "}}", " }", "x}"} {
				value := before + ph + after
				_, diags := unterminatedIn(t, cfg, value)
				open := strings.Count(before, "{") - strings.Count(before, "}")
				want := 0
				if strings.HasPrefix(after, "}") && open <= 0 && !strings.HasSuffix(before, "$") && !strings.HasPrefix(ph, "${{") {
					want = 1
				}
				if before == "${env.name}}" {
					want++ // the first placeholder's own stray brace
				}
				n++
				if len(diags) != want {
					t.Errorf("%q: %d findings, want %d: %v", value, len(diags), want, diags)
					continue
				}
				for _, d := range diags {
					if d.Severity != lint.Warning || len(d.Fixes) != 1 || d.Fixes[0].Title != `remove the "}"` {
						t.Errorf("%q: %v", value, d)
					}
				}
			}
		}
	}
	t.Logf("%d values", n)
}
