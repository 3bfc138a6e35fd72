package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"greylint": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

var updateScripts = flag.Bool("update", false, "rewrite the files that cmp compares in testdata/script")

// TestScript runs the end-to-end CLI scripts in testdata/script: exit
// codes, formats, discovery, stdin.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", UpdateScripts: *updateScripts, Cmds: map[string]func(*testscript.TestScript, bool, []string){
		// exits N cmd args...: run cmd and require exit code N.
		"exits": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) < 2 {
				ts.Fatalf("usage: exits N command [args...]")
			}
			err := ts.Exec(args[1], args[2:]...)
			code := 0
			var ee *exec.ExitError
			switch {
			case errors.As(err, &ee):
				code = ee.ExitCode()
			case err != nil:
				ts.Fatalf("%v", err)
			}
			if strconv.Itoa(code) != args[0] {
				ts.Fatalf("exit code %d, want %s", code, args[0])
			}
		},
	}})
}

// greylint rules aligns its columns whatever the length of the IDs
// (parallelism-exceeds-completions pushed its row out of line).
func TestRulesTableAligns(t *testing.T) {
	var out, errb strings.Builder
	if code := run([]string{"rules"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	sev := strings.Index(lines[0], "SEVERITY")
	for _, l := range lines[1:] {
		if len(l) <= sev || l[sev-1] != ' ' || l[sev] == ' ' {
			t.Errorf("severity not in its column (%d): %q", sev, l)
		}
	}
}
