package hostile_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greylint/greylint/internal/hostile"
)

// cliModes are every way the CLI reads and writes files: each --format,
// --fix, --fix --unsafe-fixes, --diff, no path, standard input with
// --stdin-filename, files named through links, and init.
var cliModes = []struct {
	dir   string // below the checkout
	args  []string
	stdin string
}{
	{"", []string{"."}, ""},
	{"", []string{"--format", "json", "."}, ""},
	{"", []string{"--format", "sarif", "."}, ""},
	{"", []string{"--format", "github", "."}, ""},
	{"", []string{"--format", "checkstyle", "."}, ""},
	{"", []string{"--format", "junit", "."}, ""},
	{"", []string{"--statistics", "."}, ""},
	{"", []string{"--diff", "."}, ""},
	{"", []string{"--diff", "--unsafe-fixes", "."}, ""},
	{"", []string{}, ""},
	{"deploy", []string{}, ""},
	{"", []string{"--stdin-filename", ".greyhound/config.yaml", "-"}, "jobs:\n  - name: x\n    image: nginx\n    restartPolicy: OnFailure\n"},
	{"", []string{"--stdin-filename", ".greyhound/applications.yaml", "-"}, "applications:\n  - {name: x, repository: acme/app, branch: main, config_source: l/other.yaml}\n"},
	{"", []string{".greyhound/leak.yaml", ".greyhound/abs.yaml", ".greyhound/proc.yaml", ".greyhound/environ.yaml", ".greyhound/zero.yaml", ".greyhound/dotdot.yaml", ".greyhound/fifo.yaml", "l/other.yaml", "proc/etc/hostname", "deploy/out.yaml", "up/.greyhound", "svc"}, ""},
	{"", []string{"up", "procdir", "absdir", "l"}, ""},
	{"deploy", []string{"init"}, ""},
	{"", []string{"--fix", "--unsafe-fixes", ".greyhound/leak.yaml", "l/other.yaml", "deploy/out.yaml", "deploy/abs.yaml"}, ""},
	{"", []string{"--fix", "."}, ""},
	{"", []string{"--fix", "--unsafe-fixes", "."}, ""},
	{"", []string{"--fix", "--unsafe-fixes"}, ""},
}

// The escape test (issue #19): on a checkout holding every link shape of
// the hostile rounds (file and directory links in and out, absolute and
// relative, through /proc/self/root, to /dev/zero and /proc/self/environ,
// FIFOs, "..", .greyhound and .greylint.yaml links, a worktree .git file,
// a mapped checkout), every CLI mode prints no byte of the sentinel
// planted outside (and in the environment), and changes no file outside:
// content, size, mode and mtime.
func TestNothingEscapesTheCheckout(t *testing.T) {
	e, err := hostile.WriteEscape(t.TempDir())
	if err != nil {
		t.Skipf("cannot make the link shapes here: %v", err)
	}
	before := hostile.Snapshot(e.Outside)
	env := append(os.Environ(), "GREYLINT_ESCAPE_SENTINEL="+e.Sentinel)
	run := func(dir string, stdin string, args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(greylint, append([]string{"--color", "never"}, args...)...)
		if len(args) > 0 && args[0] == "init" {
			cmd = exec.Command(greylint, args...)
		}
		cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader(stdin)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("greylint %v blocks", args)
		}
		return cmd.ProcessState.ExitCode(), out.String()
	}
	for _, m := range cliModes {
		code, out := run(filepath.Join(e.Repo, m.dir), m.stdin, m.args...)
		if e.Leaks(out) {
			t.Errorf("greylint %v (in %s/) printed the sentinel (exit %d):\n%s", m.args, m.dir, code, clip([]byte(out)))
		}
		if code > 3 || code < 0 || strings.Contains(out, "panic:") {
			t.Errorf("greylint %v: exit %d\n%s", m.args, code, clip([]byte(out)))
		}
		if ch := hostile.Changed(before, hostile.Snapshot(e.Outside)); len(ch) > 0 {
			t.Fatalf("greylint %v changed files outside the checkout: %v", m.args, ch)
		}
	}
	// A fix inside the checkout was written (the test can fail: --fix
	// works here at all).
	if b, _ := os.ReadFile(filepath.Join(e.Repo, ".greyhound/config.yaml")); strings.Contains(string(b), "restartPolicy") {
		t.Error("--fix did not fix the checkout's own config")
	}
	// Checkouts whose .greylint.yaml leaves them: refused, quickly.
	for _, dir := range e.GreylintLinks {
		for _, args := range [][]string{{"."}, {"--fix", "."}, {}} {
			code, out := run(dir, "", args...)
			if e.Leaks(out) || code != 2 {
				t.Errorf("%s: greylint %v: exit %d, want 2 (configuration unreadable):\n%s", filepath.Base(dir), args, code, clip([]byte(out)))
			}
		}
	}
	if ch := hostile.Changed(before, hostile.Snapshot(e.Outside)); len(ch) > 0 {
		t.Errorf("files outside the checkout changed: %v", ch)
	}
}
