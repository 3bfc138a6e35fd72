package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestRemoveFieldFixRemovesExactlyTheField is forbidden-field's fix (offered
// in the editor, never applied by the CLI) over the places a field can be
// written: a one-line, flow or block value, with a comment after it, as the
// first, a middle or the last key of a list item, at the end of the file
// with and without a final line break. Where the key starts its line the
// fix is offered, and applied it removes whole lines, the decoded
// documents lose that key and nothing else, and the finding goes; where
// the key follows "- " (removing its lines would take the item's other
// keys) no fix is offered.
func TestRemoveFieldFixRemovesExactlyTheField(t *testing.T) {
	values := []string{
		"replicas: 2",
		"replicas: 2 # two",
		"ports: [{containerPort: 80}]",
		"ports:\n      - containerPort: 80\n      - containerPort: 81",
		"ports:\n      - containerPort: 80\n      # a comment of the list",
	}
	cfg := &lint.Config{Rules: All()}
	checked := 0
	for _, field := range values {
		key, _, _ := strings.Cut(field, ":")
		for _, place := range []string{"first", "middle", "last", "before another job", "end of file", "end of file, no final break"} {
			entries := []string{"name: migrate", "image: busybox"}
			switch place {
			case "first":
				entries = append([]string{field}, entries...)
			case "middle":
				entries = []string{entries[0], field, entries[1]}
			default:
				entries = append(entries, field)
			}
			src := "jobs:\n  - " + strings.Join(entries, "\n    ") + "\n"
			switch place {
			case "before another job":
				src += "  - name: other\n    image: busybox\n"
			case "end of file, no final break":
				src = strings.TrimSuffix(src, "\n")
			}
			name := fmt.Sprintf("%q %s", field, place)
			f := &lint.File{Path: ".greyhound/config.yaml", Kind: lint.KindConfig, Source: []byte(src)}
			res := lint.Analyze(context.Background(), f, cfg)
			var found []lint.Diagnostic
			for _, d := range res.Diagnostics {
				if d.Rule == ForbiddenField.ID {
					found = append(found, d)
				}
			}
			if len(found) != 1 || src[found[0].Range.Start:found[0].Range.End] != key {
				t.Errorf("%s: want one forbidden-field on %q, got %v\n%s", name, key, found, src)
				continue
			}
			d := found[0]
			if place == "first" {
				if len(d.Fixes) != 0 {
					t.Errorf("%s: a fix that would remove the item's other keys: %v\n%s", name, d.Fixes, src)
				}
				continue
			}
			if len(d.Fixes) != 1 || d.Fixes[0].Safety != lint.Manual || d.Fixes[0].Title != fmt.Sprintf("remove %q", key) || len(d.Fixes[0].Edits) != 1 {
				t.Errorf("%s: want one manual fix \"remove %q\", got %+v\n%s", name, key, d.Fixes, src)
				continue
			}
			e := d.Fixes[0].Edits[0]
			lineStart := func(i int) bool { return i == 0 || i == len(src) || src[i-1] == '\n' }
			if e.NewText != "" || !lineStart(e.Range.Start) || !lineStart(e.Range.End) {
				t.Errorf("%s: the fix does not remove whole lines: %q replaced by %q\n%s", name, src[e.Range.Start:e.Range.End], e.NewText, src)
				continue
			}
			after, _ := lint.ApplyFixes([]byte(src), d.Fixes)
			before, err := decodeAll([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeAll(after)
			if err != nil || len(got) != 1 {
				t.Errorf("%s: the fixed text does not load (%v):\n%s", name, err, after)
				continue
			}
			var diffs []valueDiff
			diffValues(nil, before[0], got[0], &diffs)
			if len(diffs) != 1 || diffs[0].String() != "removed jobs.0."+key {
				t.Errorf("%s: the fix changes %v, want only jobs.0.%s removed:\n%s", name, diffs, key, after)
			}
			g := *f
			g.Source = after
			for _, d2 := range lint.Analyze(context.Background(), &g, cfg).Diagnostics {
				t.Errorf("%s: after the fix, %s: %s\n%s", name, d2.Rule, d2.Message, after)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("%d fixes checked", checked)
	}
}
