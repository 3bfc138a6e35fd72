package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/greylint/greylint/workspace"
)

func runIn(t *testing.T, dir string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var stdout, stderr strings.Builder
	code := run(append([]string{"--color", "never"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func project(t *testing.T) string {
	t.Helper()
	return projectIn(t.TempDir())
}

func projectIn(dir string) string {
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".greyhound"), 0o755)
	os.WriteFile(filepath.Join(dir, ".greyhound", "config.yaml"), []byte("services:\n  - name: web\n    image: nginx\n"), 0o644)
	return dir
}

// A committed .greyhound/x.yaml -> a file outside the repository (the CI
// job's environment, say) is skipped and said, never read or printed.
func TestWalkDoesNotFollowLinksOutOfTheRoot(t *testing.T) {
	dir := project(t)
	secret := filepath.Join(t.TempDir(), "environ")
	os.WriteFile(secret, []byte("TOKEN=s3cr3t: [\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, ".greyhound", "leak.yaml")); err != nil {
		t.Skip(err)
	}
	// A link that stays inside the root is followed.
	os.WriteFile(filepath.Join(dir, "shared.yaml"), []byte("jobs:\n  - name: j\n    image: busybox\n    ports: []\n"), 0o644)
	os.Symlink(filepath.Join(dir, "shared.yaml"), filepath.Join(dir, ".greyhound", "inside.yaml"))
	code, stdout, stderr := runIn(t, dir, "", ".")
	if strings.Contains(stdout+stderr, "s3cr3t") {
		t.Fatalf("the linked file was read:\n%s\n%s", stdout, stderr)
	}
	if !strings.Contains(stderr, "skipped .greyhound/leak.yaml: a symbolic link to a file outside .") {
		t.Errorf("the skipped link is not said:\n%s", stderr)
	}
	if !strings.Contains(stdout, "inside.yaml:4:5: error: jobs have no ports") || code != exitFindings {
		t.Errorf("the link inside the root was not linted (exit %d):\n%s", code, stdout)
	}
}

// Only regular files are read: a FIFO does not block the run, a device is
// refused, each with a message, and the rest is linted.
func TestNonRegularFilesNeverBlock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := project(t)
	fifo := filepath.Join(dir, ".greyhound", "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	var code int
	var stdout, stderr string
	go func() {
		code, stdout, stderr = runIn(t, dir, "", ".")
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("greylint blocked on a FIFO")
	}
	if code != exitFailure || !strings.Contains(stderr, "pipe.yaml: it is not a regular file (a named pipe)") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "in 1 file") {
		t.Errorf("the regular file was not linted:\n%s%s", stdout, stderr)
	}
	code, _, stderr = runIn(t, dir, "", "/dev/zero")
	// Nothing was linted: not "0 greylint configurations" either.
	if code != exitFailure || !strings.Contains(stderr, "not a regular file (a device)") || !strings.HasSuffix(stderr, "no problems in 0 files\n") {
		t.Errorf("/dev/zero: exit %d, %s", code, stderr)
	}
}

// A file or standard input past --max-file-size is one file-too-large
// finding, never read whole, never checked in part.
func TestMaxFileSize(t *testing.T) {
	dir := project(t)
	code, stdout, _ := runIn(t, dir, "", "--max-file-size", "20", ".greyhound/config.yaml")
	if code != exitFindings || !strings.Contains(stdout, "error: the file is larger than 20 bytes, the most greylint checks (--max-file-size); it was not checked: split it, or raise the limit with --max-file-size if it is meant to be this large [file-too-large]") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	// 2 MiB on standard input, with a 1 MiB limit.
	code, stdout, _ = runIn(t, dir, strings.Repeat("y\n", 1<<20), "--kind", "config", "--max-file-size", "1M", "-")
	if code != exitFindings || !strings.Contains(stdout, "<stdin>:1:1: error: the file is larger than 1 MiB") {
		t.Errorf("stdin: exit %d:\n%.300s", code, stdout)
	}
	if code, _, stderr := runIn(t, dir, "", "--max-file-size", "lots", "."); code != exitUsage || !strings.Contains(stderr, "--max-file-size") {
		t.Errorf("a bad --max-file-size: exit %d %s", code, stderr)
	}
}

// An unreadable directory is said on standard error; the rest is linted
// and the exit code is 3.
func TestUnreadableDirectoryDoesNotStopTheRun(t *testing.T) {
	// Under os.TempDir, which nobody (below) can enter: t.TempDir is
	// under GOTMPDIR when it is set, and gremlins sets it to a directory
	// of mode 0700 (every mutant of make mutation was "killed" here).
	base, err := os.MkdirTemp("", "greylint-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	dir := projectIn(filepath.Join(base, "project"))
	locked := filepath.Join(dir, "locked")
	os.MkdirAll(filepath.Join(locked, ".greyhound"), 0o755)
	os.Chmod(locked, 0)
	defer os.Chmod(locked, 0o755)
	var code int
	var stderr string
	if os.Geteuid() != 0 {
		code, _, stderr = runIn(t, dir, "", ".")
	} else {
		// Root reads every directory: run the binary as nobody instead.
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("root, and no setpriv to drop the privileges")
		}
		// The test binary, named greylint, is the command (TestMain's
		// testscript.Main): a copy nobody may run, no build per run.
		bin := filepath.Join(base, "greylint")
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		exe, err := os.ReadFile(self)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, exe, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{filepath.Dir(bin), filepath.Dir(dir)} {
			os.Chmod(p, 0o755)
		}
		cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "--color", "never", ".")
		cmd.Dir = dir
		var errb strings.Builder
		cmd.Stderr = &errb
		err = cmd.Run()
		stderr = errb.String()
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
	}
	if code != exitFailure || !strings.Contains(stderr, "cannot read locked") || !strings.Contains(stderr, "in 1 file") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// Control characters from the input never reach the terminal raw: an ESC
// in a value is shown as \x1b, and a newline in a name cannot start a line
// that looks like a finding.
func TestControlCharactersAreShown(t *testing.T) {
	dir := t.TempDir()
	// Escapes in quoted YAML become control characters in values: a
	// configmap key listed unquoted in a message ("its keys are: ..."), a
	// name with a newline that forges a finding line.
	src := "configmaps:\n  - name: cm\n    data: {\"A\\e[2J\\nfake.yaml:1:1: error: forged [x]\": x}\n" +
		"services:\n  - name: web\n    image: nginx\n    env:\n      - name: X\n        valueFrom:\n          configMapKeyRef: {name: cm, key: B}\n"
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(src), 0o644)
	// A raw ESC byte in the text: YAML rejects it, and the syntax error's
	// snippet shows the line.
	os.WriteFile(filepath.Join(dir, "raw.yaml"), []byte("services:\n  - name: \x1b[2Jweb\x07\n"), 0o644)
	for _, format := range []string{"text", "github"} {
		_, stdout, stderr := runIn(t, dir, "", "--kind", "config", "--format", format, "c.yaml", "raw.yaml")
		out := stdout + stderr
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%s: a raw control character reached the output:\n%q", format, out)
		}
		for _, line := range strings.Split(stdout, "\n") {
			if strings.HasPrefix(line, "fake.yaml") {
				t.Errorf("%s: a forged finding line: %q", format, line)
			}
		}
		if !strings.Contains(stdout, `\x1b`) {
			t.Errorf("%s: the escape is not shown:\n%s", format, stdout)
		}
	}
}

