package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/greylint/greylint/internal/testtool"
)

// emacsRepo writes the checkout the Emacs tests open: a config with an
// unknown build on line 8, its applications file, and a Kubernetes
// manifest that must stay clean.
func emacsRepo(t *testing.T) string {
	repo := filepath.Join(t.TempDir(), "repo")
	files := map[string]string{
		".greyhound/config.yaml": `builds:
  - name: api-build
  - name: worker-build
services:
  - name: api
    image_from_build: api-build
  - name: worker
    image_from_build: worker-bild
`,
		".greylint.yaml":               "repository: acme-corp/api\n",
		".greyhound/applications.yaml": "applications:\n  - name: api\n    repository: acme-corp/api\n    branch: main\n    default_cluster: eks\n",
		"k8s/deploy.yaml":              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n",
		".git/HEAD":                    "ref: refs/heads/main\n", // a checkout: the editors' project root
	}
	for name, text := range files {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

// readmeSnippet returns the README's elisp block whose first line is
// first: the tests run the snippets users copy.
func readmeSnippet(t *testing.T, first string) string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var block []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && line == "```elisp":
			in, block = true, nil
		case in && line == "```":
			if len(block) > 0 && block[0] == first {
				return strings.Join(block, "\n") + "\n"
			}
			in = false
		case in:
			block = append(block, line)
		}
	}
	t.Fatalf("README.md has no elisp block starting %q", first)
	return ""
}

var emacsCheck = regexp.MustCompile(`^(ok|FAIL) (.*?)(?: -- (.*))?$`)

// runEmacs runs an Emacs batch test and checks its result lines.
func runEmacs(t *testing.T, script, snippet string, path string, env ...string) {
	t.Helper()
	emacs := testtool.Need(t, "emacs", "apt-get install emacs-nox elpa-eglot elpa-lsp-mode elpa-yaml-mode")
	dir := t.TempDir()
	snip := filepath.Join(dir, "snippet.el")
	os.WriteFile(snip, []byte(snippet), 0o644)
	result := filepath.Join(dir, "result")
	abs, _ := filepath.Abs(filepath.Join("../../editors/emacs/test", script))
	cmd := exec.Command(emacs, "--batch", "-q", "-l", abs) // -q: site files (Debian's package paths), no init file
	cmd.Env = append(os.Environ(), "PATH="+path, "HOME="+dir, "SNIPPET="+snip, "RESULT="+result)
	cmd.Env = append(cmd.Env, env...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(120 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("emacs did not finish:\n%s", out.String())
	}
	got, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("no result from emacs (%v):\n%s", err, out.String())
	}
	checks := 0
	for _, line := range strings.Split(strings.TrimSpace(string(got)), "\n") {
		m := emacsCheck.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("result line %q", line)
			continue
		}
		checks++
		switch {
		case m[1] == "ok":
			t.Logf("ok: %s", m[2])
		default:
			t.Errorf("%s: %s", m[2], m[3])
		}
	}
	if checks == 0 {
		t.Errorf("no checks ran:\n%s", out.String())
	}
	if t.Failed() {
		t.Logf("emacs output:\n%s", out.String())
	}
}

func buildGreylint(t *testing.T) string {
	t.Helper()
	// Before the build: runEmacs's testtool.Need skipped only after it,
	// 8 s of each mutant's run.
	testtool.Slow(t, "a build of greylint for Emacs")
	dir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "greylint"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// TestEmacsEglot runs the README's eglot snippet in Emacs (28 and Debian's
// elpa-eglot 1.9 in CI), batch: diagnostics, completion without
// yasnippet, hover, definition, references, a quick fix, fix-on-save,
// rename, a lens's command, other YAML clean.
func TestEmacsEglot(t *testing.T) {
	bin := buildGreylint(t)
	snippet := readmeSnippet(t, ";; greylint with eglot")
	runEmacs(t, "eglot-test.el", snippet, bin+string(os.PathListSeparator)+os.Getenv("PATH"), "REPO="+emacsRepo(t))
}

// TestEmacsEglotMissing: without greylint on PATH the snippet says so once
// and eglot is not started.
func TestEmacsEglotMissing(t *testing.T) {
	snippet := readmeSnippet(t, ";; greylint with eglot")
	runEmacs(t, "eglot-test.el", snippet, "/usr/bin:/bin", "REPO="+emacsRepo(t), "MISSING=1")
}

// TestEmacsLspMode runs the README's lsp-mode snippet in Emacs (28 and
// Debian's elpa-lsp-mode 8 in CI), batch: diagnostics, completion without
// yasnippet, hover, definition, references, a quick fix, fix-on-save,
// rename, a lens clicked, a watched file changed on disk, other YAML
// clean.
func TestEmacsLspMode(t *testing.T) {
	bin := buildGreylint(t)
	snippet := readmeSnippet(t, ";; greylint with lsp-mode")
	runEmacs(t, "lsp-mode-test.el", snippet, bin+string(os.PathListSeparator)+os.Getenv("PATH"), "REPO="+emacsRepo(t))
}
