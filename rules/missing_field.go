package rules

import (
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
	"go.yaml.in/yaml/v3"
)

var MissingField = &lint.Rule{
	ID:       schema.MissingField,
	Summary:  "a required field is missing, or neither of two alternatives is set",
	Severity: lint.Error,
	Run:      schemaRun(schema.MissingField, notAFollowOn),
}

// notAFollowOn drops a missing field that unknown-field already explains:
// the object has a key that is the field misspelt (mountPath for
// mount_path), or it is an envFrom entry in the env list.
func notAFollowOn(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	notAnEnvFromEntry(p, v, d)
	if d.Message == "" || v.Missing == "" {
		return
	}
	if misspelt(p)[pathKey(v.Path)][v.Missing] {
		d.Message = "" // unknown-field says "it is spelt ... here" or "did you mean"
	}
}

// notAnEnvFromEntry drops the missing name of an env entry that holds
// configMapRef or secretRef: it is an envFrom entry in the wrong list, and
// unknown-field says so once (a missing name on top would send the user
// the wrong way).
func notAnEnvFromEntry(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if _, entry := p.Doc.Lookup(v.Path); misplacedEnvFrom(entry) {
		d.Message = ""
	}
}

// misplacedEnvFrom reports whether an env entry holds what only an envFrom
// entry takes.
func misplacedEnvFrom(entry *yaml.Node) bool {
	for _, k := range []string{"configMapRef", "secretRef"} {
		if _, v := lint.MapGet(lint.Resolve(entry), k); v != nil {
			return true
		}
	}
	return false
}

// misspelt maps each object (by path) to the fields its unknown keys are
// guesses of, built once per file: looking through every violation for
// every missing field was quadratic in a list of broken entries.
func misspelt(p *lint.Pass) map[string]map[string]bool {
	return p.Shared("misspelt", func() any {
		out := map[string]map[string]bool{}
		for _, u := range violations(p) {
			if u.Rule != schema.UnknownField {
				continue
			}
			if g := lint.GuessName(u.Key, u.Candidates).Best(); g != "" {
				k := pathKey(u.Path)
				if out[k] == nil {
					out[k] = map[string]bool{}
				}
				out[k][g] = true
			}
		}
		return out
	}).(map[string]map[string]bool)
}

func pathKey(path []string) string { return strings.Join(path, "\x00") }
