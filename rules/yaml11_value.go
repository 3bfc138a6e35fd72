package rules

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var YAML11Value = &lint.Rule{
	ID:       "yaml11-value",
	Summary:  "a plain yes, no, on, off, y, n or 1:30 where a string is expected: text to YAML 1.2, a boolean or a number to YAML 1.1 parsers",
	Severity: lint.Warning,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "quotes the value, keeping its text exactly (yes to 'yes')"},
	},
	Kinds: []lint.Kind{lint.KindConfig, lint.KindApplications},
	Run:   runYAML11Value,
}

// yaml11Bools are the plain scalars a YAML 1.1 parser reads as booleans and
// yaml.v3 (YAML 1.2) as text: the three casings the 1.1 type repository
// lists, no other (yEs is text to both). true and false are booleans to
// yaml.v3 too, so invalid-type reports them. y and n are booleans to
// go-yaml v2, which Kubernetes' sigs.k8s.io/yaml uses, though not to
// PyYAML.
var yaml11Bools = map[string]bool{}

func init() {
	for word, value := range map[string]bool{"yes": true, "no": false, "on": true, "off": false, "y": true, "n": false} {
		for _, w := range []string{word, strings.ToUpper(word[:1]) + word[1:], strings.ToUpper(word)} {
			yaml11Bools[w] = value
		}
	}
}

// The YAML 1.1 sexagesimal (base 60) integer and float: 1:30 is 90,
// 1:30.5 is 90.5. yaml.v3 reads both as text.
var (
	sexagesimalInt   = regexp.MustCompile(`^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$`)
	sexagesimalFloat = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$`)
)

// yaml11Reading says what a YAML 1.1 parser makes of a plain scalar that
// yaml.v3 reads as text, and which parsers do: "" when it is text to them
// too. A 0-prefixed number (0755, 01234) is not here: yaml.v3 reads it as
// a number as well, and invalid-type reports it with the same fix.
func yaml11Reading(s string) (reading, parsers string) {
	if v, ok := yaml11Bools[s]; ok {
		if len(s) == 1 {
			return fmt.Sprintf("the boolean %t", v), "Kubernetes' sigs.k8s.io/yaml and other go-yaml v2 users"
		}
		return fmt.Sprintf("the boolean %t", v), "Kubernetes' sigs.k8s.io/yaml, PyYAML"
	}
	if sexagesimalInt.MatchString(s) || sexagesimalFloat.MatchString(s) {
		return "the base-60 number " + base60(s), "PyYAML"
	}
	return "", ""
}

// base60 is the value of a sexagesimal scalar: each ":" part is a digit in
// base 60, the last may have a fraction.
func base60(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	sign := ""
	if s[0] == '-' || s[0] == '+' {
		sign, s = strings.TrimPrefix(s[:1], "+"), s[1:]
	}
	parts := strings.Split(s, ":")
	last, frac, _ := strings.Cut(parts[len(parts)-1], ".")
	parts[len(parts)-1] = last
	// Digits only (the regexps say so); the first part may be long.
	v, sixty := new(big.Int), big.NewInt(60)
	for _, part := range parts {
		d, _ := new(big.Int).SetString(part, 10)
		v.Mul(v, sixty).Add(v, d)
	}
	if strings.Contains(s, ".") {
		frac = strings.TrimRight(frac, "0")
		if frac != "" {
			return sign + v.String() + "." + frac
		}
	}
	return sign + v.String()
}

func runYAML11Value(p *lint.Pass) {
	// Most files have no such value: look first, walk with paths only then.
	found := false
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		if !found && n.Style == 0 {
			r, _ := yaml11Reading(n.Value)
			found = r != ""
		}
	})
	s := schema.Get(p.File.Kind.String())
	if !found || s == nil || p.Doc.Root == nil {
		return
	}
	var path []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.ShortTag() != "!!merge" {
					path = append(path, k.Value)
					walk(n.Content[i+1])
					path = path[:len(path)-1]
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path = append(path, strconv.Itoa(i))
				walk(c)
				path = path[:len(path)-1]
			}
		case yaml.ScalarNode:
			checkYAML11(p, s, path, n)
		}
		// Aliases are not followed: the anchored value is checked where
		// it is written.
	}
	walk(p.Doc.Root)
}

func checkYAML11(p *lint.Pass, s *schema.Schema, path []string, n *yaml.Node) {
	// Plain and untagged only: a quoted 'yes' or !!str yes is text to
	// every parser.
	if n.Style != 0 || n.ShortTag() != "!!str" || len(path) == 0 {
		return
	}
	reading, parsers := yaml11Reading(n.Value)
	if reading == "" {
		return
	}
	// Where the field takes text and only text: in a boolean or number
	// field the other reading may be the one meant, and an enum's values
	// are invalid-value's.
	f, ok := s.Field(path)
	if !ok || len(f.Types) != 1 || f.Types[0] != "string" || len(f.Enum) > 0 || f.Forbidden {
		return
	}
	r := p.Doc.Range(n)
	text := p.Doc.Text(r)
	if text != n.Value {
		return
	}
	quoted := "'" + text + "'" // no quote, backslash or line break in any value above
	// Safe: yaml.v3 reads the quoted text as the same string as the plain
	// one, and every YAML 1.1 parser reads it as that string too; the field
	// takes only text, so the text is what the author meant.
	p.Report(lint.Diagnostic{
		Range: r,
		Message: fmt.Sprintf("%q is text here, but YAML 1.1 parsers (%s) read a plain %s as %s; quote it to keep it text everywhere: %s",
			text, parsers, text, reading, quoted),
		Fixes: []lint.Fix{{Title: "quote the value: " + quoted, Edits: []lint.Edit{{Range: r, NewText: quoted}}, Safety: lint.Safe}},
	})
}
