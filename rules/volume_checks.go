package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownVolumeType = &lint.Rule{
	ID:       "unknown-volume-type",
	Summary:  "a shared volume type other than the documented configmap (catalogue GH041)",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "corrects the case or separators of configmap (ConfigMap to configmap)"},
		{Safety: lint.Unsafe, What: "changes a near miss to configmap"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `The only documented shared volume type is configmap. Other types (a CSI
secret provider, say) very likely exist, so another value is a warning:
check it against your greyhound version.`,
	Run: runUnknownVolumeType,
}

func runUnknownVolumeType(p *lint.Pass) {
	for _, v := range model.Of(p).SharedVolumes {
		n := v.Type.Value
		t, ok := lint.Str(n)
		if !ok || t == "configmap" || t == "" {
			continue
		}
		d := lint.Diagnostic{Range: p.Doc.Range(n), Message: fmt.Sprintf("shared volume type %q is not documented (only configmap is); check that your greyhound accepts it", t)}
		if g := lint.GuessName(t, []string{"configmap"}); g.Best() == "configmap" {
			d.Message = fmt.Sprintf("shared volume type %q is not documented; did you mean \"configmap\"?", t)
			// ConfigMap or config_map can only mean configmap; a near miss
			// may be another volume type this greyhound accepts.
			d.Fixes = g.Fixes(true, func(s string) lint.Fix {
				return lint.Fix{Title: "change to \"configmap\"", Edits: []lint.Edit{replaceScalar(p.Doc, n, s)}}
			})
		}
		p.Report(d)
	}
}

var InvalidMountPath = &lint.Rule{
	ID:       "invalid-mount-path",
	Summary:  "a volume mount_path that is relative, or repeated in one workload (catalogue GH042)",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "makes a relative mount_path absolute from the root: a guess about the base directory"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `mount_path is where the volume appears in the container: an absolute path
(warning when it is not). Two mounts of one workload at the same path
collide; Kubernetes rejects that (error).`,
	Run: runInvalidMountPath,
}

func runInvalidMountPath(p *lint.Pass) {
	for _, w := range model.Of(p).Workloads() {
		first := map[string]lint.Range{}
		for _, v := range w.Volumes {
			n := v.MountPath.Value
			path, ok := lint.Str(n)
			if !ok || path == "" {
				continue
			}
			if r, dup := first[path]; dup {
				p.Report(lint.Diagnostic{
					Severity: lint.Error,
					Range:    p.Doc.Range(n),
					Message:  fmt.Sprintf("%s mounts two volumes at %q; give each mount its own path", w, path),
					Related:  []lint.Related{{Range: r, Message: "first mounted here"}},
				})
				continue
			}
			first[path] = p.Doc.Range(n)
			if path[0] != '/' && path[0] != '$' {
				p.Report(lint.Diagnostic{
					Range:   p.Doc.Range(n),
					Message: fmt.Sprintf("mount_path %q is relative; use an absolute path such as %q", path, "/"+path),
					// Relative to what is a guess: the root is likely, not certain.
					Fixes: []lint.Fix{{Title: "make it absolute", Edits: []lint.Edit{replaceScalar(p.Doc, n, "/"+path)}, Safety: lint.Unsafe}},
				})
			}
		}
	}
}
