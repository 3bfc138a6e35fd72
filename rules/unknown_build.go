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
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `A service or job with image_from_build runs the image of the build with that
name in the same file. If no build has that name, the deployment fails.
The message suggests the closest build name and lists the defined builds
as related locations. A value containing a ${...} placeholder is not
checked.

Bad:

` + "```yaml" + `
builds:
  - name: api-build
jobs:
  - name: migrate
    image_from_build: api-buld
` + "```" + `

Good:

` + "```yaml" + `
builds:
  - name: api-build
jobs:
  - name: migrate
    image_from_build: api-build
` + "```",
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
			d := lint.Diagnostic{Range: p.Doc.Range(n), Related: related}
			switch s := lint.Suggest(ref, known); {
			case len(known) == 0:
				d.Message = fmt.Sprintf("image_from_build names build %q, but this file defines no builds; add it under builds, or use image", ref)
			case s != "":
				d.Message = fmt.Sprintf("image_from_build names build %q, which is not defined; did you mean %q?", ref, s)
				d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}, Certain: true}}
			default:
				d.Message = fmt.Sprintf("image_from_build names build %q, which is not defined; defined builds: %s", ref, strings.Join(known, ", "))
			}
			p.Report(d)
		}
	}
}
