package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var ParallelismExceedsCompletions = &lint.Rule{
	ID:       "parallelism-exceeds-completions",
	Summary:  "a job runs more pods at once than it needs successes (catalogue GH018)",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `With completions set, Kubernetes never runs more than the remaining
completions at once, so parallelism above completions only suggests a
mix-up of the two numbers.`,
	Run: runParallelismExceedsCompletions,
}

func runParallelismExceedsCompletions(p *lint.Pass) {
	for _, w := range model.Of(p).Jobs {
		pn, cn := w.Parallelism.Value, w.Completions.Value
		par, ok1 := intValue(pn)
		comp, ok2 := intValue(cn)
		if ok1 && ok2 && par > comp {
			p.Reportf(p.Doc.Range(pn), "%s has parallelism %d above completions %d; at most %d pods can run at once (did you swap them?)", w, par, comp, comp)
		}
	}
}

var SuspendedJob = &lint.Rule{
	ID:       "suspended-job",
	Summary:  "a job created suspended will not run until resumed (catalogue GH019)",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `suspend: true creates the job without starting it; it runs only when
someone resumes it. That is right for a manual task, and surprising for a
migration that the deployment waits for.`,
	Run: runSuspendedJob,
}

func runSuspendedJob(p *lint.Pass) {
	for _, w := range model.Of(p).Jobs {
		if n := w.Suspend.Value; model.IsTrue(n) {
			p.Reportf(p.Doc.Range(n), "%s is created suspended and will not run until it is resumed; remove suspend if it should run on deploy", w)
		}
	}
}
