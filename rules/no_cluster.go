package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var NoCluster = &lint.Rule{
	ID:       "no-cluster",
	Summary:  "an environment has no cluster and none of its applications a default_cluster",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindApplications},
	Run:      runNoCluster,
}

// defaultClusters maps application names to their default_cluster ("" when unset).
func defaultClusters(m *model.Model) map[string]string {
	out := map[string]string{}
	for _, a := range m.Applications {
		if name, ok := a.Name.Str(); ok {
			out[name] = a.DefaultCluster.String()
		}
	}
	return out
}

func runNoCluster(p *lint.Pass) {
	m := model.Of(p)
	clusters := defaultClusters(m)
	for _, env := range m.Environments {
		if env.Cluster.Value != nil || len(env.Imports) == 0 || env.Partial {
			continue
		}
		found, known := false, true
		for _, im := range env.Imports {
			c, declared := clusters[im.Name.String()]
			found = found || c != ""
			known = known && declared
		}
		if found || !known {
			continue
		}
		var apps []string
		for _, im := range env.Imports {
			apps = append(apps, im.Name.String())
		}
		r := p.Doc.Range(env.Node.Content[0])
		if env.Name.Value != nil {
			r = p.Doc.Range(env.Name.Value)
		}
		p.Report(lint.Diagnostic{Range: r, Message: fmt.Sprintf("%s sets no cluster and none of its applications (%s) has a default_cluster; set cluster: on the environment", env, strings.Join(apps, ", "))})
	}
}
