package rules

import (
	"fmt"
	"slices"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownRemovedApplication = &lint.Rule{
	ID:       "unknown-removed-application",
	Summary:  "removed_services names an application the environment does not import",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindApplications},
	Run:   runUnknownRemovedApplication,
}

func runUnknownRemovedApplication(p *lint.Pass) {
	m := model.Of(p)
	declared := model.Names(m.Defined(model.ApplicationKind))
	for _, env := range m.Environments {
		if env.Partial || !importsDeclared(env, declared) {
			continue // unknown-application reports the import; the key may be right
		}
		var imported []string
		for _, im := range env.Imports {
			imported = append(imported, im.Name.String())
			if a := im.Alias.String(); a != "" {
				imported = append(imported, a)
			}
		}
		known := lint.NewCandidates(imported)
		for _, kv := range env.RemovedServices.Pairs() {
			k := kv[0]
			if known.Has(k.Value) {
				continue
			}
			unresolved(p, k, fmt.Sprintf("removed_services names %q, which %s does not import", k.Value, env), known,
				"use the name of an application in its from_applications", nil)
		}
	}
}

func importsDeclared(env *model.Environment, declared []string) bool {
	for _, im := range env.Imports {
		if !slices.Contains(declared, im.Name.String()) {
			return false
		}
	}
	return true
}
