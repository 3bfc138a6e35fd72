package hostile_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// monorepo writes one repository with n service directories, each with
// its own .greyhound/config.yaml and 8 source files, and a .greylint.yaml
// at the top with a files: glob (hostile round 2, N9).
func monorepo(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(p, s string) {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".git/HEAD", "ref: refs/heads/main\n")
	write(".greylint.yaml", "files: [\"deploy/*.yaml\"]\n")
	write("deploy/extra.yaml", "services:\n  - name: extra\n    image: nginx\n")
	for i := range n {
		write(fmt.Sprintf("svc%d/.greyhound/config.yaml", i), fmt.Sprintf("services:\n  - name: s%d\n    image: nginx\n", i))
		for j := range 8 {
			write(fmt.Sprintf("svc%d/src/f%d.go", i, j), "package x\n")
		}
	}
	return dir
}

var readCount = regexp.MustCompile(`read (\d+) directories, (\d+) files`)

// reads runs greylint on dir and returns the directories and files it read.
func reads(t *testing.T, dir string) (int, int) {
	t.Helper()
	cmd := exec.Command(greylint, "--count-reads", "--quiet", ".")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	m := readCount.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no read count in:\n%s", clip(out))
	}
	d, _ := strconv.Atoi(string(m[1]))
	f, _ := strconv.Atoi(string(m[2]))
	return d, f
}

// N9: a monorepo with files: is walked once per .greylint.yaml, not once
// per checkout: twice the services, at most twice the directory and file
// reads (plus a constant). Counted, not timed (before: 1,000 services took
// 18.6 s, 250 walks of the whole tree at 250).
func TestMonorepoFilesGlobIsWalkedOnce(t *testing.T) {
	const n = 100
	d1, f1 := reads(t, monorepo(t, n))
	d2, f2 := reads(t, monorepo(t, 2*n))
	t.Logf("N=%d: %d directories, %d files; N=%d: %d directories, %d files", n, d1, f1, 2*n, d2, f2)
	if d2 > 2*d1+10 || f2 > 2*f1+10 {
		t.Errorf("reads grow faster than the repository: %d -> %d directories, %d -> %d files", d1, d2, f1, f2)
	}
	// Each directory of the tree is read a bounded number of times: the
	// main walk, the files: walk, and one listing per .greyhound/.
	if dirs := 3*n + 3; d1 > 3*dirs {
		t.Errorf("%d directory reads for %d directories", d1, dirs)
	}
}
