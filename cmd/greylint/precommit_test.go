package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/testtool"
)

// TestPreCommit runs this repository's hook with Debian's pre-commit
// (3.0.4 in CI) in a scratch repository: a broken config fails the hook
// (try-repo), a fixed one passes (run, with the checkout as a local repo:
// what the README offers before a release).
func TestPreCommit(t *testing.T) {
	pc := testtool.Need(t, "pre-commit", "apt-get install pre-commit")
	if testing.Short() {
		t.Skip("builds greylint through pre-commit; skipped with -short")
	}
	hookRepo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(hookRepo, ".git")); err != nil {
		t.Skip("the hook repository is not a git checkout")
	}
	hookRepo = workingTree(t, hookRepo)
	dir := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(dir, ".cache"), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("git", "init", "-q"); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	os.MkdirAll(filepath.Join(dir, ".greyhound"), 0o755)
	cfg := filepath.Join(dir, ".greyhound", "config.yaml")
	os.WriteFile(cfg, []byte("jobs:\n  - name: migrate\n    image_from_build: api\n"), 0o644)
	run("git", "add", ".")
	out, err := run(pc, "try-repo", hookRepo, "greylint", "--all-files")
	if err == nil || !strings.Contains(out, "unknown-build") {
		t.Fatalf("the hook passed a broken config (%v):\n%s", err, out)
	}
	os.WriteFile(cfg, []byte("builds:\n  - name: api\njobs:\n  - name: migrate\n    image_from_build: api\n"), 0o644)
	// As the README says to before a release: the checkout as the hook
	// repository, at a commit of it.
	head, err := exec.Command("git", "-C", hookRepo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	conf := "repos:\n  - repo: " + hookRepo + "\n    rev: " + strings.TrimSpace(string(head)) + "\n    hooks:\n      - id: greylint\n"
	os.WriteFile(filepath.Join(dir, ".pre-commit-config.yaml"), []byte(conf), 0o644)
	run("git", "add", ".")
	if out, err := run(pc, "run", "--all-files"); err != nil || !strings.Contains(out, "greylint") {
		t.Fatalf("the hook from a local repo: failed a valid config (%v):\n%s", err, out)
	}
}

// workingTree commits the working tree of the checkout at repo (tracked
// files as they are now, and untracked ones that are not ignored) into a
// scratch repository, and returns it: try-repo builds the hook from a
// commit, and of a checkout with changes it commits only the tracked
// files, so the hook failed to build until a new file was git added.
func workingTree(t *testing.T, repo string) string {
	t.Helper()
	git := func(dir string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return string(out)
	}
	dst := t.TempDir()
	for _, f := range strings.Split(git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard"), "\x00") {
		src := filepath.Join(repo, filepath.FromSlash(f))
		st, err := os.Lstat(src)
		if f == "" || err != nil || !st.Mode().IsRegular() {
			continue // deleted in the working tree, or a link
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	git(dst, "init", "-q")
	git(dst, "add", "-A")
	git(dst, "commit", "-q", "-m", "working tree")
	return dst
}
