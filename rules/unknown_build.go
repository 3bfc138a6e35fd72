package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownBuild = &lint.Rule{
	ID:       "unknown-build",
	Summary:  "image_from_build names a build that is not defined (catalogue GH012, XR1, XR2)",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `A service or job with image_from_build runs the image of the build with that
name in the same file. If no build has that name, the deployment fails.
The message suggests the closest build name and lists the defined builds
as related locations. A value containing a ${...} placeholder is not
checked.`,
	Run: runUnknownBuild,
}

func runUnknownBuild(p *lint.Pass) {
	builds := definitions(p.Doc, "builds")
	known := names(builds)
	var related []lint.Related
	for _, b := range builds {
		related = append(related, lint.Related{Range: p.Doc.Range(b.NameNode), Message: fmt.Sprintf("build %q defined here", b.Name)})
	}
	for _, section := range []string{"services", "jobs"} {
		for _, w := range entries(p.Doc, section) {
			_, n := lint.MapGet(lint.Resolve(w), "image_from_build")
			ref, ok := lint.Str(n)
			if !ok || ref == "" || strings.Contains(ref, "${") || slices.Contains(known, ref) {
				continue
			}
			if len(known) == 0 {
				p.Reportf(p.Doc.Range(n), "image_from_build names build %q, but this file defines no builds; add it under builds, or use image", ref)
				continue
			}
			unresolved(p, n, fmt.Sprintf("image_from_build names build %q, which is not defined", ref), known,
				"defined builds: "+strings.Join(known, ", "), related)
		}
	}
}
