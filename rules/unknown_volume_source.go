package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownVolumeSource = &lint.Rule{
	ID:       "unknown-volume-source",
	Summary:  "a configmap shared volume's source is not a defined configmap (catalogue GH040, XR9)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `A shared volume of type configmap mounts the configmap named by source,
which must be declared under configmaps in the same file.

Bad:

` + "```yaml" + `
configmaps:
  - name: nginx
    data: {default.conf: "server {}"}
shared_volumes:
  - name: nginx-conf
    type: configmap
    source: ngnix
` + "```" + `

Good:

` + "```yaml" + `
shared_volumes:
  - name: nginx-conf
    type: configmap
    source: nginx
` + "```",
	Run: runUnknownVolumeSource,
}

func runUnknownVolumeSource(p *lint.Pass) {
	cms := definitions(p.Doc, "configmaps")
	known := names(cms)
	for _, v := range mappings(p.Doc.Root, "shared_volumes") {
		if t, _ := lint.Str(get(v, "type")); t != "configmap" {
			continue
		}
		n := get(v, "source")
		ref, ok := lint.Str(n)
		if !ok || ref == "" || strings.Contains(ref, "${") || contains(known, ref) {
			continue
		}
		d := lint.Diagnostic{Range: p.Doc.Range(n), Related: related(p.Doc, cms, "configmap")}
		if s := suggest(ref, known); s != "" {
			d.Message = fmt.Sprintf("shared volume source %q is not a defined configmap; did you mean %q?", ref, s)
			d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}, Certain: true}}
		} else {
			d.Message = fmt.Sprintf("shared volume source %q is not a defined configmap; declare it under configmaps", ref)
		}
		p.Report(d)
	}
}
