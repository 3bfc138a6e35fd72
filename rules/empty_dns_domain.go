package rules

import (
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var EmptyDNSDomain = &lint.Rule{
	ID:       "empty-dns-domain",
	Summary:  "a hostname built from ${cluster.dnsDomain}, which is empty on clusters without one",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run: func(p *lint.Pass) {
		for _, r := range model.Of(p).Rules {
			for _, h := range r.HostList {
				host, _ := lint.Str(h)
				for _, ph := range model.Placeholders(host) {
					if ph.Closed && ph.Name == "cluster.dnsDomain" {
						p.Reportf(subRange(p.Doc, h, ph.Index, ph.Text), "${cluster.dnsDomain} is empty on a cluster without a DNS domain, leaving %q invalid there; make sure the target clusters have one", strings.Replace(host, ph.Text, "", 1))
					}
				}
			}
		}
	},
}
