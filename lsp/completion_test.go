package lsp

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

func withSnippets(on, replace bool) func(*protocol.InitializeParams) {
	return func(p *protocol.InitializeParams) {
		p.Capabilities.TextDocument = &protocol.TextDocumentClientCapabilities{Completion: &protocol.CompletionClientCapabilities{
			CompletionItem: &protocol.ClientCompletionItemOptions{SnippetSupport: &on, InsertReplaceSupport: &replace},
		}}
	}
}

// expandSnippet is what a client that takes snippets inserts when the
// user accepts the defaults: tab stops empty, a choice's first value, a
// placeholder's default.
func expandSnippet(s string) string {
	s = regexp.MustCompile(`\$\{\d+\|([^,|]*)[^}]*\|\}`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`\$\{\d+:([^}]*)\}`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`\$\d+`).ReplaceAllString(s, "")
	return regexp.MustCompile(`\\(.)`).ReplaceAllString(s, "$1")
}

// probe is a place completion is asked for: text with "|" at the cursor.
type probe struct {
	name, kind, text string
}

// completionProbes are, for each document, the places an author types:
// a new key on a line of its own before every key (at its indentation),
// the value of every key with a plain value, and placeholders in an env
// value (after "${", with the "}" an editor closes, in the middle of a
// variable).
func completionProbes(t *testing.T) []probe {
	docs := []probe{{"sample", "config.yaml", sampleConfig}}
	for _, p := range []string{"../testdata/valid/shop/.greyhound/config.yaml", "../testdata/valid/shop/.greyhound/applications.yaml"} {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, probe{p, p[strings.LastIndex(p, "/")+1:], string(src)})
	}
	keyLine := regexp.MustCompile(`^( *)(- )?([A-Za-z_]+):( *)(.*)$`)
	var out []probe
	for _, d := range docs {
		lines := strings.SplitAfter(d.text, "\n")
		for i, l := range lines {
			m := keyLine.FindStringSubmatch(strings.TrimSuffix(l, "\n"))
			if m == nil {
				continue
			}
			before, after := strings.Join(lines[:i], ""), strings.Join(lines[i+1:], "")
			indent := m[1]
			if m[2] != "" && m[5] == "" {
				// "- key:" opening a nested block: a new key here would
				// land inside it.
			} else if m[2] != "" {
				indent += "  " // a key of the item: after the item's first line
				out = append(out, probe{fmt.Sprintf("%s:%d new key", d.name, i+2), d.kind, before + l + indent + "|\n" + after})
			} else {
				out = append(out, probe{fmt.Sprintf("%s:%d new key", d.name, i+1), d.kind, before + indent + "|\n" + l + after})
			}
			if v := m[5]; v != "" && !strings.ContainsAny(v[:1], "[{|>&*!'\"#") {
				out = append(out, probe{fmt.Sprintf("%s:%d value of %s", d.name, i+1, m[3]), d.kind, before + m[1] + m[2] + m[3] + ": |\n" + after})
			}
		}
	}
	env := "services:\n  - name: api\n    image: nginx\n    env:\n      - name: A\n        value: %s\n"
	for _, v := range []string{`x-${|`, `"x-${|}"`, `x-${|}`, `${com|mit.sha}`, `${commit.s|}`, `${database.|}`, `"a ${|} b"`} {
		out = append(out, probe{"placeholder " + v, "config.yaml", fmt.Sprintf(env, v)})
	}
	return out
}

// allowedAfterCompletion are the findings a completed but not yet filled
// in field may have, inside the text the completion wrote: a value still
// missing or empty.
var allowedAfterCompletion = map[string]bool{"invalid-type": true, "missing-field": true, "invalid-value": true, "empty-value": true}

// meaningOfChoice are the findings a value probe may have: an existing
// value replaced by another valid choice means something else (another
// configmap whose keys differ, a public route, an application with no
// cluster), which its rule says; the completion wrote a valid value.
var meaningOfChoice = map[string]bool{"public-visibility": true, "unknown-configmap-key": true, "no-cluster": true, "unknown-removed-application": true}

