package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryFlagValueIsCheckedBeforeLinting: for each flag that takes a
// value, or goes only with another, the values it accepts lint (exit 0 or
// 1, never 2) and the values it refuses are a usage error (exit 2) that
// names what was wrong, before anything is linted: both sides of each
// check.
func TestEveryFlagValueIsCheckedBeforeLinting(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, "warn.yaml"), []byte("services:\n  - name: web\n    image: nginx\n    replica: 2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "lax.yaml"), []byte("fail_on: hint\n"), 0o644)
	for _, c := range []struct {
		args  []string
		stdin string
		bad   string // the message of the usage error; "" when the run lints
	}{
		{[]string{"--format", "json"}, "", ""},
		{[]string{"--format", "jsonl"}, "", `unknown --format "jsonl"`},
		{[]string{"--format", "json", "--format", "sarif"}, "", "only one --format can go to standard output"},
		{[]string{"--format", "json", "--format", "sarif=out.sarif"}, "", ""},
		{[]string{"--format", "sarif", "--output", "out.sarif"}, "", ""},
		{[]string{"--format", "sarif", "--output", "warn.yaml"}, "", "would overwrite warn.yaml"},
		{[]string{"--format", "sarif=lax.yaml", "--config", "lax.yaml"}, "", "would overwrite lax.yaml"},
		{[]string{"--color", "always"}, "", ""},
		{[]string{"--color", "auto"}, "", ""},
		{[]string{"--color", "sometimes"}, "", `unknown --color "sometimes"`},
		{[]string{"--fail-on", "hint"}, "", ""},
		{[]string{"--fail-on", "fatal"}, "", `unknown --fail-on "fatal"`},
		{[]string{"--kind", "config"}, "", ""},
		{[]string{"--kind", "applications"}, "", ""},
		{[]string{"--kind", "greylint"}, "", `unknown --kind "greylint"`},
		{[]string{"--kind", "build"}, "", `unknown --kind "build"`},
		{[]string{"--max-file-size", "1K"}, "", ""},
		{[]string{"--max-file-size", "1"}, "", ""},
		{[]string{"--max-file-size", "0"}, "", "--max-file-size"},
		{[]string{"--max-file-size", "-1"}, "", "--max-file-size"},
		{[]string{"--max-file-size", "1.5M"}, "", "--max-file-size"},
		{[]string{"--max-file-size", "01"}, "", "--max-file-size"},
		{[]string{"--max-file-size", "K"}, "", "--max-file-size"},
		{[]string{"--select", "unknown-field"}, "", ""},
		{[]string{"--select", "unknown-feild"}, "", `no rule "unknown-feild"; did you mean "unknown-field"?`},
		{[]string{"--ignore", "unknown-field,unused-ignore"}, "", ""},
		{[]string{"--ignore", "zzzzzzzz"}, "", `no rule "zzzzzzzz" (greylint rules lists them)`},
		{[]string{"--shellcheck", "off"}, "", ""},
		{[]string{"--shellcheck", "/no/such/shellcheck"}, "", "--shellcheck:"},
		{[]string{"--unsafe-fixes"}, "", "--unsafe-fixes goes with --fix or --diff"},
		{[]string{"--unsafe-fixes", "--diff"}, "", ""},
		{[]string{"--fix", "-"}, "services: []\n", "--fix cannot rewrite standard input"},
		{[]string{"--fix", "--diff", "-"}, "services: []\n", ""},
		{[]string{"--config", "missing.yaml"}, "", "cannot read missing.yaml"},
		{[]string{"--config", "lax.yaml"}, "", ""},
	} {
		args := append([]string{}, c.args...)
		if args[len(args)-1] != "-" {
			args = append(args, "warn.yaml")
		}
		code, _, stderr := runIn(t, dir, c.stdin, args...)
		switch {
		case c.bad == "" && (code != exitOK && code != exitFindings):
			t.Errorf("greylint %s: exit %d, want 0 or 1\n%s", strings.Join(args, " "), code, stderr)
		case c.bad != "" && (code != exitUsage || !strings.Contains(stderr, c.bad)):
			t.Errorf("greylint %s: exit %d, want 2 saying %q\n%s", strings.Join(args, " "), code, c.bad, stderr)
		case c.bad != "" && strings.Contains(stderr, "in 1 file"):
			t.Errorf("greylint %s: linted after a usage error\n%s", strings.Join(args, " "), stderr)
		}
	}
	// greylint lsp takes --stdio (editors pass it) and nothing else.
	for _, c := range []struct {
		arg  string
		want bool // a usage error
	}{{"--stdio", false}, {"--tcp", true}} {
		var stdout, errb strings.Builder
		code := run([]string{"lsp", c.arg}, strings.NewReader(""), &stdout, &errb)
		stderr := errb.String()
		if (code == exitUsage) != c.want || c.want && !strings.Contains(stderr, "usage: greylint lsp") {
			t.Errorf("greylint lsp %s (standard input empty): exit %d, usage error %v\n%s", c.arg, code, c.want, stderr)
		}
	}
	// The value of each size suffix: a file of 1 KiB + 1 byte is too large
	// for 1K, 1KB and 1KiB and not for 2k; likewise for M.
	big := "# " + strings.Repeat("x", 1<<10-3) + "\nservices: []\n"
	os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(big), 0o644)
	for _, c := range []struct {
		size     string
		tooLarge bool
	}{
		{"1K", true}, {"1kb", true}, {" 1KiB ", true}, {"2k", false}, {"1037", false}, {"1036", true},
		{"1M", false}, {"1G", false},
	} {
		_, stdout, stderr := runIn(t, dir, "", "--max-file-size", c.size, "big.yaml")
		if got := strings.Contains(stdout, "file-too-large"); got != c.tooLarge {
			t.Errorf("--max-file-size %q on %d bytes: too large %v, want %v\n%s%s", c.size, len(big), got, c.tooLarge, stdout, stderr)
		}
	}
}
