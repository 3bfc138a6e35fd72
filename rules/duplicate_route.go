package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var DuplicateRoute = &lint.Rule{
	ID:       "duplicate-route",
	Summary:  "two rules route the same hostname and path",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run: func(p *lint.Pass) {
		first := map[string]*yaml.Node{}
		for _, r := range model.Of(p).Rules {
			path, ok := r.Path.Str()
			if !ok {
				continue
			}
			for _, h := range r.HostList {
				host, ok := lint.Str(h)
				if !ok {
					continue
				}
				key := strings.ToLower(host) + " " + path
				if f, dup := first[key]; dup {
					p.Report(lint.Diagnostic{
						Range:   p.Doc.Range(h),
						Message: fmt.Sprintf("another rule already routes %s%s; only one of them will receive the traffic (change the path or the hostname)", host, path),
						Related: []lint.Related{{Range: p.Doc.Range(f), Message: "first routed here"}},
					})
					continue
				}
				first[key] = h
			}
		}
	},
}
