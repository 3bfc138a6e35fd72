package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UndefinedEnvReference = &lint.Rule{
	ID:       "undefined-env-reference",
	Summary:  "$(VAR) refers to no environment variable defined earlier in the same list",
	Severity: lint.Warning,
	Run:      runUndefinedEnvReference,
}

func runUndefinedEnvReference(p *lint.Pass) {
	for _, o := range model.Of(p).Owners() {
		defined := map[string]bool{}
		if o.Kind == model.BuildKind {
			defined["GIT_USERNAME"], defined["GIT_PASSWORD"] = true, true
		}
		later := map[string]bool{}
		for _, e := range o.Env {
			if name, ok := e.Name.Str(); ok {
				later[name] = true
			}
		}
		for _, e := range o.Env {
			v := e.Value.Value
			if s, ok := lint.Str(v); ok {
				for _, ref := range model.KubeRefs(s) {
					if defined[ref.Name] || isGreyhoundVariable(ref.Name) || ref.Name == "" {
						continue
					}
					msg := fmt.Sprintf("%s refers to no environment variable defined earlier in the env list of %s; Kubernetes leaves it as literal text", ref.Text, o)
					if later[ref.Name] {
						msg = fmt.Sprintf("%s is defined later in the env list of %s; Kubernetes only expands variables defined earlier (move %s above)", ref.Text, o, ref.Name)
					}
					p.Report(lint.Diagnostic{Range: subRange(p.Doc, v, ref.Index, ref.Text), Message: msg})
				}
			}
			if name, ok := e.Name.Str(); ok {
				defined[name] = true
			}
		}
	}
}
