package rules

import (
	"embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/greylint/greylint/lint"
)

// The examples of the documentation are test cases: TestRules checks that
// a rule's doc-bad.yaml gives exactly the findings its "# want:" comments
// name, and that doc-good.yaml gives none. The docs show them without
// those comments.
//
//go:embed testdata/*/doc-bad.yaml testdata/*/doc-good.yaml
var docExamples embed.FS

var wantComment = regexp.MustCompile(`\s*#\s*want(@[+-]\d+)?:.*$`)

// Example returns a rule's bad or good example as the docs show it, or "".
func Example(r *lint.Rule, which string) string {
	b, err := docExamples.ReadFile("testdata/" + r.ID + "/doc-" + which + ".yaml")
	if err != nil {
		return ""
	}
	var out []string
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		stripped := wantComment.ReplaceAllString(line, "")
		if stripped == "" && strings.TrimSpace(line) != "" {
			continue // a line that only held an expectation
		}
		out = append(out, stripped)
	}
	return strings.Join(out, "\n") + "\n"
}

// DocsURL is where docs/rules.md is published; a rule's section is
// DocsURL + "#" + its ID.
const DocsURL = "https://github.com/greylint/greylint/blob/main/docs/rules.md"

// Explain returns a rule's documentation as Markdown: the section of
// docs/rules.md, and what `greylint explain` prints.
func Explain(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", r.ID)
	fmt.Fprintf(&b, "%s.\n\n", SentenceStart(r.Summary))
	fmt.Fprintf(&b, "Default severity: **%s**", r.Severity)
	if r.StrictSeverity != 0 {
		fmt.Fprintf(&b, " (%s in strict mode)", r.StrictSeverity)
	}
	if len(r.Kinds) > 0 {
		var kinds []string
		for _, k := range r.Kinds {
			kinds = append(kinds, k.String())
		}
		fmt.Fprintf(&b, "; checks %s files", strings.Join(kinds, " and "))
	}
	b.WriteString(".\n\n")
	b.WriteString(strings.TrimSpace(r.Doc))
	b.WriteString("\n")
	if bad, good := Example(r, "bad"), Example(r, "good"); bad != "" && good != "" {
		fmt.Fprintf(&b, "\nBad:\n\n```yaml\n%s```\n\nGood:\n\n```yaml\n%s```\n", bad, good)
	}
	if len(r.Fixes) > 0 {
		b.WriteString("\nFixes:\n\n")
		for _, f := range r.Fixes {
			fmt.Fprintf(&b, "- **%s**: %s\n", f.Safety, f.What)
		}
		for _, f := range r.Fixes {
			if f.Safety == lint.Safe {
				b.WriteString("\nA safe fix is applied by `greylint --fix`, an unsafe one only with `--unsafe-fixes`, a manual one only by choosing it in the editor. A safe fix inside anchored or merged content (which aliases share) counts as unsafe.\n")
				break
			}
			if f.Safety == lint.Unsafe {
				b.WriteString("\nAn unsafe fix is applied only by `greylint --fix --unsafe-fixes`, a manual one only by choosing it in the editor.\n")
				break
			}
		}
	}
	return b.String()
}

// FixColumn says which kinds of fix a rule offers: "safe", "safe/unsafe",
// "manual", or "-" for none.
func FixColumn(r *lint.Rule) string {
	var kinds []string
	for _, s := range []lint.Safety{lint.Safe, lint.Unsafe, lint.Manual} {
		for _, f := range r.Fixes {
			if f.Safety == s {
				kinds = append(kinds, s.String())
				break
			}
		}
	}
	if len(kinds) == 0 {
		return "-"
	}
	return strings.Join(kinds, "/")
}

// SentenceStart capitalises the first letter of a sentence, unless the
// sentence starts with an identifier (image_from_build, envFrom,
// ${commit.sha}, $(VAR)), which keeps its spelling: a field name is not a
// word.
func SentenceStart(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if first == "" || strings.ContainsAny(first, "_$.{}()") || strings.ToLower(first) != first {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
