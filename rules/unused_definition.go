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
	// A definition is used when a reference names it. When a reference
	// names nothing (a typo, reported by the unknown-* rules), the
	// definition it was meant for would be reported as unused too; so a
	// section with a dangling reference reports nothing unused.
	m := model.Of(p)
	used := map[model.Kind]map[string]bool{model.BuildKind: {}, model.SharedVolumeKind: {}, model.ConfigMapKind: {}}
	for _, w := range m.Workloads() {
		if s, ok := w.ImageFromBuild.Str(); ok {
			used[model.BuildKind][s] = true
		}
		for _, v := range w.Volumes {
			if s, ok := v.Claim.Str(); ok {
				used[model.SharedVolumeKind][s] = true
			}
		}
	}
	for _, r := range m.ConfigMapRefs() {
		if s, ok := r.Name.Str(); ok {
			used[model.ConfigMapKind][s] = true
		}
	}
	for _, v := range m.SharedVolumes {
		if s, ok := v.Source.Str(); ok {
			used[model.ConfigMapKind][s] = true
		}
	}
	dangling := map[model.Kind]bool{}
	for kind, refs := range used {
		defined := map[string]bool{}
		for _, d := range m.Defined(kind) {
			defined[d.NameString()] = true
		}
		for name := range refs {
			if !defined[name] {
				dangling[kind] = true
			}
		}
	}
	for _, s := range []struct {
		kind model.Kind
		how  string
	}{
		{model.BuildKind, "no service or job uses it with image_from_build"},
		{model.SharedVolumeKind, "no service or job claims it"},
		{model.ConfigMapKind, "no envFrom, configMapKeyRef or shared volume reads it"},
	} {
		if dangling[s.kind] {
			continue
		}
		for _, d := range m.Defined(s.kind) {
			if !used[s.kind][d.NameString()] {
				p.Report(lint.Diagnostic{Range: p.Doc.Range(d.Name.Value), Message: fmt.Sprintf("%s %q is never used: %s (remove it if it is not needed)", s.kind, d.NameString(), s.how)})
			}
		}
	}
}
