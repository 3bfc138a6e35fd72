package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

var RuleServiceNoPorts = &lint.Rule{
	ID:       "rule-service-no-ports",
	Summary:  "a rule routes to a service that exposes no port (catalogue GH051, XR4)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `The Ingress that greyhound generates for a rule sends traffic to a port of
the service; a service without ports cannot receive it.`,
	Run: runRuleServiceNoPorts,
}

func runRuleServiceNoPorts(p *lint.Pass) {
	services := map[string]definition{}
	for _, d := range definitions(p.Doc, "services") {
		services[d.Name] = d
	}
	for _, r := range lint.Mappings(p.Doc.Root, "rules") {
		n := lint.Get(r, "service")
		ref, _ := lint.Str(n)
		svc, ok := services[ref]
		if !ok || len(lint.Items(lint.Get(svc.Item, "ports"))) > 0 {
			continue
		}
		if ports := lint.Get(svc.Item, "ports"); ports != nil && lint.Resolve(ports).Kind != yaml.SequenceNode /* invalid-type reports it */ {
			continue
		}
		p.Report(lint.Diagnostic{
			Range:   p.Doc.Range(n),
			Message: fmt.Sprintf("rule routes to service %q, which exposes no port; add ports: [{containerPort: <port>}] to the service", ref),
			Related: []lint.Related{{Range: p.Doc.Range(svc.NameNode), Message: fmt.Sprintf("service %q defined here", ref)}},
		})
	}
}
