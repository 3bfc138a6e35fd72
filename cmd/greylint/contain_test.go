package main

// The reproducers of issue #19's file-layer half (hostile round 2: N1, N2,
// N3, N10, N11, N15, N19), each as a test of the CLI in process.

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// files writes a tree: a value starting with "-> " makes a symbolic link.
func files(t *testing.T, dir string, tree map[string]string) {
	t.Helper()
	for name, body := range tree {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(body, "-> "); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot is every file below dir with its content and mtime.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		st, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		b, _ := os.ReadFile(p)
		if st.Mode()&os.ModeSymlink != 0 {
			b = nil
		}
		out[p] = st.ModTime().String() + "|" + string(b)
		return nil
	})
	return out
}

func unchanged(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s: %s changed", what, p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%s: %d files, were %d", what, len(after), len(before))
	}
}

const fixableJob = "jobs:\n  - name: migrate\n    image: nginx\n    restartPolicy: OnFailure\n"

// N1: a config_source through a committed link to a directory outside the
// checkout is never read, printed, linted or written.
func TestConfigSourceThroughALinkedDirectoryStaysOutside(t *testing.T) {
	base := t.TempDir()
	outside, repo := filepath.Join(base, "outside"), filepath.Join(base, "repo")
	files(t, outside, map[string]string{
		"docker-compose.yml": "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: SENTINEL-compose\n",
		"hosts.yml":          "github.com:\n    oauth_token: SENTINEL-token\n",
		"other.yaml":         fixableJob,
	})
	files(t, repo, map[string]string{
		".git/config": "[remote \"origin\"]\n\turl = https://github.com/evil/repo.git\n",
		"l":           "-> ../outside",
		"root":        "-> /proc/self/root",
		".greyhound/applications.yaml": "applications:\n" +
			"  - {name: x, repository: evil/repo, branch: main, config_source: l/docker-compose.yml}\n" +
			"  - {name: y, repository: evil/repo, branch: main, config_source: l/hosts.yml}\n" +
			"  - {name: z, repository: evil/repo, branch: main, config_source: l/other.yaml}\n" +
			"  - {name: w, repository: evil/repo, branch: main, config_source: root" + outside + "/other.yaml}\n",
	})
	before := snapshot(t, outside)
	for _, args := range [][]string{{"."}, {"--fix", "."}, {"--fix", "--unsafe-fixes", "."}} {
		_, stdout, stderr := runIn(t, repo, "", args...)
		if strings.Contains(stdout+stderr, "SENTINEL") || strings.Contains(stdout+stderr, "restartPolicy") || strings.Contains(stdout+stderr, "github.com:") {
			t.Errorf("greylint %v printed a file outside the checkout:\n%s%s", args, stdout, stderr)
		}
	}
	unchanged(t, "outside", before, snapshot(t, outside))
}

// N2: --fix never writes a mapped checkout (repositories:), nor a file
// that config_source or files: adds from outside the paths given; the
// findings are still reported, and why it is not fixed is said.
func TestFixWritesOnlyUnderThePathsGiven(t *testing.T) {
	base := t.TempDir()
	other, repo := filepath.Join(base, "other"), filepath.Join(base, "repo")
	files(t, other, map[string]string{".greyhound/config.yaml": fixableJob})
	files(t, repo, map[string]string{
		".git/HEAD":                    "ref: refs/heads/main\n",
		".greylint.yaml":               "repository: me/repo\nrepositories:\n  other/repo: " + other + "\nfiles: [\"**/deploy/*.yaml\"]\n",
		".greyhound/applications.yaml": "applications:\n  - {name: x, repository: other/repo, branch: main}\n",
		"api/.greyhound/config.yaml":   "services:\n  - name: web\n    image: nginx\n",
		"billing/deploy/job.yaml":      fixableJob,
	})
	mapped := snapshot(t, other)
	code, stdout, stderr := runIn(t, repo, "", "--fix", ".")
	if !strings.Contains(stderr, "other/.greyhound/config.yaml: it is in a checkout mapped by repositories:") || !strings.Contains(stdout, "restartPolicy") {
		t.Errorf("exit %d; the mapped checkout's finding or the reason it is not fixed is missing:\n%s%s", code, stdout, stderr)
	}
	unchanged(t, "mapped checkout", mapped, snapshot(t, other))
	if b, _ := os.ReadFile(filepath.Join(repo, "billing/deploy/job.yaml")); strings.Contains(string(b), "restartPolicy") {
		t.Error("greylint --fix . did not fix a files: match under the directory given")
	}
	os.WriteFile(filepath.Join(repo, "billing/deploy/job.yaml"), []byte(fixableJob), 0o644)
	billing := snapshot(t, filepath.Join(repo, "billing"))
	_, stdout, stderr = runIn(t, repo, "", "--fix", "api/")
	if !strings.Contains(stderr, "not fixing billing/deploy/job.yaml: it is not under the paths given") {
		t.Errorf("why billing/deploy/job.yaml is not fixed is not said:\n%s%s", stdout, stderr)
	}
	unchanged(t, "billing/ (not under api/)", billing, snapshot(t, filepath.Join(repo, "billing")))
	// --diff shows only what --fix would write.
	code, stdout, _ = runIn(t, repo, "", "--diff", "api/")
	if strings.Contains(stdout, "restart_policy") || code != exitOK {
		t.Errorf("--diff api/ shows a fix --fix would not write (exit %d):\n%s", code, stdout)
	}
}

