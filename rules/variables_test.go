package rules

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// A placeholder and what the rules say of it in an env value: the rule
// that reports it ("" for none) and what its message must say (regexps,
// each of which must match), or must not.
type nameCase struct {
	text    string
	rule    string
	says    []string
	notSays []string
}

// variableCases generates placeholders from greyhound's variables
// (model.Variables, model.DatabaseAttributes): each variable and database
// attribute written right, in the Kubernetes syntax, with each shell
// modifier, in its namespace with an unknown attribute or one that
// contains a variable's; and unknown names in no namespace.
func variableCases() []nameCase {
	var out []nameCase
	namespaces := map[string][]string{} // commit -> ${commit.sha}, ...
	var nsOrder []string
	for _, v := range model.Variables {
		ns, _, _ := strings.Cut(v.Name, ".")
		if namespaces[ns] == nil {
			nsOrder = append(nsOrder, ns)
		}
		namespaces[ns] = append(namespaces[ns], "${"+v.Name+"}")
	}
	q := regexp.QuoteMeta
	names := []string{}
	for _, v := range model.Variables {
		names = append(names, v.Name)
	}
	for _, a := range model.DatabaseAttributes {
		names = append(names, "database.orders."+a.Name, "database.0."+a.Name)
		out = append(out, nameCase{"${database." + a.Name + "}", UnknownVariable.ID, []string{q("a database variable needs the pool name or index: ${database.<pool>." + a.Name + "}")}, nil})
	}
	for _, name := range names {
		out = append(out,
			nameCase{"${" + name + "}", "", nil, nil},
			nameCase{"$(" + name + ")", WrongInterpolationSyntax.ID, []string{q("write ${" + name + "}")}, nil})
		for _, m := range ":^,/#%" {
			mod := string(m) + "x"
			says := q(fmt.Sprintf("does not support modifiers or substrings (%s after %s); use ${%s} as it is", mod, name, name))
			if strings.HasPrefix(name, "database.") {
				// An attribute with a modifier is an unknown attribute
				// (the pool is any name): the attribute is offered.
				says = q(fmt.Sprintf("; did you mean ${%s}?", name))
			}
			out = append(out, nameCase{"${" + name + mod + "}", UnknownVariable.ID, []string{says}, nil})
		}
	}
	for _, ns := range nsOrder {
		in := namespaces[ns]
		list := strings.Join(in[:len(in)-1], ", ") + " and " + in[len(in)-1]
		if len(in) == 1 {
			list = in[0]
		}
		out = append(out,
			nameCase{"${" + ns + ".qqqqqqqqq}", UnknownVariable.ID, []string{q("unknown variable in ${"+ns+".qqqqqqqqq}; greyhound's "+ns+" variables are "+list) + "$"}, nil},
			nameCase{"$(" + ns + ".nope)", WrongInterpolationSyntax.ID, nil, nil},
			nameCase{"${" + ns + ".nope:0:7}", UnknownVariable.ID, nil, []string{"modifiers"}})
		// An unknown name that contains a variable's attribute: that
		// variable is offered (the longest such attribute).
		for _, v := range model.Variables {
			attr, ok := strings.CutPrefix(v.Name, ns+".")
			if !ok {
				continue
			}
			best := v.Name
			for _, w := range model.Variables {
				if a, ok := strings.CutPrefix(w.Name, ns+"."); ok && strings.Contains(attr, a) && len(a) > len(strings.TrimPrefix(best, ns+".")) {
					best = w.Name
				}
			}
			out = append(out, nameCase{"${" + ns + ".my_" + strings.ToUpper(attr) + "}", UnknownVariable.ID, []string{q("; did you mean ${" + best + "}?")}, nil})
		}
	}
	out = append(out,
		nameCase{"${nope.sha}", UnknownVariable.ID, []string{q("greyhound's variables are ${commit.sha}")}, nil},
		nameCase{"$(nope.sha)", "", nil, nil},
		nameCase{"${nope:0:7}", UnknownVariable.ID, nil, []string{"modifiers"}},
		nameCase{"${database.orders.hots}", UnknownVariable.ID, []string{q(`unknown database attribute "hots" in ${database.orders.hots}; did you mean ${database.orders.host}?`)}, nil},
		nameCase{"${database.orders.zzzzzzzz}", UnknownVariable.ID, []string{q(`unknown database attribute "zzzzzzzz"; use writer_endpoint, reader_endpoint, port or host`)}, nil},
		nameCase{"${database.a+b.host}", UnknownVariable.ID, []string{q("a database variable is ${database.<pool name or index>.<writer_endpoint|reader_endpoint|port|host>}")}, nil},
		nameCase{"${database.orders.host.x}", UnknownVariable.ID, []string{q("a database variable is ${database.<pool name or index>")}, nil},
	)
	return out
}

// TestVariableNamesByNamespace: each generated placeholder, in an env
// value of a service, gets exactly the finding its case says (on the
// placeholder's text), or none.
func TestVariableNamesByNamespace(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	cases := variableCases()
	for _, c := range cases {
		src := fmt.Sprintf("services:\n  - name: api\n    image: nginx\n    env:\n      - name: A\n        value: \"<%s>\"\n", c.text)
		res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
		var got []lint.Diagnostic
		for _, d := range res.Diagnostics {
			if slices.Contains([]string{UnknownVariable.ID, WrongInterpolationSyntax.ID, UndefinedEnvReference.ID}, d.Rule) {
				got = append(got, d)
			}
		}
		if c.rule == "" {
			for _, d := range got {
				if d.Rule != UndefinedEnvReference.ID {
					t.Errorf("%s: unexpected %s: %s", c.text, d.Rule, d.Message)
				}
			}
			continue
		}
		var d *lint.Diagnostic
		for i := range got {
			if got[i].Rule == c.rule {
				d = &got[i]
			}
		}
		if d == nil {
			t.Errorf("%s: no %s in %v", c.text, c.rule, got)
			continue
		}
		if at := src[d.Range.Start:d.Range.End]; at != c.text {
			t.Errorf("%s: %s at %q", c.text, c.rule, at)
		}
		for _, s := range c.says {
			if !regexp.MustCompile(s).MatchString(d.Message) {
				t.Errorf("%s: %s message %q does not match %q", c.text, c.rule, d.Message, s)
			}
		}
		for _, s := range c.notSays {
			if strings.Contains(d.Message, s) {
				t.Errorf("%s: %s message %q says %q", c.text, c.rule, d.Message, s)
			}
		}
	}
	if len(cases) < 100 {
		t.Fatalf("%d cases", len(cases))
	}
}
