package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var RequestsExceedLimits = &lint.Rule{
	ID:       "requests-exceed-limits",
	Summary:  "a resource request is greater than its limit",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runRequestsExceedLimits,
}

func runRequestsExceedLimits(p *lint.Pass) {
	// Raw nodes: requests and limits are compared key by key, whatever
	// the resource names.
	for _, o := range model.Of(p).Owners() {
		req, lim := o.ResourceList("requests"), o.ResourceList("limits")
		if req == nil || lim == nil {
			continue
		}
		for _, kv := range lint.MergedPairs(req) {
			name, rn := kv[0].Value, kv[1]
			_, ln := lint.MergedGet(lim, name)
			if ln == nil {
				continue
			}
			rv, ok1 := parseQuantity(lint.Resolve(rn).Value)
			lv, ok2 := parseQuantity(lint.Resolve(ln).Value)
			if !ok1 || !ok2 || rv.Cmp(lv) <= 0 {
				continue
			}
			p.Report(lint.Diagnostic{
				Range:   p.Doc.Range(rn),
				Message: fmt.Sprintf("%s requests %s %s but its limit is %s; a request cannot exceed the limit (lower the request or raise the limit)", o, lint.Resolve(rn).Value, name, lint.Resolve(ln).Value),
				Related: []lint.Related{{Range: p.Doc.Range(ln), Message: "limit set here"}},
			})
		}
	}
}
