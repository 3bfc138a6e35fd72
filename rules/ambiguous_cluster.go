package rules

import (
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var AmbiguousCluster = &lint.Rule{
	ID:       "ambiguous-cluster",
	Summary:  "an environment without cluster imports applications with different default_clusters",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindApplications},
	Run:      runAmbiguousCluster,
}

func runAmbiguousCluster(p *lint.Pass) {
	m := model.Of(p)
	clusters := defaultClusters(m)
	for _, env := range m.Environments {
		if env.Cluster.Value != nil {
			continue
		}
		var distinct []string
		for _, im := range env.Imports {
			if c := clusters[im.Name.String()]; c != "" && !slices.Contains(distinct, c) {
				distinct = append(distinct, c)
			}
		}
		if len(distinct) < 2 || env.Name.Value == nil {
			continue
		}
		p.Reportf(p.Doc.Range(env.Name.Value), "%s sets no cluster and its applications default to different clusters (%s); set cluster: to choose one", env, strings.Join(distinct, ", "))
	}
}
