package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var NullableVariable = &lint.Rule{
	ID:       "nullable-variable",
	Summary:  "${commit.branch} or ${commit.tag} may be null; ${commit.tag_or_branch} never is",
	Severity: lint.Hint,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes ${commit.tag} to ${commit.tag_or_branch}, which has a value on every commit"},
	},
	Run: runNullableVariable,
}

func runNullableVariable(p *lint.Pass) {
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		for _, ph := range model.Placeholders(n.Value) {
			if !ph.Closed || (ph.Name != "commit.branch" && ph.Name != "commit.tag") {
				continue
			}
			r := subRange(p.Doc, n, ph.Index, ph.Text)
			other := "tag"
			if ph.Name == "commit.tag" {
				other = "branch"
			}
			p.Report(lint.Diagnostic{
				Range:   r,
				Message: fmt.Sprintf("%s is null when a %s is deployed; use ${commit.tag_or_branch} where the value must not be empty", ph.Text, other),
				Fixes:   valueFix(p.Doc, n, ph.Index, ph.Text, "${commit.tag_or_branch}", "change to ${commit.tag_or_branch}", lint.Unsafe),
			})
		}
	})
}
