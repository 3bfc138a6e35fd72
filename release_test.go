package greylint_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVersionDefinedOnce: every place that names greylint's version names
// the VERSION file's: the extension, the README's and the hooks' snippets,
// the CHANGELOG's newest entry.
func TestVersionDefinedOnce(t *testing.T) {
	b, err := os.ReadFile("VERSION")
	if err != nil {
		t.Fatal(err)
	}
	version := strings.TrimSpace(string(b))
	var pkg struct{ Version, License string }
	pj, _ := os.ReadFile("editors/vscode/package.json")
	if err := json.Unmarshal(pj, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Version != version || pkg.License != "MIT" {
		t.Errorf("editors/vscode/package.json: version %q license %q, want %q MIT", pkg.Version, pkg.License, version)
	}
	mentions := regexp.MustCompile(`greylint/greylint@v(\d+\.\d+\.\d+)|rev: v(\d+\.\d+\.\d+)|greylint(?:-[a-z0-9]+-[a-z0-9]+)?-(\d+\.\d+\.\d+)\.vsix|greylint_(\d+\.\d+\.\d+)_|releases/tag/v(\d+\.\d+\.\d+)|greylint/greylint/v(\d+\.\d+\.\d+)/`)
	for _, file := range []string{"README.md", ".pre-commit-hooks.yaml", "editors/vscode/README.md", "docs/CONTRIBUTING.md"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range mentions.FindAllStringSubmatch(string(src), -1) {
			for _, v := range m[1:] {
				if v != "" && v != version {
					t.Errorf("%s: %q names version %s, VERSION says %s", file, m[0], v, version)
				}
			}
			n++
		}
		if file == "README.md" && n < 5 {
			t.Errorf("README.md names the version %d times; the install, Action and pre-commit snippets should", n)
		}
	}
	changelog, _ := os.ReadFile("CHANGELOG.md")
	if first := regexp.MustCompile(`(?m)^## (\S+)`).FindSubmatch(changelog); first == nil || string(first[1]) != version {
		t.Errorf("CHANGELOG.md's newest entry is %q, want %s", first, version)
	}
}