// TestEveryCompletionApplies runs every completion the server offers at
// every probe, with snippets on and off (and insert/replace edits on),
// applies each item as a client does, and requires the result to parse
// and to have no finding it did not have but "value missing" ones in the
// text written. Without snippets, no item may carry snippet syntax.
func TestEveryCompletionApplies(t *testing.T) {
	cfg := &lint.Config{Rules: rules.All()}
	analyze := func(kind, text string) []lint.Diagnostic {
		k := lint.KindConfig
		if kind == "applications.yaml" {
			k = lint.KindApplications
		}
		return lint.Analyze(context.Background(), &lint.File{Path: kind, Kind: k, Source: []byte(text)}, cfg).Diagnostics
	}
	probes := completionProbes(t)
	matrix := map[string]int{}
	for _, mode := range []struct {
		name              string
		snippets, replace bool
	}{{"snippets off", false, false}, {"snippets on", true, false}, {"snippets on, insert/replace", true, true}} {
		e := startEditor(t, withSnippets(mode.snippets, mode.replace))
		for _, p := range probes {
			text, line, char := cursorPos(p.text)
			base := strings.Replace(p.text, "|", "", 1)
			u := e.open(p.kind, text)
			items := e.complete(u, line, char)
			l := lint.NewLines([]byte(text))
			// Findings of the text without the probe's typing: the
			// document as it was.
			before := analyze(p.kind, base)
			for _, it := range items {
				var r protocol.Range
				var newText string
				switch te := it.TextEdit.(type) {
				case *protocol.TextEdit:
					r, newText = te.Range, te.NewText
				case *protocol.InsertReplaceEdit:
					r, newText = te.Replace, te.NewText
				default:
					t.Fatalf("%s: item %q has no edit", p.name, it.Label)
				}
				if mode.snippets {
					newText = expandSnippet(newText)
				} else if it.InsertTextFormat == protocol.InsertTextFormatSnippet || regexp.MustCompile(`\$\d|\$\{\d`).MatchString(newText) {
					t.Errorf("%s, %s: item %q is a snippet: %q", mode.name, p.name, it.Label, newText)
				}
				so, eo := l.FromUTF16(int(r.Start.Line), int(r.Start.Character)), l.FromUTF16(int(r.End.Line), int(r.End.Character))
				after := text[:so] + newText + text[eo:]
				matrix[mode.name]++
				if strings.HasPrefix(p.name, "placeholder") {
					// The placeholder is whole: one "}" per "${", nothing of
					// the old name left after it.
					line := after[strings.LastIndex(after[:so], "\n")+1:]
					line = line[:strings.IndexByte(line, '\n')]
					if strings.Count(line, "${") != strings.Count(line, "}") || strings.Contains(line, "}mit") || strings.Contains(line, "}}") {
						t.Errorf("%s, %s: item %q gives %q", mode.name, p.name, it.Label, line)
					}
				}
				for _, d := range analyze(p.kind, after) {
					if d.Rule == lint.Syntax.ID {
						t.Errorf("%s, %s: item %q gives text that does not parse: %s\n%s", mode.name, p.name, it.Label, d.Message, after)
						break
					}
					inside := d.Range.Start >= so && d.Range.Start <= so+len(newText)
					if inside && allowedAfterCompletion[d.Rule] || seen(before, d) ||
						strings.Contains(p.name, " value of ") && meaningOfChoice[d.Rule] {
						continue
					}
					t.Errorf("%s, %s: item %q adds %s: %s\n%s", mode.name, p.name, it.Label, d.Rule, d.Message, after)
					break
				}
			}
			_ = e.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
		}
	}
	for m, n := range matrix {
		t.Logf("%s: %d completions applied at %d places", m, n, len(probes))
		if n < 300 {
			t.Errorf("%s: only %d completions applied", m, n)
		}
	}
}

// seen reports whether the document before had the finding (same rule
// and message).
func seen(before []lint.Diagnostic, d lint.Diagnostic) bool {
	for _, b := range before {
		if b.Rule == d.Rule && b.Message == d.Message {
			return true
		}
	}
	return false
}
