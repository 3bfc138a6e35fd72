package rules

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/greylint/greylint/lint"
)

var update = flag.Bool("update", false, "rewrite the .golden files of fix cases")

// An expectation from a "# want:" comment.
type want struct {
	line    int // 1-based line the diagnostic must start on
	rule    string
	at      *string // exact text of the range, when given
	message *regexp.Regexp
	matched bool
	source  string
}

var wantRe = regexp.MustCompile(`#\s*want(@[+-]\d+)?:\s*(.*)$`)

// parseWants reads the expectations of a case file:
//
//	# want: <rule-id> [at="exact text"] ["message regexp"] [<rule-id> ...]
//	# want@+2: ...   (for the line two below, e.g. inside a block scalar)
func parseWants(t *testing.T, src string) []*want {
	var out []*want
	for i, line := range strings.Split(src, "\n") {
		m := wantRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		target := i + 1
		if m[1] != "" {
			off, _ := strconv.Atoi(m[1][1:])
			target += off
		}
		rest := strings.TrimSpace(m[2])
		var cur *want
		for rest != "" {
			switch {
			case strings.HasPrefix(rest, `at="`):
				q, err := strconv.QuotedPrefix(rest[3:])
				if err != nil || cur == nil {
					t.Fatalf("line %d: bad at= in %q", i+1, line)
				}
				s, _ := strconv.Unquote(q)
				cur.at = &s
				rest = rest[3+len(q):]
			case strings.HasPrefix(rest, `"`):
				// A regexp: only \" is an escape, so \( and \? reach the
				// regexp as written.
				end := 1
				for end < len(rest) && rest[end] != '"' {
					if rest[end] == '\\' {
						end++
					}
					end++
				}
				if end >= len(rest) || cur == nil {
					t.Fatalf("line %d: bad message regexp in %q", i+1, line)
				}
				cur.message = regexp.MustCompile(strings.ReplaceAll(rest[1:end], `\"`, `"`))
				rest = rest[end+1:]
			default:
				id, after, _ := strings.Cut(rest, " ")
				cur = &want{line: target, rule: id, source: fmt.Sprintf("line %d: %s", i+1, strings.TrimSpace(line))}
				out = append(out, cur)
				rest = after
			}
			rest = strings.TrimSpace(rest)
		}
	}
	return out
}

