package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/workspace"
)

var corpus struct {
	once    sync.Once
	results []*result
}

// corpusLint lints every rule's test files (every rule, every severity,
// related locations, fixes of each safety) in process, once per test
// binary; the results are shared: copy one before changing it.
func corpusLint(t *testing.T) []*result {
	t.Helper()
	corpus.once.Do(func() {
		files, _ := filepath.Glob("../../rules/testdata/*/*.yaml")
		set := &workspace.Set{Configs: &config.Resolver{}}
		for _, p := range files {
			corpus.results = append(corpus.results, lintOne(input{path: p}, lint.KindUnknown, set, fixMode{}))
		}
	})
	if len(corpus.results) < 100 {
		t.Fatalf("%d files in rules/testdata", len(corpus.results))
	}
	return corpus.results
}

// corpusResults are the corpus's results, each given a fail threshold in
// turn (none, error, warning, info, hint) as run does from --fail-on and
// fail_on.
func corpusResults(t *testing.T) []*result {
	t.Helper()
	var results []*result
	for i, r := range corpusLint(t) {
		if r == nil || r.err != nil {
			t.Fatalf("%d: %v", i, r)
		}
		c := *r
		c.failOn = lint.Severity(i % 5)
		results = append(results, &c)
	}
	return results
}

// finding is what every format says of a finding, derived here from the
// engine's diagnostic and its converter (lint.Lines), not from a printer.
type finding struct {
	path                       string
	line, col, endLine, endCol int
	severity                   lint.Severity
	rule, message              string
	safeFix                    bool
	failOn                     lint.Severity
	related                    [][4]int
	fixes                      []string // title, safety, edits
}

func findingsOf(results []*result) []finding {
	var out []finding
	for _, r := range results {
		for _, d := range r.diags {
			f := finding{path: r.path, severity: d.Severity, rule: d.Rule, message: lint.Message(d.Message), failOn: r.failOn}
			f.line, f.col = r.lines.LineCol(d.Range.Start)
			f.endLine, f.endCol = r.lines.LineCol(d.Range.End)
			_, f.safeFix = d.SafeFix()
			for _, rel := range d.Related {
				f.related = append(f.related, spanOf(r.lines, rel.Range))
			}
			for _, x := range d.Fixes {
				s := fmt.Sprintf("%s|%s", lint.Message(x.Title), x.Safety)
				for _, e := range x.Edits {
					s += fmt.Sprintf("|%v=%q", spanOf(r.lines, e.Range), e.NewText)
				}
				f.fixes = append(f.fixes, s)
			}
			out = append(out, f)
		}
	}
	return out
}

func spanOf(l *lint.Lines, r lint.Range) [4]int {
	sl, sc := l.LineCol(r.Start)
	el, ec := l.LineCol(r.End)
	return [4]int{sl, sc, el, ec}
}

