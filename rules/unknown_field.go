package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var UnknownField = &lint.Rule{
	ID:       schema.UnknownField,
	Summary:  "a field the greyhound documentation does not know",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "renames a case or separator twin of a field the mapping does not have yet (restartPolicy to restart_policy)"},
		{Safety: lint.Unsafe, What: "renames a near miss (replica to replicas, comment to command: check that it is what you meant)"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	StrictSeverity: lint.Error,
	Run:            schemaRun(schema.UnknownField, didYouMeanKey),
}

func didYouMeanKey(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if p.Config.IsExtraField(v.Object, v.Key) {
		d.Message = ""
		return
	}
	if k := complexKey(p.Doc, v); k != nil {
		// "? [a, b]": YAML allows a list or a mapping as a key; no
		// greyhound field is one.
		kind := "a list"
		if k.Kind == yaml.MappingNode {
			kind = "a mapping"
		}
		d.Range = p.Doc.Range(k)
		d.Message = fmt.Sprintf("a key in this %s is %s (written with \"? \"); greyhound's keys are field names: write the field's name", v.Object, kind)
		return
	}
	// A field the mapping already has (directly or through a merge) is no
	// candidate: renaming to it would make a duplicate key, or override
	// the merged value.
	_, obj := p.Doc.Lookup(v.Path)
	var candidates []string
	for _, c := range v.Candidates {
		if !p.Doc.MergedHas(obj, c) {
			candidates = append(candidates, c)
		}
	}
	if h := habitFor(v.Key, v.Object); h != nil {
		d.Message += "; " + h.advice
		if k, _ := p.Doc.Lookup(v.KeyPath()); k != nil && k.Kind == yaml.ScalarNode && h.rename != "" && !p.Doc.MergedHas(obj, h.rename) {
			// Another format's name for a greyhound field: the intent is
			// evident, but the value's shape may differ: a guess.
			d.Fixes = []lint.Fix{{Title: fmt.Sprintf("rename to %q", h.rename), Edits: []lint.Edit{replaceScalar(p.Doc, k, h.rename)}, Safety: lint.Unsafe}}
		}
		return
	}
	g := lint.GuessName(v.Key, candidates)
	switch {
	case len(g.Names) == 0:
		if s := lint.GuessName(v.Key, v.Candidates).Best(); s != "" && p.Doc.MergedHas(obj, s) {
			d.Message += fmt.Sprintf("; %q is already set here, so remove this one or merge the two", s)
			return
		}
		d.Message += "; check the spelling, or remove it if greyhound does not accept it"
		return
	case g.Match == lint.Twin && len(g.Names) == 1:
		d.Message += fmt.Sprintf("; it is spelt %q here", g.Names[0])
	default:
		d.Message += fmt.Sprintf("; did you mean %s?", g.Phrase())
	}
	if k, val := p.Doc.Lookup(v.KeyPath()); k != nil && k.Kind == yaml.ScalarNode {
		// A case or separator twin names the same field (greyhound's own
		// fields are snake_case, Kubernetes' camelCase, never both), so
		// renaming it is safe; a near miss is a guess.
		// Once renamed, the value is checked as that field's: what that
		// finds was wrong all along. A finding about an empty value is
		// placed on its key.
		reveals := p.Doc.Range(val)
		if reveals.End == reveals.Start {
			reveals = lint.Range{Start: p.Doc.Range(k).Start, End: max(reveals.End, p.Doc.Range(k).End)}
		}
		d.Fixes = g.Fixes(true, func(s string) lint.Fix {
			return lint.Fix{Title: fmt.Sprintf("rename to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, k, s)}, Reveals: reveals}
		})
	}
}

// complexKey returns the key of v's object that is not a scalar ("? [a,
// b]"), which the schema check sees as the field "".
func complexKey(doc *lint.Document, v schema.Violation) *yaml.Node {
	if v.Key != "" {
		return nil
	}
	_, obj := doc.Lookup(v.Path)
	obj = lint.Resolve(obj)
	if obj == nil || obj.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(obj.Content); i += 2 {
		if k := obj.Content[i]; k.Kind != yaml.ScalarNode {
			return k
		}
	}
	return nil
}