func caseFiles(t *testing.T) []string {
	files, err := filepath.Glob("testdata/*/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	return files
}

func lintCase(t *testing.T, path string, src []byte) []lint.Diagnostic {
	f, cfg := caseFile(path, src)
	return lint.Run(context.Background(), f, cfg)
}

// caseFile is a test case as the engine sees it: files whose name says
// "applications" are applications files.
func caseFile(path string, src []byte) (*lint.File, *lint.Config) {
	kind := lint.KindUnknown
	if strings.Contains(filepath.Base(path), "applications") {
		kind = lint.KindApplications
	}
	cfg := &lint.Config{Rules: All()}
	if strings.HasPrefix(filepath.ToSlash(path), "testdata/shellcheck/") {
		cfg.Shellcheck = ShellcheckAuto // the only cases that run a program
	}
	return &lint.File{Path: path, Kind: kind, Source: src}, cfg
}

// TestRules runs every case under testdata/<rule-id>/ and compares the
// diagnostics of all rules with the case's "# want:" comments: an
// unexpected diagnostic fails, and so does an unmet expectation.
func TestRules(t *testing.T) {
	for _, path := range caseFiles(t) {
		t.Run(strings.TrimPrefix(filepath.ToSlash(path), "testdata/"), func(t *testing.T) {
			if strings.HasPrefix(filepath.ToSlash(path), "testdata/shellcheck/") {
				needShellcheck(t)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			diags := lintCase(t, path, src)
			checkWants(t, path, src, diags)
			checkGolden(t, path, src, diags)
		})
	}
}

// checkWants compares the diagnostics of a file with its "# want:"
// comments: an unexpected diagnostic fails, and so does an unmet
// expectation.
func checkWants(t *testing.T, path string, src []byte, diags []lint.Diagnostic) {
	t.Helper()
	wants := parseWants(t, string(src))
	doc, _ := lint.Parse(src)
	for _, d := range diags {
		line, col := doc.Lines.LineCol(d.Range.Start)
		text := string(src[d.Range.Start:d.Range.End])
		found := false
		for _, w := range wants {
			if w.matched || w.rule != d.Rule || w.line != line ||
				(w.at != nil && *w.at != text) || (w.message != nil && !w.message.MatchString(d.Message)) {
				continue
			}
			w.matched, found = true, true
			break
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected %s %s: %s [at %q]", path, line, col, d.Severity, d.Rule, d.Message, text)
		}
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s: unmet expectation %s (rule %s on line %d)", path, w.source, w.rule, w.line)
		}
	}
}

// checkGolden compares the file after its fixes, applied as --fix applies
// them (until none is left, each kept only when it adds no finding), with
// <case>.golden (safe fixes) and <case>.unsafe.golden (--unsafe-fixes too,
// when that differs).
func checkGolden(t *testing.T, path string, src []byte, diags []lint.Diagnostic) {
	f, cfg := caseFile(path, src)
	res := lint.Analyze(context.Background(), f, cfg)
	safe := lint.FixFile(context.Background(), f, cfg, res, false)
	unsafe := lint.FixFile(context.Background(), f, cfg, res, true)
	for _, r := range append(safe.Rejected, unsafe.Rejected...) {
		t.Logf("%s: a fix was rolled back: %s: %s", path, r.Diagnostic.Rule, r.Reason)
	}
	compareGolden(t, path+".golden", safe.Source, safe.Applied > 0)
	compareGolden(t, path+".unsafe.golden", unsafe.Source, unsafe.Applied > safe.Applied || string(unsafe.Source) != string(safe.Source))
}

func compareGolden(t *testing.T, golden string, fixed []byte, exists bool) {
	t.Helper()
	if !exists {
		if _, err := os.Stat(golden); err == nil {
			t.Errorf("%s exists but the case has no such fix (delete it or run -update)", golden)
			if *update {
				os.Remove(golden)
			}
		}
		return
	}
	if *update {
		if err := os.WriteFile(golden, fixed, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing %s (run go test ./rules -update): %v", golden, err)
	}
	if string(want) != string(fixed) {
		t.Errorf("fixed text differs from %s:\n--- got\n%s\n--- want\n%s", golden, fixed, want)
	}
}

// Every rule has documentation, test cases, and messages in house style.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.ID] {
			t.Errorf("duplicate rule ID %s", r.ID)
		}
		seen[r.ID] = true
		if !regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`).MatchString(r.ID) {
			t.Errorf("%s: ID is not kebab-case", r.ID)
		}
		if r.Summary == "" || unicode.IsUpper([]rune(r.Summary)[0]) || strings.HasSuffix(r.Summary, ".") {
			t.Errorf("%s: summary %q must be one lower-case line without a period", r.ID, r.Summary)
		}
		if r.Severity < lint.Error || r.Severity > lint.Hint {
			t.Errorf("%s: bad default severity %d", r.ID, r.Severity)
		}
		if r == lint.Internal || r == lint.FileTooLarge {
			continue // no text can show them: a crash, a 10 MiB file (tested in cmd/greylint)
		}
		if r.CrossFile {
			continue // crossfile_test.go: checkouts under testdata/<id>/, examples in the prose
		}
		checkDocExamples(t, r)
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.yaml"))
		failing, clean := 0, 0
		for _, c := range cases {
			src, _ := os.ReadFile(c)
			expects := false
			for _, w := range parseWants(t, string(src)) {
				expects = expects || r.Names(w.rule)
			}
			if expects {
				failing++
			} else {
				clean++
			}
		}
		if failing == 0 || clean == 0 {
			t.Errorf("%s: testdata/%s needs a failing and a clean case (has %d and %d)", r.ID, r.ID, failing, clean)
		}
	}
	dirs, _ := filepath.Glob("testdata/*")
	for _, d := range dirs {
		if !seen[filepath.Base(d)] && filepath.Base(d) != "fuzz" { // fuzz: go test's corpus
			t.Errorf("%s: no rule with this ID", d)
		}
	}
}

// Messages are lower-case and have no trailing period (docs/CONTRIBUTING.md#style).
func TestMessageStyle(t *testing.T) {
	for _, path := range caseFiles(t) {
		src, _ := os.ReadFile(path)
		for _, d := range lintCase(t, path, src) {
			r := []rune(d.Message)
			if len(r) == 0 || unicode.IsUpper(r[0]) || strings.HasSuffix(d.Message, ".") {
				t.Errorf("%s: %s message %q: want lower-case, no trailing period", path, d.Rule, d.Message)
			}
			if d.Range.End < d.Range.Start {
				t.Errorf("%s: %s has an inverted range", path, d.Rule)
			}
		}
	}
}

// checkDocExamples: the examples the docs show are test cases that TestRules
// runs; the bad one expects findings of its own rule only (at least one),
// the good one none.
func checkDocExamples(t *testing.T, r *lint.Rule) {
	for _, which := range []string{"bad", "good"} {
		path := filepath.Join("testdata", r.ID, "doc-"+which+".yaml")
		src, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: the docs need %s: %v", r.ID, path, err)
			continue
		}
		wants := parseWants(t, string(src))
		switch {
		case which == "good" && len(wants) > 0:
			t.Errorf("%s: the good example expects findings", path)
		case which == "bad" && len(wants) == 0:
			t.Errorf("%s: the bad example expects no finding", path)
		}
		for _, w := range wants {
			if !r.Names(w.rule) {
				t.Errorf("%s: the bad example of %s expects a %s finding (%s); show one rule at a time", path, r.ID, w.rule, w.source)
			}
		}
	}
}

// One ID names the rule's files: rules/<id>.go declares it and no other
// rule, rules/<id>.md holds its prose, testdata/<id>/ its cases (with '_'
// for '-' in file names). The engine's rules are declared in package lint.
func TestOneRulePerFile(t *testing.T) {
	decl := regexp.MustCompile(`(?m)^var \w+ = &lint\.Rule\{`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		if n := len(decl.FindAll(src, -1)); n > 1 {
			t.Errorf("%s declares %d rules; give each its own file", f, n)
		}
	}
	engine := map[*lint.Rule]bool{lint.Syntax: true, lint.DuplicateKey: true, lint.MultipleDocuments: true, lint.EmptyFile: true,
		lint.Internal: true, lint.InvalidIgnore: true, lint.UnusedIgnore: true, lint.FileTooLarge: true, lint.NotGreyhound: true}
	for _, r := range All() {
		if engine[r] {
			continue
		}
		base := strings.ReplaceAll(r.ID, "-", "_")
		src, err := os.ReadFile(base + ".go")
		if err != nil || !decl.Match(src) {
			t.Errorf("%s: rules/%s.go does not declare it", r.ID, base)
		}
		if _, err := os.Stat(base + ".md"); err != nil {
			t.Errorf("%s: no rules/%s.md", r.ID, base)
		}
		if strings.TrimSpace(r.Doc) == "" {
			t.Errorf("%s: no documentation", r.ID)
		}
	}
}
