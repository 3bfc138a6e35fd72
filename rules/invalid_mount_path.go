package rules

import (
	"go.yaml.in/yaml/v3"

	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InvalidMountPath = &lint.Rule{
	ID:       "invalid-mount-path",
	Summary:  "a volume mount_path that is relative, or repeated in one workload",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "makes a relative mount_path absolute from the root: a guess about the base directory"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runInvalidMountPath,
}

func runInvalidMountPath(p *lint.Pass) {
	for _, w := range model.Of(p).Workloads() {
		first := map[string]*yaml.Node{} // a range only for a finding
		for _, v := range w.Volumes {
			n := v.MountPath.Value
			path, ok := lint.Str(n)
			if !ok || path == "" {
				continue
			}
			if at, dup := first[path]; dup {
				p.Report(lint.Diagnostic{
					Severity: lint.Error,
					Range:    p.Doc.Range(n),
					Message:  fmt.Sprintf("%s mounts two volumes at %q; give each mount its own path", w, path),
					Related:  []lint.Related{{Range: p.Doc.Range(at), Message: "first mounted here"}},
				})
				continue
			}
			first[path] = n
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
