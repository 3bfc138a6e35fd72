package rules

import (
	"github.com/greylint/greylint/lint"
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
	for _, w := range workloads(p.Doc) {
		if w.Kind != "job" {
			continue
		}
		pn, cn := lint.Get(w.Node, "parallelism"), lint.Get(w.Node, "completions")
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
	for _, w := range workloads(p.Doc) {
		if n := lint.Get(w.Node, "suspend"); w.Kind == "job" && isTrue(n) {
			p.Reportf(p.Doc.Range(n), "%s is created suspended and will not run until it is resumed; remove suspend if it should run on deploy", w)
		}
	}
}
