package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var EnvValue = &lint.Rule{
	ID:       "env-value",
	Summary:  "an env var with both value and valueFrom, or with neither",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runEnvValue,
}

func runEnvValue(p *lint.Pass) {
	for _, o := range model.Of(p).Owners() {
		for _, e := range o.Env {
			if misplacedEnvFrom(e.Node) {
				continue // unknown-field says it belongs in envFrom
			}
			name := e.Name.String()
			switch {
			case e.Value.Value != nil && e.ValueFrom.Value != nil:
				p.Reportf(p.Doc.Range(e.Value.Key), "env var %q of %s sets both value and valueFrom; Kubernetes accepts only one (remove one of them)", name, o)
			case e.Value.Value == nil && e.ValueFrom.Value == nil && len(e.Node.Content) > 0:
				p.Report(lint.Diagnostic{
					Severity: lint.Warning,
					Range:    p.Doc.Range(e.Node.Content[0]),
					Message:  fmt.Sprintf("env var %q of %s has neither value nor valueFrom, so it is set to the empty string; add a value", name, o),
				})
			}
		}
	}
}
