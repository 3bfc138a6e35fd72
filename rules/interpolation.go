package rules

import (
	"regexp"
	"strings"
)

// greyhound ${...} placeholders (format reference §6.1) and Kubernetes
// $(VAR) references (§6.2).

// Variables are the static greyhound variables, with their meaning (used
// for hover and completion too).
var Variables = []struct{ Name, Doc string }{
	{"cluster.account.accountId", "AWS account id of the target cluster"},
	{"cluster.context", "Kubernetes context / identifier of the target cluster"},
	{"cluster.dnsDomain", "the cluster's default DNS domain; an empty string when the cluster has none"},
	{"commit.sha", "full commit SHA of the deployment (per application in a multi-app environment)"},
	{"commit.branch", "branch name; null when deploying a tag"},
	{"commit.tag", "tag name; null when deploying a branch"},
	{"commit.tag_or_branch", "the tag if there is one, otherwise the branch: the safe choice for labels and image tags"},
	{"env.name", "name of the greyhound environment being deployed"},
}

// DatabaseAttributes are the per-database variables
// ${database.<pool name or index>.<attribute>}.
var DatabaseAttributes = []struct{ Name, Doc string }{
	{"writer_endpoint", "writer endpoint of the Aurora cluster"},
	{"host", "identical to writer_endpoint, kept for compatibility; prefer writer_endpoint"},
	{"port", "port of the Aurora cluster"},
	{"reader_endpoint", "reader endpoint of the Aurora cluster"},
}

// placeholder is one ${...} in a string.
type placeholder struct {
	Index  int    // byte index of "${" in the value
	Text   string // "${commit.sha}", or "${commit.sha" when unterminated
	Name   string // "commit.sha"
	Closed bool
}

// placeholders finds the ${...} of s. "$${" is not a placeholder (an
// escape, as Kubernetes' "$$(").
func placeholders(s string) []placeholder {
	var out []placeholder
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '$' {
			continue
		}
		if s[i+1] == '$' {
			i++
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		end := strings.IndexAny(s[i+2:], "}")
		next := strings.Index(s[i+2:], "${")
		if end < 0 || (next >= 0 && next < end) {
			stop := len(s)
			if next >= 0 {
				stop = i + 2 + next
			}
			out = append(out, placeholder{Index: i, Text: s[i:stop], Name: s[i+2 : stop]})
			i = stop - 1
			continue
		}
		out = append(out, placeholder{Index: i, Text: s[i : i+2+end+1], Name: s[i+2 : i+2+end], Closed: true})
		i += 2 + end
	}
	return out
}

// kubeRef is one $(VAR) in a string.
type kubeRef struct {
	Index int
	Text  string // "$(VAR)"
	Name  string
}

var kubeRefRe = regexp.MustCompile(`\$\(([^()$\s]*)\)`)

// kubeRefs finds the $(VAR) of s, skipping the escape "$$(".
func kubeRefs(s string) []kubeRef {
	var out []kubeRef
	for _, m := range kubeRefRe.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 && s[m[0]-1] == '$' {
			continue
		}
		out = append(out, kubeRef{Index: m[0], Text: s[m[0]:m[1]], Name: s[m[2]:m[3]]})
	}
	return out
}

// variableProblem says what is wrong with a placeholder's name, and the
// name it should probably be; "" when the variable is known.
func variableProblem(name string) (problem, suggestion string) {
	for _, v := range Variables {
		if v.Name == name {
			return "", ""
		}
	}
	parts := strings.Split(name, ".")
	if parts[0] == "database" {
		attrs := make([]string, len(DatabaseAttributes))
		for i, a := range DatabaseAttributes {
			attrs[i] = a.Name
		}
		switch {
		case len(parts) == 2 && contains(attrs, parts[1]):
			return "a database variable needs the pool name or index: ${database.<pool>." + parts[1] + "}", ""
		case len(parts) == 3 && validPool(parts[1]) && contains(attrs, parts[2]):
			return "", ""
		case len(parts) == 3 && validPool(parts[1]):
			if s := suggest(parts[2], attrs); s != "" {
				return "unknown database attribute " + quote(parts[2]), "database." + parts[1] + "." + s
			}
			return "unknown database attribute " + quote(parts[2]) + "; use writer_endpoint, reader_endpoint, port or host", ""
		default:
			return "a database variable is ${database.<pool name or index>.<writer_endpoint|reader_endpoint|port|host>}", ""
		}
	}
	known := make([]string, len(Variables))
	for i, v := range Variables {
		known[i] = v.Name
	}
	return "unknown variable", suggest(name, known)
}

var poolRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func validPool(s string) bool { return poolRe.MatchString(s) }

// looksLikeEnvVar reports whether a name is written like a Kubernetes
// environment variable (GIT_USERNAME) rather than a greyhound variable.
var envVarRe = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// isGreyhoundVariable reports whether a $(...) name is really a greyhound
// variable written with the Kubernetes syntax.
func isGreyhoundVariable(name string) bool {
	if p, _ := variableProblem(name); p == "" {
		return true
	}
	first, _, dotted := strings.Cut(name, ".")
	return dotted && (first == "commit" || first == "cluster" || first == "env" || first == "database")
}
