package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var RuleServiceNoPorts = &lint.Rule{
	ID:       "rule-service-no-ports",
	Summary:  "a rule routes to a service that exposes no port",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runRuleServiceNoPorts,
}

func runRuleServiceNoPorts(p *lint.Pass) {
	m := model.Of(p)
	services := map[string]*model.Workload{}
	for _, s := range m.Services {
		if name, ok := s.Name.Str(); ok {
			services[name] = s // the last of a duplicated name, as before
		}
	}
	for _, r := range m.Rules {
		n := r.Service.Value
		ref, _ := lint.Str(n)
		svc, ok := services[ref]
		if !ok || len(lint.Items(svc.Ports.Value)) > 0 {
			continue
		}
		if ports := svc.Ports.Resolved(); ports != nil && ports.Kind != yaml.SequenceNode /* invalid-type reports it */ {
			continue
		}
		p.Report(lint.Diagnostic{
			Range:   p.Doc.Range(n),
			Message: fmt.Sprintf("rule routes to service %q, which exposes no port; add ports: [{containerPort: <port>}] to the service", ref),
			Related: []lint.Related{{Range: p.Doc.Range(svc.Name.Value), Message: fmt.Sprintf("service %q defined here", ref)}},
		})
	}
}
