package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/greylint/greylint/userfs"
)

// fixable has one safe fix (restartPolicy -> restart_policy) and a finding
// no fix removes (ports on a job), so a run always has something to print.
const fixable = `jobs:
  - name: migrate
    image: busybox
    restartPolicy: Never
    ports: []
`

const fixed = `jobs:
  - name: migrate
    image: busybox
    restart_policy: Never
    ports: []
`

func runFix(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--kind", "config", "--color", "never"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeCase(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(fixable), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return path
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A link named on the command line is fixed through: its target is
// rewritten, when it stays in the link's checkout (here its directory).
func TestFixWritesTheTargetOfASymlink(t *testing.T) {
	target := writeCase(t, 0o644)
	link := filepath.Join(filepath.Dir(filepath.Dir(target)), "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runFix(t, "--fix", link)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v %v", st.Mode(), err)
	}
	if got := readString(t, target); got != fixed {
		t.Errorf("target after --fix:\n%s\nwant:\n%s", got, fixed)
	}
}

func TestFixRefusesAFileWithHardLinks(t *testing.T) {
	path := writeCase(t, 0o644)
	other := path + ".other"
	if err := os.Link(path, other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	code, stdout, stderr := runFix(t, "--fix", path)
	if code != exitFailure || !strings.Contains(stderr, "2 hard links") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and a word on the hard links", code, stderr, exitFailure)
	}
	if got := readString(t, path); got != fixable {
		t.Errorf("the file changed:\n%s", got)
	}
	// The findings of the file as it is are still reported.
	if !strings.Contains(stdout, "restartPolicy") || !strings.Contains(stdout, "jobs have no ports") {
		t.Errorf("findings missing from stdout:\n%s", stdout)
	}
	a, _ := os.Stat(path)
	b, _ := os.Stat(other)
	if !os.SameFile(a, b) {
		t.Error("the hard link was split")
	}
}

func TestFixKeepsModeOwnerAndGroup(t *testing.T) {
	path := writeCase(t, 0o750)
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(path, 1234, 5678); err != nil {
			t.Fatal(err)
		}
	}
	// After the chown, which clears setgid on an executable file.
	if err := os.Chmod(path, 0o750|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runFix(t, "--fix", path)
	if code != exitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if got := readString(t, path); got != fixed {
		t.Fatalf("not fixed:\n%s", got)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.FileMode(0o750) | os.ModeSetgid; st.Mode()&(os.ModePerm|os.ModeSetgid|os.ModeSetuid|os.ModeSticky) != want {
		t.Errorf("mode %v, want %v", st.Mode(), want)
	}
	if root {
		s := st.Sys().(*syscall.Stat_t)
		if s.Uid != 1234 || s.Gid != 5678 {
			t.Errorf("owner %d:%d, want 1234:5678", s.Uid, s.Gid)
		}
	}
}

func TestFixRefusesAReadOnlyFile(t *testing.T) {
	path := writeCase(t, 0o444)
	code, stdout, stderr := runFix(t, "--fix", path)
	if code != exitFailure || !strings.Contains(stderr, "read-only (mode 0444)") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and read-only", code, stderr, exitFailure)
	}
	if got := readString(t, path); got != fixable {
		t.Errorf("the file changed:\n%s", got)
	}
	if !strings.Contains(stdout, "restartPolicy") || strings.Contains(stderr, "no problems") {
		t.Errorf("the remaining findings were dropped:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	// [*] marks what this run repairs, and it repairs nothing here.
	if strings.Contains(stdout, "[*]") || strings.Contains(stderr, "[*]") {
		t.Errorf("a finding of a file --fix did not write is marked [*]:\n%s%s", stdout, stderr)
	}
}

func TestFixRefusesTextThatIsNotUTF8(t *testing.T) {
	u := utf16.Encode([]rune(fixable))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runFix(t, "--fix", path)
	if code != exitFailure || !strings.Contains(stderr, "UTF-16") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and UTF-16", code, stderr, exitFailure)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
		t.Error("the UTF-16 file was rewritten")
	}
}

// An editor that saves between greylint's read and its rename keeps its
// edit: greylint reads the file again right before the rename.
func TestFixLosesNoConcurrentEdit(t *testing.T) {
	path := writeCase(t, 0o644)
	const edited = fixable + "# saved by the editor\n"
	userfs.BeforeRecheck = func(string) { os.WriteFile(path, []byte(edited), 0o644) }
	defer func() { userfs.BeforeRecheck = func(string) {} }()
	code, _, stderr := runFix(t, "--fix", path)
	if code != exitFailure || !strings.Contains(stderr, "changed while greylint was fixing it") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if got := readString(t, path); got != edited {
		t.Errorf("the editor's save was lost:\n%s", got)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".config.yaml.greylint-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// manyFixes is a file with n safe fixes, one every four lines.
func manyFixes(n int) (before, after []byte) {
	var b, a strings.Builder
	b.WriteString("jobs:\n")
	a.WriteString("jobs:\n")
	for i := range n {
		job := "  - name: job-" + strconv.Itoa(i) + "\n    image: busybox:1.36\n    %s: OnFailure\n    backoff_limit: 1\n"
		b.WriteString(strings.Replace(job, "%s", "restartPolicy", 1))
		a.WriteString(strings.Replace(job, "%s", "restart_policy", 1))
	}
	return []byte(b.String()), []byte(a.String())
}

// --diff took memory quadratic in the number of changes (a copy of the
// Myers frontier per step: 3 GB for 4,000 fixes). The bytes it allocates
// now grow linearly: twice the changes, about twice the bytes, and a small
// multiple of the text.
func TestDiffMemoryIsLinear(t *testing.T) {
	alloc := func(n int) (uint64, int) {
		a, b := manyFixes(n)
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		writeDiff(io.Discard, "config.yaml", a, b)
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc, len(a)
	}
	small, size := alloc(2000)
	large, _ := alloc(4000)
	t.Logf("diff of %d bytes with 2000 changes: %d bytes allocated; 4000 changes: %d", size, small, large)
	if float64(large) > 2.6*float64(small) {
		t.Errorf("twice the changes allocate %.1f times the bytes", float64(large)/float64(small))
	}
	if small > 40*uint64(size) {
		t.Errorf("%d bytes allocated for a %d-byte file", small, size)
	}
}
