package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownVariable = &lint.Rule{
	ID:       "unknown-variable",
	Summary:  "a ${...} placeholder names no greyhound variable",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "corrects the case or separators of a variable name (${commit.SHA} to ${commit.sha})"},
		{Safety: lint.Unsafe, What: "changes a near miss to the closest variable, or ${NAME} in an env value to the Kubernetes $(NAME)"},
	},
	Run: runUnknownVariable,
}

func runUnknownVariable(p *lint.Pass) {
	p.Doc.StringValues(func(n *yaml.Node, key string) {
		for _, ph := range model.Placeholders(n.Value) {
			if !ph.Closed {
				continue // unterminated-placeholder
			}
			problem, s := variableProblem(ph.Name)
			if problem == "" {
				continue
			}
			r := subRange(p.Doc, n, ph.Index, ph.Text)
			d := lint.Diagnostic{Range: r}
			if expr, ok := actionsExpression(n.Value, ph); ok {
				// ${{ github.sha }}: the whole expression, closing braces
				// included.
				r = subRange(p.Doc, n, ph.Index, expr)
				d.Range = r
				d.Message = fmt.Sprintf("%s is GitHub Actions' expression syntax, which greyhound does not evaluate", expr)
				if v := actionsVariables[strings.TrimSpace(strings.Trim(expr, "${} "))]; v != "" {
					d.Message += fmt.Sprintf("; greyhound's variable is ${%s}", v)
					d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to ${%s}", v), Edits: []lint.Edit{{Range: r, NewText: "${" + v + "}"}}, Safety: lint.Unsafe}}
				} else {
					d.Message += "; greyhound's variables are ${commit.*}, ${env.name}, ${cluster.*} and ${database.<pool>.*}"
				}
				p.Report(d)
				continue
			}
			switch {
			case strings.HasPrefix(problem, "greyhound does not support modifiers"):
				d.Message = ph.Text + ": " + problem
			case envVarRe.MatchString(ph.Name) && key != "value":
				// Outside an env value (a script in a configmap, say) this
				// may be meant for a shell; how greyhound treats unknown
				// placeholders is not documented, so only warn.
				d.Severity = lint.Warning
				d.Message = fmt.Sprintf("%s is not a greyhound variable, but greyhound interpolates ${...} in every string value; if it is meant for a shell or the pod, check that greyhound leaves it alone", ph.Text)
			case envVarRe.MatchString(ph.Name):
				d.Message = fmt.Sprintf("%s is not a greyhound variable; to read the environment variable %s inside the pod, use the Kubernetes syntax $(%s)", ph.Text, ph.Name, ph.Name)
				// What the pod sees changes (greyhound's text becomes the
				// pod's variable): the evident intent, but a guess.
				d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to $(%s)", ph.Name), Edits: []lint.Edit{{Range: r, NewText: "$(" + ph.Name + ")"}}, Safety: lint.Unsafe}}
			case s != "":
				d.Message = fmt.Sprintf("%s in %s; did you mean ${%s}?", problem, ph.Text, s)
				// greyhound's variable names never differ by case or
				// separators alone, so a twin (${commit.SHA}) can only
				// mean that variable; a near miss is a guess.
				safety := lint.Unsafe
				if lint.SameName(s, ph.Name) {
					safety = lint.Safe
				}
				d.Fixes = []lint.Fix{{Title: fmt.Sprintf("change to ${%s}", s), Edits: []lint.Edit{{Range: r, NewText: "${" + s + "}"}}, Safety: safety}}
			default:
				d.Message = fmt.Sprintf("%s in %s; greyhound knows cluster.*, commit.*, env.name and database.<pool>.* (see greylint explain unknown-variable)", problem, ph.Text)
			}
			p.Report(d)
		}
	})
}

// actionsVariables are GitHub Actions context values with a greyhound
// equivalent.
var actionsVariables = map[string]string{
	"github.sha":      "commit.sha",
	"github.ref_name": "commit.tag_or_branch",
	"github.head_ref": "commit.branch",
}

// actionsExpression returns the whole ${{ ... }} expression a placeholder
// starts (the placeholder stops at the first "}").
func actionsExpression(value string, ph model.Placeholder) (string, bool) {
	if !strings.HasPrefix(ph.Name, "{") {
		return "", false
	}
	rest := value[ph.Index:]
	if end := strings.Index(rest, "}}"); end > 0 {
		return rest[:end+2], true
	}
	return ph.Text, true
}
