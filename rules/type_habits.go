package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

// typeHabit explains a value of the wrong type that is another format's
// shape, or YAML read in a way the author did not mean, and offers to
// rewrite it the greyhound way (a guess about what was meant: unsafe).
// It reports whether it explained the value.
func typeHabit(p *lint.Pass, v schema.Violation, d *lint.Diagnostic) bool {
	if len(v.Path) < 2 {
		return false
	}
	k, n := p.Doc.Lookup(v.Path)
	if n == nil {
		return false
	}
	if v.Got == "string" && numberHint(n, d) {
		return true
	}
	field := v.Path[len(v.Path)-1]
	if field == "[]" || isIndex(field) {
		field = v.Path[len(v.Path)-2]
	}
	switch {
	case n.Kind == yaml.MappingNode && len(n.Content) == 2 && inFlowSequence(p, v.Path) && n.Content[0].Kind == yaml.ScalarNode && n.Content[1].Kind == yaml.ScalarNode:
		// [echo, key: value]: ": " inside a flow sequence makes a
		// one-entry mapping.
		text := p.Doc.Text(p.Doc.Range(n))
		d.Message += fmt.Sprintf(`; inside [...], the ": " in %s makes it a mapping with one key; quote the entry to keep it text: "%s"`, text, yamlEscape(text))
		if !strings.ContainsAny(text, "\n#") {
			d.Fixes = []lint.Fix{{Title: "quote the entry", Edits: []lint.Edit{{Range: p.Doc.Range(n), NewText: `"` + yamlEscape(text) + `"`}}, Safety: lint.Unsafe}}
		}
		return true
	case field == "ports" && n.Kind == yaml.ScalarNode:
		// docker-compose's "8080:80" (HOST:CONTAINER), or a bare number.
		port := composePort.FindStringSubmatch(n.Value)
		if port == nil {
			d.Message += "; greyhound lists a service's container ports as mappings: ports: [{containerPort: 8080}]"
			return true
		}
		d.Message += "; greyhound lists a service's container ports as mappings: ports: [{containerPort: " + port[1] + "}]"
		if strings.Contains(n.Value, ":") {
			d.Message += fmt.Sprintf(` (%q is docker-compose's HOST:CONTAINER mapping: the container listens on %s; ingress rules route to it)`, n.Value, port[1])
		}
		d.Fixes = []lint.Fix{{Title: "write containerPort: " + port[1], Edits: []lint.Edit{{Range: p.Doc.Range(n), NewText: "{containerPort: " + port[1] + "}"}}, Safety: lint.Unsafe}}
		return true
	case field == "image" && n.Kind == yaml.MappingNode:
		// Helm values: image: {repository: nginx, tag: "1.27"}.
		_, repo := lint.MergedGet(n, "repository")
		_, tag := lint.MergedGet(n, "tag")
		r, ok := lint.Str(repo)
		if !ok || r == "" {
			return false
		}
		s := r
		if t, ok := lint.Str(tag); ok && t != "" {
			s += ":" + t
		} else if tag != nil && tag.Kind == yaml.ScalarNode && tag.Value != "" {
			s += ":" + tag.Value // tag: 1.27 read as a number
		}
		d.Message += fmt.Sprintf("; image: {repository, tag} is the Helm values shape; greyhound takes one string: image: %s", s)
		if k != nil {
			edit := lint.Edit{Range: lint.Range{Start: p.Doc.Range(k).End, End: p.Doc.Range(n).End}, NewText: ": " + s}
			fix := lint.Fix{Title: "write image: " + s, Edits: []lint.Edit{edit}, Safety: lint.Unsafe}
			if strings.Contains(p.Doc.Text(edit.Range), "#") || len(n.Content) > 4 {
				fix.Safety = lint.Manual // a comment or another field would be lost
			}
			d.Fixes = []lint.Fix{fix}
		}
		return true
	}
	return false
}

// composePort reads a compose port: "80", "8080:80", "127.0.0.1:8080:80",
// with an optional /tcp or /udp; the container port is the last number.
var composePort = regexp.MustCompile(`^(?:[0-9.]+:)?(?:\d+:)?(\d{1,5})(?:/(?:tcp|udp))?$`)

func isIndex(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// inFlowSequence reports whether the value at path is an entry of a flow
// sequence ([a, b]).
func inFlowSequence(p *lint.Pass, path []string) bool {
	_, parent := p.Doc.Lookup(path[:len(path)-1])
	return parent != nil && parent.Kind == yaml.SequenceNode && parent.Style&yaml.FlowStyle != 0
}

// yamlEscape escapes text for a double-quoted YAML scalar.
func yamlEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`)
}

// numberHint names what a number field got when YAML read it as something
// a number field cannot be: infinity, not-a-number, or a number too large
// to read (1e400 stays text), instead of "a string".
func numberHint(n *yaml.Node, d *lint.Diagnostic) bool {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return false
	}
	what := ""
	switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
	case ".inf":
		what = fmt.Sprintf("infinity (%s)", n.Value)
	case ".nan":
		what = "not-a-number (.nan)"
	default:
		if _, err := strconv.ParseFloat(n.Value, 64); err != nil && errors.Is(err, strconv.ErrRange) {
			what = fmt.Sprintf("%s, a number too large to read", n.Value)
		}
	}
	if what == "" {
		return false
	}
	d.Message = strings.Replace(d.Message, "got a string", "got "+what, 1)
	return true
}
