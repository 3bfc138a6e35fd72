package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// severityFiles picks from the rules' test files one whose most severe
// finding is each severity, and one with no finding: the inputs of the
// exit-code table.
func severityFiles(t *testing.T) map[lint.Severity]string {
	t.Helper()
	out := map[lint.Severity]string{}
	for _, r := range corpusLint(t) {
		worst := lint.Severity(0) // no finding
		for _, d := range r.diags {
			if worst == 0 || d.Severity < worst {
				worst = d.Severity
			}
		}
		if _, ok := out[worst]; !ok {
			out[worst] = r.path
		}
		if len(out) == 5 {
			return out
		}
	}
	t.Fatalf("the rules' test files cover only %v", out)
	return nil
}

// TestExitCodeIsTheFindingsAgainstTheThreshold: over a file of each worst
// severity (and a clean one), every --fail-on, every fail_on in
// .greylint.yaml and --exit-zero, the exit code is 1 exactly when a finding
// the same run prints (its JSON) is at or above the threshold (--fail-on,
// else fail_on, else error), and 0 otherwise; --exit-zero makes that 1 a
// 0 and leaves 2 (usage) and 3 (unreadable) alone.
func TestExitCodeIsTheFindingsAgainstTheThreshold(t *testing.T) {
	files := severityFiles(t)
	levels := []string{"", "error", "warning", "info", "hint"}
	for worst, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, fileLevel := range levels {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, ".git"), 0o755)
			os.WriteFile(filepath.Join(dir, filepath.Base(file)), src, 0o644)
			if fileLevel != "" {
				os.WriteFile(filepath.Join(dir, config.FileName), []byte("fail_on: "+fileLevel+"\n"), 0o644)
			}
			for _, flagLevel := range levels {
				for _, exitZero := range []bool{false, true} {
					args := []string{"--format", "json", "-q"}
					if flagLevel != "" {
						args = append(args, "--fail-on", flagLevel)
					}
					if exitZero {
						args = append(args, "--exit-zero")
					}
					args = append(args, filepath.Base(file))
					name := fmt.Sprintf("worst=%v/fail_on=%q/--fail-on=%q/--exit-zero=%v", worst, fileLevel, flagLevel, exitZero)
					code, stdout, stderr := runIn(t, dir, "", args...)
					var got []jsonDiagnostic
					if err := json.Unmarshal([]byte(stdout), &got); err != nil {
						t.Fatalf("%s: %v\n%s%s", name, err, stdout, stderr)
					}
					threshold := lint.Error
					for _, l := range []string{fileLevel, flagLevel} {
						if s, ok := lint.ParseSeverity(l); ok {
							threshold = s
						}
					}
					want := exitOK
					for _, d := range got {
						if s, _ := lint.ParseSeverity(d.Severity); s <= threshold && !exitZero {
							want = exitFindings
						}
					}
					if worst != 0 && len(got) == 0 {
						t.Errorf("%s: no finding printed", name)
					}
					if code != want {
						t.Errorf("%s: exit %d, want %d (threshold %v, findings %d)\n%s", name, code, want, threshold, len(got), stderr)
					}
				}
			}
		}
	}
	// Usage errors and unreadable files keep their codes under --exit-zero.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "warn.yaml"), []byte("services:\n  - name: web\n    image: nginx\n    replica: 2\n"), 0o644)
	// A safe fix of a warning, below the threshold: --diff shows it and
	// fails the run (the file on disk is not what it should be).
	os.WriteFile(filepath.Join(dir, "fixable.yaml"), []byte("services:\n  - name: web\n    image: nginx\n    env:\n      - name: A\n        value: yes\n"), 0o644)
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"--exit-zero", "--fail-on", "warning", "warn.yaml"}, exitOK},
		{[]string{"--fail-on", "warning", "warn.yaml"}, exitFindings},
		{[]string{"--exit-zero", "--fail-on", "fatal", "warn.yaml"}, exitUsage},
		{[]string{"--exit-zero", "--fail-on", "warning", "warn.yaml", "missing.yaml"}, exitFailure},
		{[]string{"fixable.yaml"}, exitOK},
		{[]string{"--diff", "fixable.yaml"}, exitFindings},
		{[]string{"--exit-zero", "--diff", "fixable.yaml"}, exitOK},
		{[]string{"--fail-on", "hint", "--diff", "warn.yaml"}, exitFindings},
		{[]string{"--diff", "warn.yaml"}, exitOK},
	} {
		if code, _, stderr := runIn(t, dir, "", c.args...); code != c.want {
			t.Errorf("greylint %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.want, stderr)
		}
	}
}
