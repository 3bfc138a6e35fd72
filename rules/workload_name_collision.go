package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var WorkloadNameCollision = &lint.Rule{
	ID:       "workload-name-collision",
	Summary:  "a service and a job share a name",
	Severity: lint.Warning,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runWorkloadNameCollision,
}

func runWorkloadNameCollision(p *lint.Pass) {
	m := model.Of(p)
	services := map[string]*model.Entry{}
	for _, s := range m.Defined(model.ServiceKind) {
		if _, dup := services[s.NameString()]; !dup {
			services[s.NameString()] = s
		}
	}
	for _, j := range m.Defined(model.JobKind) {
		s, ok := services[j.NameString()]
		if !ok {
			continue
		}
		p.Report(lint.Diagnostic{
			Range:   p.Doc.Range(j.Name.Value),
			Message: fmt.Sprintf("job %q has the same name as a service; rename one so pods and labels stay distinguishable", j.NameString()),
			Related: []lint.Related{{Range: p.Doc.Range(s.Name.Value), Message: fmt.Sprintf("service %q defined here", s.NameString())}},
		})
	}
}
