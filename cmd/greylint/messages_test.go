package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/rules/catalogue"
)

// greylint lint, greylint check . and the other linters' verbs say that
// greylint lints with no command, and how to run it; edit distance alone
// suggested "greylint init", which writes a file.
func TestLintVerbsSayGreylintLintsByDefault(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, verb := range lintVerbs {
		for _, args := range [][]string{{verb}, {verb, "."}, {verb, "a.yaml", "b"}} {
			var out, errb strings.Builder
			code := run(args, strings.NewReader(""), &out, &errb)
			msg := errb.String()
			if code != exitUsage || !strings.Contains(msg, "greylint lints by default") || strings.Contains(msg, "init") {
				t.Errorf("greylint %s: exit %d, %q", strings.Join(args, " "), code, msg)
			}
			if len(args) > 1 && !strings.Contains(msg, "run greylint "+strings.Join(args[1:], " ")+"\n") {
				t.Errorf("greylint %s: %q does not give the command to run", strings.Join(args, " "), msg)
			}
		}
	}
}

// greylint .greylint.yaml checks the configuration: the summary says so,
// not "no problems in 0 files".
func TestSummaryOfAConfigurationAlone(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile(filepath.Join(dir, ".greylint.yaml"), []byte("strict: true\n"), 0o644)
	var out, errb strings.Builder
	if code := run([]string{".greylint.yaml"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if got := errb.String(); got != "no problems in 1 greylint configuration\n" {
		t.Errorf("summary %q", got)
	}
}

// no-color.org: NO_COLOR sets the default; a --color always flag wins.
func TestColorFlagBeatsNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	if !useColor("always", os.Stdout) {
		t.Error("--color always with NO_COLOR: no colour")
	}
	for _, mode := range []string{"auto", "never"} {
		if useColor(mode, os.Stdout) {
			t.Errorf("--color %s with NO_COLOR: colour", mode)
		}
	}
}

// A coloured underline is one escape pair whatever its width (one per
// column made CI logs heavy), and the same characters as without colour.
func TestUnderlineIsOnePaintedRun(t *testing.T) {
	src := []byte("key: " + strings.Repeat("v", 40) + "\n")
	esc := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, sev := range []lint.Severity{lint.Error, lint.Warning, lint.Info, lint.Hint} {
		for width := 1; width <= 40; width++ {
			d := lint.Diagnostic{Rule: "r", Severity: sev, Range: lint.Range{Start: 5, End: 5 + width}, Message: "m",
				Related: []lint.Related{{Range: lint.Range{Start: 0, End: 3}, Message: "here"}}}
			r := &result{path: "c.yaml", src: src, lines: lint.NewLines(src), diags: []lint.Diagnostic{d}}
			var plain, colored bytes.Buffer
			writeText(&plain, []*result{r}, false)
			writeText(&colored, []*result{r}, true)
			pl, cl := strings.Split(plain.String(), "\n"), strings.Split(colored.String(), "\n")
			for _, i := range []int{2, 4} { // the finding's underline, the related one's
				if n := len(esc.FindAllString(cl[i], -1)); n != 2 && !(i == 4 && n == 4) {
					t.Errorf("%s, width %d: %d escapes in %q", sev, width, n, cl[i])
				}
				if esc.ReplaceAllString(cl[i], "") != pl[i] {
					t.Errorf("%s, width %d: %q without its escapes is not %q", sev, width, cl[i], pl[i])
				}
			}
			if want := "^" + strings.Repeat("~", width-1); !strings.Contains(pl[2], want) {
				t.Errorf("width %d: underline %q", width, pl[2])
			}
		}
	}
}

// --statistics: the count, the rule, the severity and the fix note each
// start in one column, whatever the lengths of the IDs and severities.
func TestStatisticsColumnsAlign(t *testing.T) {
	src := []byte("a: 1\n")
	fix := []lint.Fix{{Title: "f", Safety: lint.Safe, Edits: []lint.Edit{{Range: lint.Range{Start: 3, End: 4}, NewText: "'1'"}}}}
	var diags []lint.Diagnostic
	for i, sev := range []lint.Severity{lint.Error, lint.Warning, lint.Info, lint.Hint} {
		for j := 0; j < 2; j++ {
			d := lint.Diagnostic{Rule: fmt.Sprintf("rule-%s%s", strings.Repeat("x", i*3), strings.Repeat("y", j)), Severity: sev, Range: lint.Range{Start: 3, End: 4}, Message: "m"}
			for k := 0; k < 1+i+j*5; k++ {
				if j == 1 {
					d.Fixes = fix
				}
				diags = append(diags, d)
			}
		}
	}
	var out bytes.Buffer
	writeStatistics(&out, []*result{{path: "c.yaml", src: src, lines: lint.NewLines(src), diags: diags}})
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	col := func(l string, n int) int { // the start of the nth field
		fields := regexp.MustCompile(`\S+`).FindAllStringIndex(l, -1)
		if len(fields) <= n {
			return -1
		}
		return fields[n][0]
	}
	fixCol := -1
	for _, l := range lines {
		if col(l, 1) != col(lines[0], 1) || col(l, 2) != col(lines[0], 2) {
			t.Errorf("rule or severity out of column: %q", l)
		}
		if i := strings.Index(l, "[*]"); i >= 0 {
			if fixCol >= 0 && i != fixCol {
				t.Errorf("fix note out of column: %q", l)
			}
			fixCol = i
		}
	}
	if fixCol < 0 || len(lines) != 8 {
		t.Fatalf("statistics:\n%s", out.String())
	}
}

// greylint explain prints text for a terminal: no link to an anchor of
// docs/rules.md (it printed "[Catalogue](#catalogue)").
func TestExplainPrintsNoAnchors(t *testing.T) {
	var args []string
	for _, r := range rules.All() {
		args = append(args, r.ID)
	}
	for _, c := range catalogue.Catalogue {
		args = append(args, c.ID)
	}
	anchor := regexp.MustCompile(`\]\(#|<a |\{#`)
	for _, a := range args {
		var out, errb strings.Builder
		if code := run([]string{"explain", a}, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("explain %s: exit %d %s", a, code, errb.String())
		}
		if m := anchor.FindString(out.String()); m != "" {
			t.Errorf("explain %s prints a Markdown anchor (%q)", a, m)
		}
	}
}
