package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownApplication = &lint.Rule{
	ID:       "unknown-application",
	Summary:  "an environment imports an application that is not declared (catalogue GH106, XR10)",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindApplications},
	Doc: `environments[].from_applications[].name must name an entry of applications
in the same file.`,
	Run: runUnknownApplication,
}

func runUnknownApplication(p *lint.Pass) {
	apps := definitions(p.Doc, "applications")
	known := names(apps)
	for _, env := range environments(p.Doc) {
		for _, im := range env.Imports {
			if im.NameNode == nil || im.Name == "" || strings.Contains(im.Name, "${") || contains(known, im.Name) {
				continue
			}
			unresolved(p, im.NameNode, fmt.Sprintf("%s imports application %q, which is not declared", env, im.Name), known,
				"add it under applications", related(p.Doc, apps, "application"))
		}
	}
}
