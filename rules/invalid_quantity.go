package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidQuantity = &lint.Rule{
	ID:       "invalid-quantity",
	Summary:  "a cpu or memory value that is not a Kubernetes quantity",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runInvalidQuantity,
}

// resourceLists yields every requests/limits mapping of builds and workloads.
// resourceLists calls f for the requests and limits mappings of every
// build, service and job.
func resourceLists(m *model.Model, f func(owner *model.Owner, kind string, list *yaml.Node)) {
	for _, o := range m.Owners() {
		for _, kind := range []string{"requests", "limits"} {
			if l := o.ResourceList(kind); l != nil {
				f(o, kind, l)
			}
		}
	}
}

func runInvalidQuantity(p *lint.Pass) {
	// The resources mappings are read as raw nodes: their keys (cpu,
	// memory, ephemeral-storage, extended resources) are open-ended.
	resourceLists(model.Of(p), func(o *model.Owner, kind string, list *yaml.Node) {
		for _, kv := range lint.MergedPairs(list) {
			key, val := kv[0], kv[1]
			v := lint.Resolve(val)
			if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!bool" || v.ShortTag() == "!!null" || strings.Contains(v.Value, "${") {
				continue // invalid-type reports non-quantities of the wrong type
			}
			if _, ok := parseQuantity(v.Value); ok {
				continue
			}
			p.Reportf(p.Doc.Range(val), "%s %s %q is not a Kubernetes quantity; %s", key.Value, kind[:len(kind)-1], v.Value, quantityHint(v.Value))
		}
	})
}
