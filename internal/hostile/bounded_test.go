package hostile_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/hostile"
)

func lintBounded(t *testing.T, s hostile.Bounded, n int, format string) run {
	t.Helper()
	dir := t.TempDir()
	if _, err := s.WriteProject(dir, n); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(greylint, "--color", "never", "--format", format, ".")
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := run{stdout: out.Bytes(), stderr: errOut.Bytes()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// The shapes of issue #19 whose size is the length of what every message
// quotes (N21's long names and keys, the echoed glob), at two sizes in
// three formats: twice the input prints no more than the input did (plus
// a little), because a message quotes at most lint.MaxQuoted characters
// of a value; the output is terminal-safe, and the findings are there.
func TestBoundedShapesDoNotGrow(t *testing.T) {
	for _, s := range hostile.BoundedShapes {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			for _, format := range []string{"text", "json", "sarif"} {
				small, large := lintBounded(t, s, s.N, format), lintBounded(t, s, 2*s.N, format)
				for i, r := range []run{small, large} {
					n := s.N * (i + 1)
					if r.code > 2 {
						t.Errorf("%s at %d: exit %d\n%s", format, n, r.code, clip(r.stderr))
					}
					all := string(r.stdout) + string(r.stderr)
					if strings.Contains(all, "panic:") || !strings.Contains(all, "…") {
						t.Errorf("%s at %d: no value cut in the output:\n%s", format, n, clip([]byte(all)))
					}
					if format == "text" {
						checkTerminalSafe(t, fmt.Sprintf("text at %d", n), all)
					}
				}
				out := func(r run) int { return len(r.stdout) + len(r.stderr) }
				if out(large) > out(small)+2048 {
					t.Errorf("%s: %d -> %d bytes of output for input twice as long (the quoted values are not bounded)", format, out(small), out(large))
				}
				t.Logf("%s: %d -> %d bytes of output", format, out(small), out(large))
			}
		})
	}
}