// N3: a committed .greyhound -> a directory outside the repository is
// skipped with a message, with no path, with ".", and in the workspace;
// one that stays inside is linted by both ways alike.
func TestGreyhoundLinkOutOfTheRepository(t *testing.T) {
	base := t.TempDir()
	outside, repo := filepath.Join(base, "outside"), filepath.Join(base, "repo")
	files(t, outside, map[string]string{"secrets.yaml": "DATABASE_PASSWORD: SENTINEL\n", "other.yaml": fixableJob})
	files(t, repo, map[string]string{".git/HEAD": "x\n", ".greyhound": "-> ../outside"})
	before := snapshot(t, outside)
	for _, args := range [][]string{{}, {"--fix"}, {"."}, {"--fix", "."}} {
		code, stdout, stderr := runIn(t, repo, "", args...)
		if strings.Contains(stdout+stderr, "SENTINEL") || strings.Contains(stdout, "restartPolicy") {
			t.Errorf("greylint %v read the linked directory:\n%s%s", args, stdout, stderr)
		}
		if code != exitUsage {
			t.Errorf("greylint %v: exit %d, want %d (nothing to lint)", args, code, exitUsage)
		}
		if len(args) < 2 && args == nil && !strings.Contains(stderr, "skipped .greyhound: a symbolic link to a directory outside") {
			t.Errorf("greylint %v does not say why .greyhound is skipped:\n%s", args, stderr)
		}
	}
	unchanged(t, "outside", before, snapshot(t, outside))
	// A .greyhound link inside the repository: the same files both ways.
	inside := filepath.Join(base, "inside")
	files(t, inside, map[string]string{".git/HEAD": "x\n", "deploy/greyhound/config.yaml": fixableJob, ".greyhound": "-> deploy/greyhound"})
	_, a, _ := runIn(t, inside, "")
	_, b, _ := runIn(t, inside, "", ".")
	if !strings.Contains(a, "restartPolicy") || a != b {
		t.Errorf("greylint and greylint . disagree on a .greyhound link inside:\n%s\n--\n%s", a, b)
	}
}

// N11: .greylint.yaml linked to /proc/self/environ, /dev/zero, a file
// outside, or a FIFO: refused quickly (exit 2), nothing of it printed.
func TestGreylintYAMLIsReadThroughTheFileLayer(t *testing.T) {
	t.Setenv("GREYLINT_TEST_SENTINEL", "SENTINEL-env")
	base := t.TempDir()
	files(t, base, map[string]string{"outside.yaml": "SENTINEL: [\n"})
	for _, target := range []string{"/proc/self/environ", "/dev/zero", filepath.Join(base, "outside.yaml"), "../outside.yaml", "fifo"} {
		repo := filepath.Join(t.TempDir(), "repo")
		files(t, repo, map[string]string{".git/HEAD": "x\n", ".greyhound/config.yaml": "services:\n  - name: web\n    image: nginx\n"})
		if target == "fifo" {
			if err := syscall.Mkfifo(filepath.Join(repo, ".greylint.yaml"), 0o644); err != nil {
				t.Skip(err)
			}
		} else {
			if target == "../outside.yaml" {
				target, _ = filepath.Rel(repo, filepath.Join(base, "outside.yaml"))
			}
			files(t, repo, map[string]string{".greylint.yaml": "-> " + target})
		}
		done := make(chan struct{})
		var code int
		var stdout, stderr string
		go func() {
			defer close(done)
			code, stdout, stderr = runIn(t, repo, "", ".")
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf(".greylint.yaml -> %s: greylint blocks", target)
		}
		if code != exitUsage || !strings.Contains(stderr, "cannot read") || strings.Contains(stdout+stderr, "SENTINEL") {
			t.Errorf(".greylint.yaml -> %s: exit %d\n%s%s", target, code, stdout, stderr)
		}
	}
}

