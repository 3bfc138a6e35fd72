package rules

import (
	"go.yaml.in/yaml/v3"

	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var DuplicateEnvName = &lint.Rule{
	ID:       "duplicate-env-name",
	Summary:  "an env list defines the same variable twice",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runDuplicateEnvName,
}

func runDuplicateEnvName(p *lint.Pass) {
	for _, o := range model.Of(p).Owners() {
		first := map[string]*yaml.Node{} // a range only for a finding
		for _, e := range o.Env {
			n := e.Name.Value
			name, ok := lint.Str(n)
			if !ok {
				continue
			}
			if at, dup := first[name]; dup {
				p.Report(lint.Diagnostic{
					Range:   p.Doc.Range(n),
					Message: fmt.Sprintf("env var %q is defined twice in %s; Kubernetes keeps only the last one (remove one)", name, o),
					Related: []lint.Related{{Range: p.Doc.Range(at), Message: "first defined here"}},
				})
				continue
			}
			first[name] = n
		}
	}
}
