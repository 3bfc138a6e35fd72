package model

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

// Placeholder is one ${...} in a string.
type Placeholder struct {
	Index  int    // byte index of "${" in the value
	Text   string // "${commit.sha}", or "${commit.sha" when unterminated
	Name   string // "commit.sha"
	Closed bool
}

// Placeholders finds the ${...} of s. "$${" is not a placeholder (an
// escape, as Kubernetes' "$$(").
func Placeholders(s string) []Placeholder {
	var out []Placeholder
	// closeAt is the next "}" at or after where a name would start, found
	// again only once passed (-1: none is left): one search for every
	// "${" made a value of unclosed ones quadratic.
	closeAt := 0
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '$' {
			j := strings.IndexByte(s[i:], '$')
			if j < 0 {
				break
			}
			i += j
			if i >= len(s)-1 {
				break
			}
		}
		if s[i+1] == '$' {
			i++
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		if closeAt >= 0 && closeAt < i+2 {
			closeAt = strings.IndexByte(s[i+2:], '}')
			if closeAt >= 0 {
				closeAt += i + 2
			}
		}
		end := -1
		if closeAt >= 0 {
			end = closeAt - (i + 2)
		}
		next := strings.Index(s[i+2:], "${")
		if end < 0 || (next >= 0 && next < end) {
			stop := len(s)
			if next >= 0 {
				stop = i + 2 + next
			}
			out = append(out, Placeholder{Index: i, Text: s[i:stop], Name: s[i+2 : stop]})
			i = stop - 1
			continue
		}
		out = append(out, Placeholder{Index: i, Text: s[i : i+2+end+1], Name: s[i+2 : i+2+end], Closed: true})
		i += 2 + end
	}
	return out
}

// KubeRef is one $(VAR) in a string.
type KubeRef struct {
	Index int
	Text  string // "$(VAR)"
	Name  string
}

var kubeRefRe = regexp.MustCompile(`\$\(([^()$\s]*)\)`)

// KubeRefs finds the $(VAR) of s, skipping the escape "$$(".
func KubeRefs(s string) []KubeRef {
	if !strings.Contains(s, "$(") {
		return nil // most values: no regexp run
	}
	var out []KubeRef
	for _, m := range kubeRefRe.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 && s[m[0]-1] == '$' {
			continue
		}
		out = append(out, KubeRef{Index: m[0], Text: s[m[0]:m[1]], Name: s[m[2]:m[3]]})
	}
	return out
}
