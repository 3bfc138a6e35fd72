package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownVolumeSource = &lint.Rule{
	ID:       "unknown-volume-source",
	Summary:  "a configmap shared volume's source is not a defined configmap",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownVolumeSource,
}

func runUnknownVolumeSource(p *lint.Pass) {
	m := model.Of(p)
	cms := m.Defined(model.ConfigMapKind)
	known := lint.NewCandidates(model.Names(cms))
	for _, v := range m.SharedVolumes {
		if v.Type.String() != "configmap" {
			continue
		}
		n := v.Source.Value
		ref, ok := lint.Str(n)
		if !ok || ref == "" || strings.Contains(ref, "${") || known.Has(ref) {
			continue
		}
		unresolved(p, n, fmt.Sprintf("shared volume source %q is not a defined configmap", ref), known,
			"declare it under configmaps", related(p.Doc, cms, "configmap"))
	}
}
