package rules

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/scalars"
	"github.com/greylint/greylint/lint"
)

// TestIgnoreEditSilencesOnlyThatFinding is the property of the editor's
// "ignore this finding" action (lint.IgnoreEdit), for every finding of
// every rule case and corpus file: the inserted comment is a comment (the
// decoded document is the same), it silences that finding, and it adds
// no finding (no invalid-ignore for its reason, nothing from a broken
// value). A comment inserted inside a block or multi-line value fails all
// three.
func TestIgnoreEditSilencesOnlyThatFinding(t *testing.T) {
	checked, multiline := 0, 0
	type input struct {
		path string
		src  []byte
	}
	var inputs []input
	for _, path := range fixSafetyFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{path, src})
	}
	// And every rule with a fix, its value in every scalar style.
	rnd := rand.New(rand.NewPCG(7, 8))
	for _, c := range styleCases {
		for _, style := range scalars.Styles {
			for range 5 {
				if text, ok := scalars.Encode(rnd, style, c.Values(rnd), c.Indent); ok {
					doc := c.Doc
					if strings.HasPrefix(style, "flow-") {
						doc = c.Flow
					}
					inputs = append(inputs, input{c.Rule + "/" + style + ".yaml", []byte(fmt.Sprintf(doc, text))})
				}
			}
		}
	}
	for _, in := range inputs {
		path, src := in.path, in.src
		f, cfg := caseFile(path, src)
		res := lint.Analyze(context.Background(), f, cfg)
		before, errB := decodeAll(src)
		for _, d := range res.Diagnostics {
			switch d.Rule {
			case lint.Syntax.ID, lint.Internal.ID, lint.InvalidIgnore.ID, lint.UnusedIgnore.ID, lint.MultipleDocuments.ID:
				continue
			}
			e := lint.IgnoreEdit(res.Doc, d, lint.IgnoreReason)
			if res.Doc.Lines.Line(e.Range.Start) != res.Doc.Lines.Line(d.Range.Start) {
				multiline++
			}
			after, _ := lint.ApplyFixes(src, []lint.Fix{{Edits: []lint.Edit{e}}})
			checked++
			if errB == nil {
				got, err := decodeAll(after)
				if err != nil {
					t.Errorf("%s: ignoring %s %q: the text no longer loads: %v\n%s", path, d.Rule, d.Message, err, after)
					continue
				}
				if fmt.Sprint(before) != fmt.Sprint(got) { // NaN-proof, keys sorted
					t.Errorf("%s: ignoring %s %q changes the document\n%s", path, d.Rule, d.Message, after)
					continue
				}
			}
			g := *f
			g.Source = after
			res2 := lint.Analyze(context.Background(), &g, cfg)
			for _, d2 := range res2.Diagnostics {
				if d2.Rule == d.Rule && d2.Message == d.Message && d2.Range.Start == d.Range.Start+len(e.NewText) {
					t.Errorf("%s: ignoring %s %q does not silence it\n%s", path, d.Rule, d.Message, after)
				}
				if d2.Rule == lint.InvalidIgnore.ID && d2.Range.Start >= e.Range.Start && d2.Range.Start < e.Range.Start+len(e.NewText) {
					t.Errorf("%s: the inserted ignore is invalid: %s", path, d2.Message)
				}
			}
			if added := lint.AddedFinding(res.Diagnostics, []lint.Fix{{Edits: []lint.Edit{e}}}, res2.Diagnostics); added != nil && added.Rule != lint.UnusedIgnore.ID {
				t.Errorf("%s: ignoring %s %q adds %s: %s\n%s", path, d.Rule, d.Message, added.Rule, added.Message, after)
			}
		}
	}
	if checked < 200 || multiline < 30 {
		t.Errorf("only %d findings ignored, %d of them inside a multi-line value", checked, multiline)
	}
	t.Logf("%d findings ignored, %d of them above the key of a multi-line value", checked, multiline)
}

// TestIgnoreDirectivesAreComments: a directive is read from a YAML
// comment only. For a value in every scalar style, directive text inside
// the value (a shell comment in a script, a "#" in quotes) silences
// nothing, and a real comment after a value that holds quotes and
// apostrophes silences its finding.
func TestIgnoreDirectivesAreComments(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	cfg := &lint.Config{Rules: All()}
	c := styleCases[0] // unknown-variable
	lintText := func(src string) []lint.Diagnostic {
		return lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg).Diagnostics
	}
	has := func(ds []lint.Diagnostic, rule string) bool {
		for _, d := range ds {
			if d.Rule == rule {
				return true
			}
		}
		return false
	}
	data, comments := 0, 0
	for _, style := range scalars.Styles {
		for range 10 {
			doc := c.Doc
			if strings.HasPrefix(style, "flow-") {
				doc = c.Flow
			}
			v := []string{"it's ${commit.SHA}", "# greylint-ignore[unknown-variable]: data\necho ${commit.SHA}\n", "a \"b\" ${commit.SHA} #c"}[rnd.IntN(3)]
			if text, ok := scalars.Encode(rnd, style, v, c.Indent); ok && strings.Contains(v, "greylint-ignore") {
				src := fmt.Sprintf(doc, text)
				if !has(lintText(src), c.Rule) {
					t.Errorf("%s: directive text inside the value silences the finding:\n%s", style, src)
				}
				data++
			}
			if text, ok := scalars.Encode(rnd, style, v, c.Indent); ok && !strings.Contains(v, "greylint-ignore") && !strings.ContainsAny(text, "\r\n") {
				src := strings.TrimSuffix(fmt.Sprintf(doc, text), "\n")
				if strings.HasPrefix(style, "flow-") {
					src = strings.TrimSuffix(src, "}") + "} # greylint-ignore[unknown-variable]: legacy\n"
				} else {
					src += "  # greylint-ignore[unknown-variable]: legacy\n"
				}
				if ds := lintText(src); has(ds, c.Rule) || has(ds, lint.UnusedIgnore.ID) || has(ds, lint.InvalidIgnore.ID) {
					t.Errorf("%s: the comment after the value does not silence its finding: %v\n%s", style, ds, src)
				}
				comments++
			}
		}
	}
	if data < 10 || comments < 10 {
		t.Errorf("only %d values with directive text, %d comments after values", data, comments)
	}
}
