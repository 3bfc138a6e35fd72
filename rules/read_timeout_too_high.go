package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var ReadTimeoutTooHigh = &lint.Rule{
	ID:       "read-timeout-too-high",
	Summary:  "a rule read_timeout above 60 seconds, which the docs say can fail deployments",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.ReadTimeout.Value
			if v, ok := intValue(n); ok && v > 60 {
				p.Reportf(p.Doc.Range(n), "read_timeout %d is above 60 seconds, which the docs say can make deployments fail; use at most 60", v)
			}
		}
	},
}
