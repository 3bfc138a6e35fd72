package greylint_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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

// TestMakeReleaseTagsWhatTheURLsName runs this Makefile's `make release` in
// a scratch repository (with GO=true, so no archive is built): it creates the tag v<VERSION>, the one
// the README's install URLs, the Action's @v and pre-commit's rev name.
func TestMakeReleaseTagsWhatTheURLsName(t *testing.T) {
	for _, tool := range []string{"make", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	b, _ := os.ReadFile("VERSION")
	version := strings.TrimSpace(string(b))
	dir := filepath.Join(t.TempDir(), "clone")
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "MAKEFLAGS=")
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	// A repository of the Makefile and VERSION this tree has.
	os.MkdirAll(dir, 0o755)
	for _, name := range []string{"Makefile", "VERSION"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
	}
	run(dir, "git", "init", "-q")
	run(dir, "git", "add", ".")
	run(dir, "git", "commit", "-q", "-m", "release")
	out := run(dir, "make", "release", "GO=true")
	tags := strings.Fields(run(dir, "git", "tag", "--list"))
	if len(tags) != 1 || tags[0] != "v"+version {
		t.Fatalf("make release made tags %q, want [v%s]\n%s", tags, version, out)
	}
	readme, _ := os.ReadFile("README.md")
	for _, url := range []string{"releases/tag/" + tags[0], "greylint/greylint@" + tags[0], "rev: " + tags[0], "greylint/" + tags[0] + "/schema/"} {
		if !strings.Contains(string(readme), url) {
			t.Errorf("README.md does not name %q: the tag make release makes is not the one it points at", url)
		}
	}
}
