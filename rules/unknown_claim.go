package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownClaim = &lint.Rule{
	ID:       "unknown-claim",
	Summary:  "a volume mount claims a shared volume that is not defined",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownClaim,
}

func runUnknownClaim(p *lint.Pass) {
	m := model.Of(p)
	vols := m.Defined(model.SharedVolumeKind)
	known := lint.NewCandidates(model.Names(vols))
	for _, w := range m.Workloads() {
		for _, v := range w.Volumes {
			n := v.Claim.Value
			ref, ok := lint.Str(n)
			if !ok || ref == "" || strings.Contains(ref, "${") || known.Has(ref) {
				continue
			}
			unresolved(p, n, fmt.Sprintf("%s claims shared volume %q, which is not defined", w, ref), known,
				"declare it under shared_volumes", related(p.Doc, vols, "shared volume"))
		}
	}
}
