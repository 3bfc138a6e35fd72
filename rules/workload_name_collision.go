package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
)

var WorkloadNameCollision = &lint.Rule{
	ID:       "workload-name-collision",
	Summary:  "a service and a job share a name (catalogue GH003)",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `Services and jobs both own pods in one namespace, and their names become
Kubernetes object names and labels. A service and a job with the same name
make pods, logs and selectors ambiguous. It is a warning: the two lists
are separate in the file and their Kubernetes kinds differ.`,
	Run: runWorkloadNameCollision,
}

func runWorkloadNameCollision(p *lint.Pass) {
	services := map[string]definition{}
	for _, d := range definitions(p.Doc, "services") {
		if _, dup := services[d.Name]; !dup {
			services[d.Name] = d
		}
	}
	for _, j := range definitions(p.Doc, "jobs") {
		s, ok := services[j.Name]
		if !ok {
			continue
		}
		p.Report(lint.Diagnostic{
			Range:   p.Doc.Range(j.NameNode),
			Message: fmt.Sprintf("job %q has the same name as a service; rename one so pods and labels stay distinguishable", j.Name),
			Related: []lint.Related{{Range: p.Doc.Range(s.NameNode), Message: fmt.Sprintf("service %q defined here", s.Name)}},
		})
	}
}
