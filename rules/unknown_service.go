package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownService = &lint.Rule{
	ID:       "unknown-service",
	Summary:  "a rule routes to a service that is not defined",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownService,
}

func runUnknownService(p *lint.Pass) {
	m := model.Of(p)
	services := m.Defined(model.ServiceKind)
	known := lint.NewCandidates(model.Names(services))
	jobs := model.Names(m.Defined(model.JobKind))
	for _, r := range m.Rules {
		n := r.Service.Value
		ref, ok := lint.Str(n)
		if !ok || ref == "" || strings.Contains(ref, "${") || known.Has(ref) {
			continue
		}
		switch {
		case !slices.Contains(jobs, ref) && otherKind(p, m, n, "rule", model.ServiceKind, "a rule routes to a service with ports"):
		case slices.Contains(jobs, ref):
			p.Report(lint.Diagnostic{Range: p.Doc.Range(n), Related: related(p.Doc, services, "service").nearest(nil),
				Message: fmt.Sprintf("rule routes to %q, which is a job; rules route only to services, which have ports", ref)})
		case len(known.Names()) == 0:
			p.Reportf(p.Doc.Range(n), "rule routes to service %q, but this file defines no services; add it under services", ref)
		default:
			unresolved(p, n, fmt.Sprintf("rule routes to service %q, which is not defined", ref), known,
				"defined services: "+listNames(known.Names()), related(p.Doc, services, "service"))
		}
	}
}
