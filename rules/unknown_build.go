package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownBuild = &lint.Rule{
	ID:       "unknown-build",
	Summary:  "image_from_build names a build that is not defined",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownBuild,
}

func runUnknownBuild(p *lint.Pass) {
	m := model.Of(p)
	builds := m.Defined(model.BuildKind)
	known := lint.NewCandidates(model.Names(builds))
	rel := related(p.Doc, builds, "build")
	for _, w := range m.Workloads() {
		n := w.ImageFromBuild.Value
		ref, ok := lint.Str(n)
		if !ok || ref == "" || strings.Contains(ref, "${") || known.Has(ref) {
			continue
		}
		if otherKind(p, m, n, "image_from_build", model.BuildKind, "name a build under builds, or use image: for an image built elsewhere") {
			continue
		}
		if len(known.Names()) == 0 {
			p.Reportf(p.Doc.Range(n), "image_from_build names build %q, but this file defines no builds; add it under builds, or use image", ref)
			continue
		}
		unresolved(p, n, fmt.Sprintf("image_from_build names build %q, which is not defined", ref), known,
			"defined builds: "+listNames(known.Names()), rel)
	}
}
