package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownVolumeType = &lint.Rule{
	ID:       "unknown-volume-type",
	Summary:  "a shared volume type other than the documented configmap",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "corrects the case or separators of configmap (ConfigMap to configmap)"},
		{Safety: lint.Unsafe, What: "changes a near miss to configmap"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownVolumeType,
}

func runUnknownVolumeType(p *lint.Pass) {
	for _, v := range model.Of(p).SharedVolumes {
		n := v.Type.Value
		t, ok := lint.Str(n)
		if !ok || t == "configmap" || t == "" {
			continue
		}
		d := lint.Diagnostic{Range: p.Doc.Range(n), Message: fmt.Sprintf("shared volume type %q is not documented (only configmap is); check that your greyhound accepts it", t)}
		if g := lint.GuessName(t, []string{"configmap"}); g.Best() == "configmap" {
			d.Message = fmt.Sprintf("shared volume type %q is not documented; did you mean \"configmap\"?", t)
			// ConfigMap or config_map can only mean configmap; a near miss
			// may be another volume type this greyhound accepts.
			d.Fixes = g.Fixes(true, func(s string) lint.Fix {
				return lint.Fix{Title: "change to \"configmap\"", Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}}
			})
		}
		p.Report(d)
	}
}
