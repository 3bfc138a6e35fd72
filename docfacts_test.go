package greylint_test

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// factFiles are the documents whose statements about the tool are held to
// it here.
var factFiles = []string{"README.md", "CHANGELOG.md"}

// TestDocsCountTheRules: "N rules" in the README and the CHANGELOG is the
// registry's count (the CHANGELOG said 55 when there were 60).
func TestDocsCountTheRules(t *testing.T) {
	count := regexp.MustCompile(`\b(\d+) rules\b`)
	for _, file := range factFiles {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range count.FindAllStringSubmatch(string(src), -1) {
			if n, _ := strconv.Atoi(m[1]); n != len(rules.All()) {
				t.Errorf("%s says %q; the registry has %d rules", file, m[0], len(rules.All()))
			}
		}
	}
}

// TestDocsIgnoreSyntaxWorks: every greylint-ignore comment the README and
// the CHANGELOG show, with "rule-id" read as a real rule, silences that
// rule's finding and is not itself invalid (the CHANGELOG showed
// "# greylint-ignore rule-id: why", which the engine rejects).
func TestDocsIgnoreSyntaxWorks(t *testing.T) {
	comment := regexp.MustCompile("# greylint-ignore[^`\n]*")
	seen := 0
	for _, file := range factFiles {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range comment.FindAllString(string(src), -1) {
			c = strings.TrimSpace(strings.ReplaceAll(c, "rule-id", rules.UnknownField.ID))
			// A file-wide ignore goes at the top, a line's at its end.
			text := "services:\n  - name: web\n    image: nginx\n    imagee: x  " + c + "\n"
			if strings.HasPrefix(c, "# greylint-ignore-file") {
				text = c + "\nservices:\n  - name: web\n    image: nginx\n    imagee: x\n"
			}
			f := &lint.File{Path: "config.yaml", Kind: lint.KindConfig, Source: []byte(text)}
			for _, d := range lint.Run(context.Background(), f, &lint.Config{Rules: rules.All()}) {
				if d.Rule == lint.InvalidIgnore.ID || d.Rule == rules.UnknownField.ID {
					t.Errorf("%s shows %q: %s: %s", file, c, d.Rule, d.Message)
				}
			}
			seen++
		}
	}
	if seen < 3 {
		t.Errorf("%d ignore comments found in %v; the README and CHANGELOG show more", seen, factFiles)
	}
}
