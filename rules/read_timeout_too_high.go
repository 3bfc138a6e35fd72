package rules

import (
	"strconv"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// maxReadTimeout is the highest read_timeout (seconds) the docs say
// deployments take.
const maxReadTimeout = 60

var ReadTimeoutTooHigh = &lint.Rule{
	ID:       "read-timeout-too-high",
	Summary:  "a rule read_timeout above 60 seconds, which the docs say can fail deployments",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			n := r.ReadTimeout.Value
			if v, ok := wholeNumber(n); ok && v > maxReadTimeout {
				text := lint.Resolve(n).Value
				if s := strconv.FormatFloat(v, 'f', -1, 64); s != text {
					text += " (" + s + ")"
				}
				p.Reportf(p.Doc.Range(n), "read_timeout %s is above %d seconds, which the docs say can make deployments fail; use at most %d", text, maxReadTimeout, maxReadTimeout)
			}
		}
	},
}
