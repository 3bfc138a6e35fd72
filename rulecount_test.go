package greylint_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/rules"
)

// Every count of rules the documentation states ("60 rules") is the
// number the registry holds: a rule added or removed fails this test until
// the prose follows. The changelog is held for the version in VERSION
// only (an older release had the rules it had).
func TestRuleCountsInTheDocs(t *testing.T) {
	want := len(rules.All())
	count := regexp.MustCompile(`\b(\d+) (?:rules|checks)\b`)
	version, err := os.ReadFile("VERSION")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range []string{"README.md", "CHANGELOG.md", "docs/ARCHITECTURE.md", "docs/CONTRIBUTING.md", "docs/rules.md", "editors/vscode/README.md"} {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if f == "CHANGELOG.md" {
			text = currentRelease(text, strings.TrimSpace(string(version)))
		}
		for _, m := range count.FindAllStringSubmatch(text, -1) {
			seen++
			if n, _ := strconv.Atoi(m[1]); n != want {
				t.Errorf("%s says %q; the registry holds %d rules", f, m[0], want)
			}
		}
	}
	if seen == 0 {
		t.Error("no count of rules found in the docs: the changelog's section of this version states one")
	}
}

// currentRelease returns the changelog's section of version: from its
// "## <version>" heading to the next "## ".
func currentRelease(changelog, version string) string {
	i := strings.Index(changelog, "\n## "+version)
	if i < 0 {
		return ""
	}
	rest := changelog[i+1:]
	if j := strings.Index(rest[3:], "\n## "); j >= 0 {
		return rest[:j+3]
	}
	return rest
}