// TestEveryFormatSaysTheFindings: each output format, read back with a
// parser of its own kind (JSON, XML, the workflow-command grammar, the
// text's line grammar), carries every finding of the corpus in order with
// the engine's positions, severity (in the format's words), rule and
// message; JUnit fails exactly the findings at or above each file's
// threshold, and counts them.
func TestEveryFormatSaysTheFindings(t *testing.T) {
	results := corpusResults(t)
	want := findingsOf(results)
	sevs := map[lint.Severity]int{}
	for _, f := range want {
		sevs[f.severity]++
	}
	if len(sevs) != 4 {
		t.Fatalf("the corpus has findings of %d severities, want all 4: %v", len(sevs), sevs)
	}
	write := func(format string) []byte {
		var b bytes.Buffer
		if err := (output{format: format, color: "never"}).write(results, &b); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return b.Bytes()
	}
	count := func(format string, n int) {
		if n != len(want) {
			t.Errorf("%s: %d findings, want %d", format, n, len(want))
		}
	}

	t.Run("json", func(t *testing.T) {
		var got []jsonDiagnostic
		if err := json.Unmarshal(write("json"), &got); err != nil {
			t.Fatal(err)
		}
		count("json", len(got))
		for i := range min(len(got), len(want)) {
			g, w := got[i], want[i]
			if g.Path != w.path || [4]int{g.Line, g.Column, g.EndLine, g.EndColumn} != [4]int{w.line, w.col, w.endLine, w.endCol} ||
				g.Severity != w.severity.String() || g.Rule != w.rule || g.Message != w.message {
				t.Errorf("json finding %d: got %+v, want %+v", i, g, w)
			}
			var rel [][4]int
			for _, r := range g.Related {
				rel = append(rel, [4]int{r.Line, r.Column, r.EndLine, r.EndColumn})
			}
			var fixes []string
			for _, x := range g.Fixes {
				if x.Safe != (x.Applicability == "safe") {
					t.Errorf("json finding %d: fix %q safe %v, applicability %q", i, x.Title, x.Safe, x.Applicability)
				}
				s := x.Title + "|" + x.Applicability
				for _, e := range x.Edits {
					s += fmt.Sprintf("|%v=%q", [4]int{e.Line, e.Column, e.EndLine, e.EndColumn}, e.NewText)
				}
				fixes = append(fixes, s)
			}
			if fmt.Sprint(rel) != fmt.Sprint(w.related) || fmt.Sprint(fixes) != fmt.Sprint(w.fixes) {
				t.Errorf("json finding %d (%s): related %v fixes %v, want %v %v", i, w.rule, rel, fixes, w.related, w.fixes)
			}
		}
	})

	t.Run("sarif", func(t *testing.T) {
		var log sarifLog
		if err := json.Unmarshal(write("sarif"), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if len(run.Tool.Driver.Rules) != len(rules.All()) {
			t.Errorf("sarif: %d rules, want %d", len(run.Tool.Driver.Rules), len(rules.All()))
		}
		levels := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "note", lint.Hint: "note"}
		got := run.Results
		count("sarif", len(got))
		for i := range min(len(got), len(want)) {
			g, w := got[i], want[i]
			loc := g.Locations[0].PhysicalLocation
			reg := loc.Region
			if loc.ArtifactLocation.URI != filepath.ToSlash(w.path) || [4]int{reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn} != [4]int{w.line, w.col, w.endLine, w.endCol} ||
				g.Level != levels[w.severity] || g.RuleID != w.rule || g.Message.Text != w.message {
				t.Errorf("sarif result %d: got %+v, want %+v", i, g, w)
			}
			// A family's member (shellcheck/SC2086) is described by the family.
			if id := run.Tool.Driver.Rules[g.RuleIndex].ID; id != g.RuleID && !strings.HasPrefix(g.RuleID, id+"/") {
				t.Errorf("sarif result %d: ruleIndex %d is %s, not %s", i, g.RuleIndex, id, g.RuleID)
			}
			var rel [][4]int
			for k, r := range g.RelatedLocations {
				if r.ID != k+1 {
					t.Errorf("sarif result %d: related location %d has id %d, want %d", i, k, r.ID, k+1)
				}
				x := r.PhysicalLocation.Region
				rel = append(rel, [4]int{x.StartLine, x.StartColumn, x.EndLine, x.EndColumn})
			}
			var fixes []string
			for _, x := range g.Fixes {
				s := x.Description.Text + "|" + x.Properties.Applicability
				for _, e := range x.ArtifactChanges[0].Replacements {
					d := e.DeletedRegion
					s += fmt.Sprintf("|%v=%q", [4]int{d.StartLine, d.StartColumn, d.EndLine, d.EndColumn}, e.InsertedContent.Text)
				}
				fixes = append(fixes, s)
			}
			if fmt.Sprint(rel) != fmt.Sprint(w.related) || fmt.Sprint(fixes) != fmt.Sprint(w.fixes) {
				t.Errorf("sarif result %d (%s): related %v fixes %v, want %v %v", i, w.rule, rel, fixes, w.related, w.fixes)
			}
		}
	})

	t.Run("github", func(t *testing.T) {
		cmds := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice", lint.Hint: "notice"}
		line := regexp.MustCompile(`^::(\w+) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]*)::(.*)$`)
		lines := strings.Split(strings.TrimSuffix(string(write("github")), "\n"), "\n")
		count("github", len(lines))
		for i := range min(len(lines), len(want)) {
			m, w := line.FindStringSubmatch(lines[i]), want[i]
			if m == nil {
				t.Errorf("github line %d is no workflow command: %q", i, lines[i])
				continue
			}
			if m[1] != cmds[w.severity] || m[2] != filepath.ToSlash(w.path) || m[3]+","+m[4]+","+m[5]+","+m[6] != fmt.Sprintf("%d,%d,%d,%d", w.line, w.col, w.endLine, w.endCol) || m[7] != w.rule {
				t.Errorf("github line %d: %q, want %+v", i, lines[i], w)
			}
		}
	})

	t.Run("checkstyle", func(t *testing.T) {
		var got csReport
		if err := xml.Unmarshal(write("checkstyle"), &got); err != nil {
			t.Fatal(err)
		}
		sev := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "info", lint.Hint: "info"}
		if len(got.Files) != len(results) {
			t.Errorf("checkstyle: %d files, want %d", len(got.Files), len(results))
		}
		i := 0
		for k, f := range got.Files {
			if k < len(results) && f.Name != results[k].path {
				t.Errorf("checkstyle file %d: %q, want %q", k, f.Name, results[k].path)
			}
			for _, e := range f.Errors {
				if i < len(want) {
					w := want[i]
					if f.Name != w.path || e.Line != w.line || e.Column != w.col || e.Severity != sev[w.severity] || e.Source != "greylint."+w.rule || e.Message != w.message {
						t.Errorf("checkstyle error %d: %+v in %s, want %+v", i, e, f.Name, w)
					}
				}
				i++
			}
		}
		count("checkstyle", i)
	})

	t.Run("junit", func(t *testing.T) {
		var got juSuites
		if err := xml.Unmarshal(write("junit"), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Suites) != len(results) {
			t.Errorf("junit: %d suites, want %d", len(got.Suites), len(results))
		}
		i, tests, failures := 0, 0, 0
		for k, s := range got.Suites {
			if k < len(results) && len(results[k].diags) == 0 {
				// A clean file is one passing case.
				if len(s.Cases) != 1 || s.Cases[0].Failure != nil || s.Failures != 0 {
					t.Errorf("junit suite %s of a clean file: %+v", s.Name, s)
				}
				tests++
				if s.Tests != 1 {
					t.Errorf("junit suite %s: tests=%d, want 1", s.Name, s.Tests)
				}
				continue
			}
			fails := 0
			for _, c := range s.Cases {
				if i < len(want) {
					w := want[i]
					fail := w.failOn == 0 || w.severity <= w.failOn
					if (c.Failure != nil) != fail || c.Classname != "greylint."+w.rule || c.Name != fmt.Sprintf("%s:%d:%d %s", w.path, w.line, w.col, w.rule) {
						t.Errorf("junit case %d: %+v (failure %v), want %+v failed=%v", i, c, c.Failure != nil, w, fail)
					}
					text := fmt.Sprintf("%s:%d:%d: %s: %s [%s]", w.path, w.line, w.col, w.severity, w.message, w.rule)
					if c.Failure != nil && (c.Failure.Text != text || c.Failure.Type != w.severity.String() || c.Failure.Message != w.message) ||
						c.Failure == nil && c.SystemOut != text {
						t.Errorf("junit case %d: %+v, want the text %q", i, c, text)
					}
				}
				if c.Failure != nil {
					fails++
				}
				i++
			}
			if s.Tests != len(s.Cases) || s.Failures != fails {
				t.Errorf("junit suite %s: tests=%d failures=%d, has %d cases, %d failed", s.Name, s.Tests, s.Failures, len(s.Cases), fails)
			}
			tests += len(s.Cases)
			failures += fails
		}
		count("junit", i)
		if got.Tests != tests || got.Failures != failures {
			t.Errorf("junit testsuites: tests=%d failures=%d, want %d %d", got.Tests, got.Failures, tests, failures)
		}
	})

	t.Run("text", func(t *testing.T) {
		head := regexp.MustCompile(`^(\S+):(\d+):(\d+): (\w+): (.*) \[([a-z0-9/A-Z-]+)\]( \[\*\])?$`)
		var heads []string
		for _, l := range strings.Split(string(write("text")), "\n") {
			if head.MatchString(l) {
				heads = append(heads, l)
			}
		}
		count("text", len(heads))
		for i := range min(len(heads), len(want)) {
			m, w := head.FindStringSubmatch(heads[i]), want[i]
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			if m[1] != w.path || line != w.line || col != w.col || m[4] != w.severity.String() || m[5] != w.message || m[6] != w.rule || (m[7] != "") != w.safeFix {
				t.Errorf("text finding %d: %q, want %+v", i, heads[i], w)
			}
		}
	})
}
