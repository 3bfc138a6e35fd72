package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var UnknownField = &lint.Rule{
	ID:             "unknown-field",
	Summary:        "a field the greyhound documentation does not know (catalogue GH001, GH005, GH006)",
	Severity:       lint.Warning,
	StrictSeverity: lint.Error,
	Doc: `greyhound ignores or rejects fields it does not know, so a misspelt key
silently does nothing. The documentation is incomplete, so an unknown field
is a warning, not an error (strict mode makes it an error). When the key is
a near miss of a known one, or its snake_case/camelCase twin (greyhound's own
fields are snake_case: restart_policy, mount_path; fields copied from
Kubernetes are camelCase: containerPort, secretKeyRef), the message names
the intended key and offers a fix.

Bad:

` + "```yaml" + `
jobs:
  - name: migrate
    image_from_build: api
    restartPolicy: OnFailure
` + "```" + `

Good:

` + "```yaml" + `
jobs:
  - name: migrate
    image_from_build: api
    restart_policy: OnFailure
` + "```",
	Run: schemaRun("unknown-field", didYouMeanKey),
}

func didYouMeanKey(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) {
	if p.Config.IsExtraField(v.Object, v.Key) {
		d.Message = ""
		return
	}
	s := lint.Suggest(v.Key, v.Candidates)
	if s == "" {
		d.Message += "; check the spelling, or remove it if greyhound does not accept it"
		return
	}
	if lint.SameName(s, v.Key) {
		d.Message += fmt.Sprintf("; it is spelt %q here", s)
	} else {
		d.Message += fmt.Sprintf("; did you mean %q?", s)
	}
	if k, _ := p.Doc.Lookup(v.KeyPath()); k != nil {
		d.Fixes = []lint.Fix{{Title: fmt.Sprintf("rename to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, k, s)}, Certain: true}}
	}
}
