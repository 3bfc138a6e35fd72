package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var ParallelismExceedsCompletions = &lint.Rule{
	ID:       "parallelism-exceeds-completions",
	Summary:  "a job runs more pods at once than it needs successes",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runParallelismExceedsCompletions,
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
