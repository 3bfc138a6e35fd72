package rules

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// habitPlaces are the objects the habits table names, each as a file with
// a slot (%s) for one more key of that object.
var habitPlaces = []struct {
	object string
	kind   lint.Kind
	doc    string
}{
	{"service", lint.KindConfig, "services:\n  - name: api\n    image: nginx\n    %s: x\n"},
	{"job", lint.KindConfig, "jobs:\n  - name: migrate\n    image: busybox\n    %s: x\n"},
	{"environment variable", lint.KindConfig, "services:\n  - name: api\n    image: nginx\n    env:\n      - name: A\n        value: b\n        %s: x\n"},
	{"greyhound config.yaml", lint.KindConfig, "services:\n  - name: api\n    image: nginx\n%s: x\n"},
	{"ingress rule", lint.KindConfig, "services:\n  - name: api\n    image: nginx\nrules:\n  - service: api\n    hostnames: [a.example.com]\n    path: /\n    %s: x\n"},
	{"environment", lint.KindApplications, "applications:\n  - name: api\n    repository: acme/api\n    branch: main\nenvironments:\n  - name: staging\n    cluster: eks\n    from_applications: [{name: api}]\n    %s: x\n"},
	{"imported application", lint.KindApplications, "applications:\n  - name: api\n    repository: acme/api\n    branch: main\nenvironments:\n  - name: staging\n    cluster: eks\n    from_applications:\n      - name: api\n        %s: x\n"},
}

// TestHabitsApplyWhereTheyAreFound: each entry of the habits table, its
// key written in each object of habitPlaces: unknown-field gives the
// entry's advice exactly in the objects the entry names, and elsewhere
// the key is either a field of the object or reported without that advice.
func TestHabitsApplyWhereTheyAreFound(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	named := map[string]bool{}
	for _, h := range habits {
		for _, pl := range habitPlaces {
			src := fmt.Sprintf(pl.doc, h.key)
			res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: pl.kind, Source: []byte(src)}, cfg)
			var got *lint.Diagnostic
			for i, d := range res.Diagnostics {
				if d.Rule == UnknownField.ID && src[d.Range.Start:d.Range.End] == h.key {
					got = &res.Diagnostics[i]
				}
			}
			applies := len(h.objects) == 0 || slices.Contains(h.objects, pl.object)
			switch {
			case applies && (got == nil || !strings.HasSuffix(got.Message, "; "+h.advice)):
				t.Errorf("%s in a %s: want unknown-field with the advice %q, got %v\n%s", h.key, pl.object, h.advice, got, src)
			case !applies && got != nil && strings.Contains(got.Message, h.advice):
				t.Errorf("%s in a %s: the advice for a %v: %s\n%s", h.key, pl.object, h.objects, got.Message, src)
			}
			if applies {
				named[pl.object] = true
			}
		}
	}
	for _, h := range habits {
		for _, o := range h.objects {
			if !named[o] {
				t.Errorf("habit %s names a %s, which habitPlaces does not have", h.key, o)
			}
		}
	}
}