// A checkout's files are taken from the walk of a directory that holds it
// only when that walk saw them as a walk of the checkout would.
func TestWalkedWhole(t *testing.T) {
	for _, c := range []struct {
		name  string
		dv    discovery
		root  string
		whole bool
	}{
		{"the walked directory holds the checkout", discovery{walked: []string{"/w"}}, "/w/a", true},
		{"the walked directory is the checkout", discovery{walked: []string{"/w/a"}}, "/w/a", true},
		{"the checkout holds the walked directory", discovery{walked: []string{"/w/a/.greyhound"}}, "/w/a", false},
		{"a sibling with a common prefix", discovery{walked: []string{"/w/a"}}, "/w/ab", false},
		{"a link in the checkout", discovery{walked: []string{"/w"}, Skipped: workspace.Skipped{Links: []string{"/w/a/.greyhound/x.yaml"}}}, "/w/a", false},
		{"a link in another checkout", discovery{walked: []string{"/w"}, Skipped: workspace.Skipped{Links: []string{"/w/b/.greyhound/x.yaml"}}}, "/w/a", true},
		{"a link beside the checkout that sorts before its own", discovery{walked: []string{"/w"}, Skipped: workspace.Skipped{Links: []string{"/w/a-b/.greyhound/x.yaml", "/w/a/.greyhound/y.yaml"}}}, "/w/a", false},
		{"an unreadable directory", discovery{walked: []string{"/w"}, Skipped: workspace.Skipped{Unreadable: true}}, "/w/a", false},
	} {
		for i, l := range c.dv.Links {
			c.dv.Links[i] = filepath.FromSlash(l)
		}
		for i, d := range c.dv.walked {
			c.dv.walked[i] = filepath.FromSlash(d)
		}
		slices.Sort(c.dv.Links) // as withReferencedConfigs does
		if got := walkedWhole(filepath.FromSlash(c.root), &c.dv); got != c.whole {
			t.Errorf("%s: walkedWhole = %v", c.name, got)
		}
	}
}
