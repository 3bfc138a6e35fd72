package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownConfigmap = &lint.Rule{
	ID:       "unknown-configmap",
	Summary:  "envFrom or configMapKeyRef names a configmap this file does not define",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownConfigmap,
}

func runUnknownConfigmap(p *lint.Pass) {
	m := model.Of(p)
	cms := m.Defined(model.ConfigMapKind)
	known := lint.NewCandidates(model.Names(cms))
	for _, r := range m.ConfigMapRefs() {
		ref, ok := r.Name.Str()
		if !ok || ref == "" || r.IsOptional() || strings.Contains(ref, "${") || known.Has(ref) {
			continue
		}
		unresolved(p, r.Name.Value, fmt.Sprintf("%s reads configmap %q, which this file does not define", r.Owner, ref), known,
			"declare it under configmaps unless it is created outside greyhound", related(p.Doc, cms, "configmap"))
	}
}