// N10: with a nested .greyhound/, greylint ., greylint FILE and greylint
// .greyhound give one answer, and the nested directory is not the
// repository's root (its config_source is read from the top).
func TestNestedGreyhoundOneAnswer(t *testing.T) {
	repo := t.TempDir()
	files(t, repo, map[string]string{
		".git/HEAD":                        "x\n",
		".greylint.yaml":                   "repository: org/parent\n",
		".greyhound/config.yaml":           "services:\n  - name: a\n    image: nginx\n",
		".greyhound/api-config.yaml":       "services:\n  - name: api\n    image: nginx\n",
		".greyhound/applications.yaml":     "applications:\n  - name: a\n    repository: org/parent\n    branch: main\n",
		"sub/.greyhound/applications.yaml": "applications:\n  - name: b\n    repository: org/parent\n    branch: main\n    config_source: .greyhound/api-config.yaml\n",
	})
	var outs []string
	for _, args := range [][]string{{"."}, {".greyhound/api-config.yaml"}, {".greyhound"}, {"sub"}} {
		code, stdout, stderr := runIn(t, repo, "", append([]string{"--quiet"}, args...)...)
		if code != exitOK {
			t.Errorf("greylint %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		outs = append(outs, stdout)
	}
	for i := range outs {
		if outs[i] != outs[0] {
			t.Errorf("the answers differ:\n%q", outs)
			break
		}
	}
}

// N15: a file reached twice (an in-repository link, or named twice) is
// linted, reported and fixed once: exit 1 before the fix, 0 after, and no
// "changed while greylint was fixing it".
func TestFileReachedTwiceIsFixedOnce(t *testing.T) {
	repo := t.TempDir()
	files(t, repo, map[string]string{".git/HEAD": "x\n", ".greyhound/config.yaml": fixableJob, ".greyhound/prod.yaml": "-> config.yaml"})
	code, stdout, _ := runIn(t, repo, "", ".")
	if code != exitOK || strings.Count(stdout, "restartPolicy") != 2 { // the finding line and its source line
		t.Errorf("the finding is not reported once (exit %d):\n%s", code, stdout)
	}
	for _, args := range [][]string{{"--fix", "."}, {"--fix", ".greyhound/config.yaml", "./.greyhound/config.yaml"}} {
		os.WriteFile(filepath.Join(repo, ".greyhound/config.yaml"), []byte(fixableJob), 0o644)
		code, stdout, stderr := runIn(t, repo, "", args...)
		if code != exitOK || strings.Contains(stderr, "changed while") || !strings.Contains(stderr, "1 fixed, 0 remaining") {
			t.Errorf("greylint %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		if st, err := os.Lstat(filepath.Join(repo, ".greyhound/prod.yaml")); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Error("the link is no longer a link")
		}
	}
}

// N19: a git worktree or submodule (.git is a file: gitdir:, commondir)
// is named from the common config, as its main checkout is; a checkout
// greylint cannot name says so.
func TestWorktreeRepositoryIsIdentified(t *testing.T) {
	base := t.TempDir()
	main, feature := filepath.Join(base, "main"), filepath.Join(base, "feature")
	apps := "applications:\n  - {name: a, repository: acme/app, branch: main, config_source: .greyhound/missing.yaml}\n"
	files(t, main, map[string]string{
		".git/config":                      "[core]\n\tbare = false\n" + strings.Repeat("[branch \"b\"]\n\tremote = origin\n", 60000) + "[remote \"origin\"]\n\turl = https://github.com/acme/app.git\n",
		".git/worktrees/feature/commondir": "../..\n",
		".greyhound/applications.yaml":     apps,
	})
	files(t, feature, map[string]string{".git": "gitdir: " + filepath.Join(main, ".git/worktrees/feature") + "\n", ".greyhound/applications.yaml": apps})
	for _, dir := range []string{main, feature} {
		code, stdout, stderr := runIn(t, dir, "", ".")
		if code != exitFindings || !strings.Contains(stdout, "missing-config-source") {
			t.Errorf("%s: exit %d, the repository was not identified:\n%s%s", filepath.Base(dir), code, stdout, stderr)
		}
	}
	// The gitdir leads nowhere: said.
	broken := filepath.Join(base, "broken")
	files(t, broken, map[string]string{".git": "gitdir: " + filepath.Join(base, "gone") + "\n", ".greyhound/applications.yaml": apps})
	_, _, stderr := runIn(t, broken, "", ".")
	if !strings.Contains(stderr, "note: cannot tell which repository") {
		t.Errorf("an unidentified repository is not said:\n%s", stderr)
	}
	// An origin in an [include]d file: said.
	included := filepath.Join(base, "included")
	files(t, included, map[string]string{".git/config": "[include]\n\tpath = remotes\n", ".greyhound/applications.yaml": apps})
	_, _, stderr = runIn(t, included, "", ".")
	if !strings.Contains(stderr, "[include]") {
		t.Errorf("an origin in an included file is not said:\n%s", stderr)
	}
}
