package rules

import (
	"github.com/greylint/greylint/lint"
)

var EnvValue = &lint.Rule{
	ID:       "env-value",
	Summary:  "an env var with both value and valueFrom, or with neither (catalogue GH030)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `An environment variable takes its value from value or from valueFrom.
Kubernetes rejects both at once (error). With neither, the variable is set
to the empty string, which is rarely meant (warning).`,
	Run: runEnvValue,
}

func runEnvValue(p *lint.Pass) {
	for _, o := range envOwners(p.Doc) {
		for _, e := range o.Env {
			vk, v := lint.MapGet(e, "value")
			_, vf := lint.MapGet(e, "valueFrom")
			name, _ := lint.Str(lint.Get(e, "name"))
			switch {
			case v != nil && vf != nil:
				p.Reportf(p.Doc.Range(vk), "env var %q of %s sets both value and valueFrom; Kubernetes accepts only one (remove one of them)", name, o)
			case v == nil && vf == nil && len(e.Content) > 0:
				p.Report(lint.Diagnostic{
					Severity: lint.Warning,
					Range:    p.Doc.Range(e.Content[0]),
					Message:  sprintf("env var %q of %s has neither value nor valueFrom, so it is set to the empty string; add a value", name, o),
				})
			}
		}
	}
}
