package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var PublicVisibility = &lint.Rule{
	ID:       "public-visibility",
	Summary:  "a rule exposes a service publicly, which needs platform approval",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.Visibility.Value
			if s, _ := lint.Str(n); s == "nginx-public" {
				p.Reportf(p.Doc.Range(n), "nginx-public exposes the service to public traffic, which needs networking work and platform-team approval (#proj-ephemeral-environments); use nginx-internal unless you have it")
			}
		}
	},
}
