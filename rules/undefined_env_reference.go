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
	m := model.Of(p)
	configmaps := map[string]*model.ConfigMap{}
	for _, c := range m.ConfigMaps {
		if name, ok := c.Name.Str(); ok {
			configmaps[name] = c
		}
	}
	for _, o := range m.Owners() {
		defined := map[string]bool{}
		if o.Kind == model.BuildKind {
			defined["GIT_USERNAME"], defined["GIT_PASSWORD"] = true, true
		}
		// Kubernetes defines the variables of envFrom before it expands
		// the env values: the keys of a configmap this file defines (with
		// the entry's prefix) are defined; a configmap or secret it does not
		// define may hold any name, so a reference is then only a warning.
		var unknownSource string
		for _, ef := range o.EnvFrom {
			prefix := ef.Prefix.String()
			switch {
			case ef.ConfigMapRef != nil && configmaps[ef.ConfigMapRef.Name.String()] != nil:
				for _, kv := range configmaps[ef.ConfigMapRef.Name.String()].Data.Pairs() {
					defined[prefix+kv[0].Value] = true
				}
			case ef.ConfigMapRef != nil:
				unknownSource = fmt.Sprintf("configmap %q", ef.ConfigMapRef.Name.String())
			case ef.SecretRef != nil:
				unknownSource = fmt.Sprintf("secret %q", ef.SecretRef.Name.String())
			}
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
					d := lint.Diagnostic{Range: subRange(p.Doc, v, ref.Index, ref.Text),
						Message: fmt.Sprintf("%s refers to no environment variable defined earlier in the env list of %s; Kubernetes leaves it as literal text", ref.Text, o)}
					switch {
					case later[ref.Name]:
						d.Message = fmt.Sprintf("%s is defined later in the env list of %s; Kubernetes only expands variables defined earlier (move %s above)", ref.Text, o, ref.Name)
					case unknownSource != "":
						d.Severity = lint.Warning
						d.Message = fmt.Sprintf("%s is not defined in the env list of %s, nor by a configmap this file defines; check that its envFrom %s has %s, or Kubernetes leaves it as literal text", ref.Text, o, unknownSource, ref.Name)
					}
					p.Report(d)
				}
			}
			if name, ok := e.Name.Str(); ok {
				defined[name] = true
			}
		}
	}
}
