package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var WrongInterpolationSyntax = &lint.Rule{
	ID:       "wrong-interpolation-syntax",
	Summary:  "a greyhound variable written with the Kubernetes $(...) syntax",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes $(commit.sha) to ${commit.sha}: what is deployed changes from the literal text to the value"},
	},
	Run: runWrongInterpolationSyntax,
}

func runWrongInterpolationSyntax(p *lint.Pass) {
	m := model.Of(p)
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		shell := m.ReaderOf(n).Shell()
		for _, ref := range model.KubeRefs(n.Value) {
			if !isGreyhoundVariable(ref.Name) {
				continue
			}
			if p, _ := variableProblem(ref.Name); shell && p != "" {
				continue // in a script, $(env.sh) may be a command
			}
			r := subRange(p.Doc, n, ref.Index, ref.Text)
			// The deployed text changes from the literal $(commit.sha) to
			// its value: the evident intent, but not the same meaning.
			repl := "${" + ref.Name + "}"
			p.Report(lint.Diagnostic{
				Range:   r,
				Message: fmt.Sprintf("%s is a greyhound variable written with the Kubernetes syntax, which greyhound leaves as it is; write %s", ref.Text, repl),
				Fixes:   valueFix(p.Doc, n, ref.Index, ref.Text, repl, "change to "+repl, lint.Unsafe),
			})
		}
	})
}
