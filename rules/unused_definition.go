package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnusedDefinition = &lint.Rule{
	ID:       "unused-definition",
	Summary:  "a build, shared volume or configmap that nothing in the file uses",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runUnusedDefinition,
}

func runUnusedDefinition(p *lint.Pass) {
	// A definition is used when a reference names it: the model's symbol
	// index says which (the server's references answer from the same
	// index). When a reference names nothing (a typo, reported by the
	// unknown-* rules), the definition it was meant for would be reported
	// as unused too; so a kind with a dangling reference reports nothing
	// unused.
	m := model.Of(p)
	for _, s := range []struct {
		kind model.Kind
		how  string
	}{
		{model.BuildKind, "no service or job uses it with image_from_build"},
		{model.SharedVolumeKind, "no service or job claims it"},
		{model.ConfigMapKind, "no envFrom, configMapKeyRef or shared volume reads it"},
	} {
		if m.Dangling(s.kind) {
			continue
		}
		for _, d := range m.Defined(s.kind) {
			if sym := m.Symbol(s.kind, d.NameString()); sym == nil || len(sym.Refs) == 0 {
				p.Report(lint.Diagnostic{Range: p.Doc.Range(d.Name.Value), Message: fmt.Sprintf("%s %q is never used: %s (remove it if it is not needed)", s.kind, d.NameString(), s.how)})
			}
		}
	}
}
