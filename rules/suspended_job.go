package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var SuspendedJob = &lint.Rule{
	ID:       "suspended-job",
	Summary:  "a job created suspended will not run until resumed",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runSuspendedJob,
}

func runSuspendedJob(p *lint.Pass) {
	for _, w := range model.Of(p).Jobs {
		if n := w.Suspend.Value; model.IsTrue(n) {
			p.Reportf(p.Doc.Range(n), "%s is created suspended and will not run until it is resumed; remove suspend if it should run on deploy", w)
		}
	}
}
