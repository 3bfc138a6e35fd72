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
	m := model.Of(p)
	p.Doc.StringValues(func(n *yaml.Node, key string) {
		reader := m.ReaderOf(n)
		script := m.Script(n)
		var shellParams []model.Placeholder // reported once per value
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
					d.Fixes = valueFix(p.Doc, n, ph.Index, expr, "${"+v+"}", fmt.Sprintf("change to ${%s}", v), lint.Unsafe)
				} else {
					d.Message += "; greyhound's variables are ${commit.*}, ${env.name}, ${cluster.*} and ${database.<pool>.*}"
				}
				p.Report(d)
				continue
			}
			switch {
			case script != nil && script.Param(ph.Index, ph.Name):
				// A shell parameter expansion (${i}, ${DB_HOST:-db}) in a
				// script: meant for the shell. What greyhound does with a
				// ${...} that is not its variable is not documented, so
				// this is worth knowing, not a mistake (policy 9.1).
				shellParams = append(shellParams, ph)
				continue
			case strings.HasPrefix(problem, "greyhound does not support modifiers"):
				d.Message = ph.Text + ": " + problem
			case (reader == model.ReadAsFile || reader == model.ReadAsShellFile) && model.ShellParameter(ph.Name):
				// A file's text: a template (envsubst, nginx) may mean it.
				d.Severity = lint.Warning
				d.Message = fmt.Sprintf("%s is not a greyhound variable, but greyhound interpolates ${...} in every string value, this file's text included; if a template or a shell is meant to read it, check that greyhound leaves it alone", ph.Text)
			case envVarRe.MatchString(ph.Name) && key != "value":
				// Outside an env value this may be meant for a shell or
				// the program; how greyhound treats unknown placeholders
				// is not documented, so only warn.
				d.Severity = lint.Warning
				d.Message = fmt.Sprintf("%s is not a greyhound variable, but greyhound interpolates ${...} in every string value; if it is meant for a shell or the pod, check that greyhound leaves it alone", ph.Text)
			case envVarRe.MatchString(ph.Name):
				// Kubernetes does not expand ${NAME}; the program may
				// (Spring reads ${DB_HOST} from the environment), and
				// greyhound's handling is not documented: a warning.
				d.Severity = lint.Warning
				d.Message = fmt.Sprintf("%s is not a greyhound variable; to read the environment variable %s inside the pod, use the Kubernetes syntax $(%s)", ph.Text, ph.Name, ph.Name)
				// What the pod sees changes (greyhound's text becomes the
				// pod's variable): the evident intent, but a guess.
				d.Fixes = valueFix(p.Doc, n, ph.Index, ph.Text, "$("+ph.Name+")", fmt.Sprintf("change to $(%s)", ph.Name), lint.Unsafe)
			case s != "":
				d.Message = fmt.Sprintf("%s in %s; did you mean ${%s}?", problem, ph.Text, s)
				// greyhound's variable names never differ by case or
				// separators alone, so a twin (${commit.SHA}) can only
				// mean that variable; a near miss is a guess.
				safety := lint.Unsafe
				if lint.SameName(s, ph.Name) {
					safety = lint.Safe
				}
				d.Fixes = valueFix(p.Doc, n, ph.Index, ph.Text, "${"+s+"}", fmt.Sprintf("change to ${%s}", s), safety)
			default:
				d.Message, d.Fixes = unknownInNamespace(p.Doc, n, problem, ph)
			}
			p.Report(d)
		}
		if len(shellParams) > 0 {
			ph := shellParams[0]
			more := ""
			if len(shellParams) > 1 {
				more = fmt.Sprintf(" (and %d more)", len(shellParams)-1)
			}
			p.Report(lint.Diagnostic{
				Range:    subRange(p.Doc, n, ph.Index, ph.Text),
				Severity: lint.Info,
				Message: fmt.Sprintf("%s%s is the shell's parameter expansion, but greyhound interpolates ${...} before the shell runs the script, "+
					"and what it does with one that is not its variable is not documented; check the deployed script (${%s} can be written $%s)", ph.Text, more, shellName(ph.Name), shellName(ph.Name)),
			})
		}
	})
}

// shellName is the parameter a shell expansion reads (DB_HOST of
// DB_HOST:-db), for the $NAME form that has no braces.
func shellName(s string) string {
	s = strings.TrimLeft(s, "#!")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			if i == 0 {
				return s[:1]
			}
			return s[:i]
		}
	}
	return s
}

// unknownInNamespace says what greyhound has in the namespace of an
// unknown variable (${commit.short_sha}: the four commit variables), and
// offers the one whose name the unknown one contains (sha in short_sha).
func unknownInNamespace(doc *lint.Document, n *yaml.Node, problem string, ph model.Placeholder) (string, []lint.Fix) {
	ns, attr, _ := strings.Cut(ph.Name, ".")
	if ns == "database" {
		return fmt.Sprintf("%s in %s (see greylint explain unknown-variable)", problem, ph.Text), nil
	}
	var in []string
	for _, v := range model.Variables {
		if strings.HasPrefix(v.Name, ns+".") {
			in = append(in, "${"+v.Name+"}")
		}
	}
	if len(in) == 0 || attr == "" {
		return fmt.Sprintf("%s in %s; greyhound's variables are ${commit.sha}, ${commit.branch}, ${commit.tag}, ${commit.tag_or_branch}, ${env.name}, ${cluster.context}, ${cluster.dnsDomain}, ${cluster.account.accountId} and ${database.<pool>.<attribute>} (see greylint explain unknown-variable)", problem, ph.Text), nil
	}
	msg := fmt.Sprintf("%s in %s; greyhound's %s variables are %s", problem, ph.Text, ns, joinOr(in))
	best := ""
	for _, v := range model.Variables {
		a := strings.TrimPrefix(v.Name, ns+".")
		if a != v.Name && strings.Contains(strings.ToLower(attr), strings.ToLower(a)) && len(a) > len(strings.TrimPrefix(best, ns+".")) {
			best = v.Name
		}
	}
	if best == "" {
		return msg, nil
	}
	msg += fmt.Sprintf("; did you mean ${%s}?", best)
	// An edit of the placeholder inside the decoded value (valueFix): no
	// fix where it cannot be located, never the whole value replaced.
	return msg, valueFix(doc, n, ph.Index, ph.Text, "${"+best+"}", fmt.Sprintf("change to ${%s}", best), lint.Unsafe)
}

func joinOr(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
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
	if expr, _, closed := strings.Cut(value[ph.Index:], "}}"); closed {
		return expr + "}}", true
	}
	return ph.Text, true
}
