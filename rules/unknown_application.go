package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownApplication = &lint.Rule{
	ID:       "unknown-application",
	Summary:  "an environment imports an application that is not declared",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindApplications},
	Run:   runUnknownApplication,
}

func runUnknownApplication(p *lint.Pass) {
	m := model.Of(p)
	apps := m.Defined(model.ApplicationKind)
	known := lint.NewCandidates(model.Names(apps))
	for _, env := range m.Environments {
		for _, im := range env.Imports {
			name := im.Name.String()
			if im.Name.Value == nil || name == "" || strings.Contains(name, "${") || known.Has(name) {
				continue
			}
			unresolved(p, im.Name.Value, fmt.Sprintf("%s imports application %q, which is not declared", env, name), known,
				"add it under applications", related(p.Doc, apps, "application"))
		}
	}
}
