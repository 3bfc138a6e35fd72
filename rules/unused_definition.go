package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
)

var UnusedDefinition = &lint.Rule{
	ID:       "unused-definition",
	Summary:  "a build, shared volume or configmap that nothing in the file uses (catalogue GH013, GH043)",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `A build that no service or job runs (image_from_build) is built on every
push for nothing; a shared volume that no workload claims, or a configmap
that no envFrom, configMapKeyRef or shared volume reads, is dead
configuration, often the trace of a rename. It is an info: something
outside the file may use it.`,
	Run: runUnusedDefinition,
}

func runUnusedDefinition(p *lint.Pass) {
	// A definition is used when a reference names it. When a reference
	// names nothing (a typo, reported by the unknown-* rules), the
	// definition it was meant for would be reported as unused too; so a
	// section with a dangling reference reports nothing unused.
	used := map[string]map[string]bool{"builds": {}, "shared_volumes": {}, "configmaps": {}}
	for _, w := range workloads(p.Doc) {
		if s, ok := lint.Str(lint.Get(w.Node, "image_from_build")); ok {
			used["builds"][s] = true
		}
		for _, v := range lint.Mappings(w.Node, "volumes") {
			if s, ok := lint.Str(lint.Get(v, "claim")); ok {
				used["shared_volumes"][s] = true
			}
		}
	}
	for _, r := range configmapRefs(p.Doc) {
		if s, ok := lint.Str(r.Name); ok {
			used["configmaps"][s] = true
		}
	}
	for _, v := range lint.Mappings(p.Doc.Root, "shared_volumes") {
		if s, ok := lint.Str(lint.Get(v, "source")); ok {
			used["configmaps"][s] = true
		}
	}
	dangling := map[string]bool{}
	for section, refs := range used {
		defined := names(definitions(p.Doc, section))
		for name := range refs {
			if !contains(defined, name) {
				dangling[section] = true
			}
		}
	}
	for _, s := range []struct{ section, noun, how string }{
		{"builds", "build", "no service or job uses it with image_from_build"},
		{"shared_volumes", "shared volume", "no service or job claims it"},
		{"configmaps", "configmap", "no envFrom, configMapKeyRef or shared volume reads it"},
	} {
		if dangling[s.section] {
			continue
		}
		for _, d := range definitions(p.Doc, s.section) {
			if !used[s.section][d.Name] {
				p.Report(lint.Diagnostic{Range: p.Doc.Range(d.NameNode), Message: fmt.Sprintf("%s %q is never used: %s (remove it if it is not needed)", s.noun, d.Name, s.how)})
			}
		}
	}
}
