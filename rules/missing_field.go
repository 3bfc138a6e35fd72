package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
	"go.yaml.in/yaml/v3"
)

var MissingField = &lint.Rule{
	ID:       schema.MissingField,
	Summary:  "a required field is missing, or neither of two alternatives is set",
	Severity: lint.Error,
	Run:      schemaRun(schema.MissingField, notAnEnvFromEntry),
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
