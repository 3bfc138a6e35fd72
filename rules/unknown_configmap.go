package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

var UnknownConfigmap = &lint.Rule{
	ID:       "unknown-configmap",
	Summary:  "envFrom or configMapKeyRef names a configmap this file does not define (catalogue GH033, XR5, XR6)",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `envFrom[].configMapRef.name and env[].valueFrom.configMapKeyRef.name usually
name a configmap of the same file. A ConfigMap created outside greyhound
would also satisfy Kubernetes, so this is a warning; set optional: true on
the reference, or disable the rule, if you rely on one.`,
	Run: runUnknownConfigmap,
}

// configmapRef is a reference to a configmap by name, with the key node
// for configMapKeyRef.
type configmapRef struct {
	Owner    envOwner
	Name     *yaml.Node
	Key      *yaml.Node // nil for envFrom
	Optional bool
}

func configmapRefs(doc *lint.Document) []configmapRef {
	var out []configmapRef
	for _, o := range envOwners(doc) {
		for _, e := range o.Env {
			if ref := lint.Get(e, "valueFrom", "configMapKeyRef"); ref != nil {
				out = append(out, configmapRef{Owner: o, Name: lint.Get(ref, "name"), Key: lint.Get(ref, "key"), Optional: isTrue(lint.Get(ref, "optional"))})
			}
		}
		for _, e := range lint.Mappings(o.Node, "envFrom") {
			if ref := lint.Get(e, "configMapRef"); ref != nil {
				out = append(out, configmapRef{Owner: o, Name: lint.Get(ref, "name"), Optional: isTrue(lint.Get(ref, "optional"))})
			}
		}
	}
	return out
}

func isTrue(n *yaml.Node) bool {
	n = lint.Resolve(n)
	return n != nil && n.ShortTag() == "!!bool" && n.Value == "true"
}

func runUnknownConfigmap(p *lint.Pass) {
	cms := definitions(p.Doc, "configmaps")
	known := names(cms)
	for _, r := range configmapRefs(p.Doc) {
		ref, ok := lint.Str(r.Name)
		if !ok || ref == "" || r.Optional || strings.Contains(ref, "${") || contains(known, ref) {
			continue
		}
		unresolved(p, r.Name, fmt.Sprintf("%s reads configmap %q, which this file does not define", r.Owner, ref), known,
			"declare it under configmaps unless it is created outside greyhound", related(p.Doc, cms, "configmap"))
	}
}
