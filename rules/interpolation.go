package rules

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"

	"regexp"
	"strings"
)

// variableProblem says what is wrong with a placeholder's name, and the
// name it should probably be; "" when the variable is known.
func variableProblem(name string) (problem, suggestion string) {
	for _, v := range model.Variables {
		if v.Name == name {
			return "", ""
		}
	}
	// A shell-style modifier on a known variable (${commit.sha:0:7},
	// ${env.name:-dev}, ${commit.tag^^}): the variable is right, the
	// modifier is what greyhound does not do.
	if i := strings.IndexAny(name, ":^,/#%"); i > 0 {
		base := name[:i]
		for _, v := range model.Variables {
			if v.Name == base {
				return fmt.Sprintf("greyhound does not support modifiers or substrings (%s after %s); use ${%s} as it is", name[i:], base, base), ""
			}
		}
	}
	parts := strings.Split(name, ".")
	if parts[0] == "database" {
		attrs := make([]string, len(model.DatabaseAttributes))
		for i, a := range model.DatabaseAttributes {
			attrs[i] = a.Name
		}
		switch {
		case len(parts) == 2 && slices.Contains(attrs, parts[1]):
			return "a database variable needs the pool name or index: ${database.<pool>." + parts[1] + "}", ""
		case len(parts) == 3 && validPool(parts[1]) && slices.Contains(attrs, parts[2]):
			return "", ""
		case len(parts) == 3 && validPool(parts[1]):
			if s := lint.Suggest(parts[2], attrs); s != "" {
				return "unknown database attribute " + strconv.Quote(parts[2]), "database." + parts[1] + "." + s
			}
			return "unknown database attribute " + strconv.Quote(parts[2]) + "; use writer_endpoint, reader_endpoint, port or host", ""
		default:
			return "a database variable is ${database.<pool name or index>.<writer_endpoint|reader_endpoint|port|host>}", ""
		}
	}
	known := make([]string, len(model.Variables))
	for i, v := range model.Variables {
		known[i] = v.Name
	}
	return "unknown variable", lint.Suggest(name, known)
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
