package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fixCorpus copies into a new directory nSafe of the rules' test files
// whose findings offer a safe fix, nUnsafe whose findings offer only
// unsafe ones, and nNone whose findings offer no fix --fix applies; it
// returns the directory and the files' names.
func fixCorpus(t *testing.T, nSafe, nUnsafe, nNone int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	var names []string
	for i, r := range corpusLint(t) {
		s, u := false, false
		for k := range r.diags {
			_, sf := r.diags[k].SafeFix()
			_, af := r.diags[k].AutoFix(true)
			s, u = s || sf, u || af && !sf
		}
		switch {
		case s && nSafe > 0:
			nSafe--
		case !s && u && nUnsafe > 0:
			nUnsafe--
		case !s && !u && len(r.diags) > 0 && nNone > 0:
			nNone--
		default:
			continue
		}
		name := fmt.Sprintf("f%03d-%s", i, filepath.Base(r.path))
		src, err := os.ReadFile(r.path)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
		names = append(names, name)
	}
	if nSafe+nUnsafe+nNone > 0 {
		t.Fatalf("the corpus lacks %d files with safe fixes, %d with only unsafe ones, %d without", nSafe, nUnsafe, nNone)
	}
	return dir, names
}

// tally is what a run's JSON says: findings per severity, and how many
// findings --fix would repair (their first fix safe) and how many only
// --fix --unsafe-fixes would.
type tally struct {
	bySeverity   map[string]int
	all          int
	safe, unsafe int
}

func tallyJSON(t *testing.T, b []byte) tally {
	t.Helper()
	var ds []jsonDiagnostic
	if err := json.Unmarshal(b, &ds); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	c := tally{bySeverity: map[string]int{}, all: len(ds)}
	for _, d := range ds {
		c.bySeverity[d.Severity]++
		if len(d.Fixes) > 0 {
			switch d.Fixes[0].Applicability {
			case "safe":
				c.safe++
			case "unsafe":
				c.unsafe++
			}
		}
	}
	return c
}

var (
	countsLine = regexp.MustCompile(`^(.*) in (\d+) (files?)$|^no problems in (\d+) (files?)$`)
	diffLine   = regexp.MustCompile(`^(\d+) (fix|fixes) in the diff, (\d+) would remain(?: \((\d+) fixable with --unsafe-fixes\))?$`)
	fixLine    = regexp.MustCompile(`^(\d+) fixed, (\d+) remaining(?: \((\d+) fixable with --unsafe-fixes\))?$`)
)

// checkCounts checks the summary's last line against the findings of the
// run's JSON and the number of files: each count with its word, singular
// for 1.
func checkCounts(t *testing.T, what, line string, c tally, files int) {
	t.Helper()
	m := countsLine.FindStringSubmatch(line)
	if m == nil {
		t.Errorf("%s: summary %q", what, line)
		return
	}
	got := map[string]int{}
	n, word := m[2], m[3]
	if m[4] != "" {
		n, word = m[4], m[5]
	} else {
		for _, part := range strings.Split(m[1], ", ") {
			k, sev, _ := strings.Cut(part, " ")
			v, _ := strconv.Atoi(k)
			if (v == 1) != !strings.HasSuffix(sev, "s") {
				t.Errorf("%s: %q: %d %s", what, line, v, sev)
			}
			got[strings.TrimSuffix(sev, "s")] = v
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(c.bySeverity) {
		t.Errorf("%s: summary %q says %v, the JSON has %v", what, line, got, c.bySeverity)
	}
	if n != strconv.Itoa(files) || (files == 1) != (word == "file") {
		t.Errorf("%s: summary %q, want %d files", what, line, files)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestSummarySaysWhatTheRunDid: over files whose findings have safe and
// unsafe fixes, the summary's counts are those of the run's own JSON, the
// [*] line counts what --fix and --fix --unsafe-fixes would repair, and
// --diff predicts --fix: as many fixes in the diff as --fix then applies,
// as many findings left as --fix then reports, with or without
// --unsafe-fixes.
func TestSummarySaysWhatTheRunDid(t *testing.T) {
	for _, c := range [][3]int{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {3, 3, 2}} {
		dir, names := fixCorpus(t, c[0], c[1], c[2])
		run := func(args ...string) (int, []string, tally) {
			t.Helper()
			out := filepath.Join(t.TempDir(), "out.json")
			args = append([]string{"--format", "json=" + out}, append(args, names...)...)
			code, _, stderr := runIn(t, dir, "", args...)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("greylint %v: exit %d, %v\n%s", args, code, err, stderr)
			}
			return code, strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"), tallyJSON(t, b)
		}
		name := fmt.Sprintf("%d files", len(names))

		// Linting: the [*] line.
		_, lines, tl := run()
		checkCounts(t, name, lines[len(lines)-1], tl, len(names))
		want := ""
		switch {
		case tl.safe > 0 && tl.unsafe > 0:
			want = fmt.Sprintf("[*] %d fixable with --fix, %d more with --fix --unsafe-fixes", tl.safe, tl.unsafe)
		case tl.safe > 0:
			want = fmt.Sprintf("[*] %d fixable with --fix", tl.safe)
		case tl.unsafe > 0:
			want = fmt.Sprintf("%d fixable with --fix --unsafe-fixes", tl.unsafe)
		}
		if want == "" && len(lines) != 1 || want != "" && (len(lines) != 2 || lines[0] != want) {
			t.Errorf("%s: %q, want %q (%+v)", name, lines, want, tl)
		}
		if c[0]+c[1] == 0 {
			continue // nothing for --fix to do
		}

		for _, unsafe := range []bool{false, true} {
			flags := []string{}
			if unsafe {
				flags = append(flags, "--unsafe-fixes")
			}
			what := fmt.Sprintf("%s, --unsafe-fixes=%v", name, unsafe)
			_, lines, before := run(append(flags, "--diff")...)
			checkCounts(t, what+", --diff", lines[len(lines)-1], before, len(names))
			d := diffLine.FindStringSubmatch(lines[len(lines)-2])
			if d == nil {
				t.Errorf("%s --diff: %q", what, lines)
				continue
			}
			_, lines, after := run(append(flags, "--fix")...)
			checkCounts(t, what+", --fix", lines[len(lines)-1], after, len(names))
			f := fixLine.FindStringSubmatch(lines[len(lines)-2])
			if f == nil {
				t.Errorf("%s --fix: %q", what, lines)
				continue
			}
			applied := atoi(d[1])
			if !unsafe && applied != before.safe {
				t.Errorf("%s --diff: %d fixes in the diff, the JSON offered %d safe ones", what, applied, before.safe)
			}
			if (applied == 0) != (c[0] == 0 && !unsafe) || (applied == 1) != (d[2] == "fix") || d[1] != f[1] || d[3] != f[2] || atoi(f[2]) != after.all {
				t.Errorf("%s: --diff said %q, then --fix %q and %d findings", what, d[0], f[0], after.all)
			}
			// What only --unsafe-fixes would repair, said when it is not given.
			if u := before.unsafe; unsafe && d[4] != "" || !unsafe && (u > 0) != (d[4] != "") || d[4] != "" && atoi(d[4]) != u {
				t.Errorf("%s --diff: %q, %d findings with only an unsafe fix", what, d[0], u)
			}
			if u := after.unsafe; unsafe && f[3] != "" || !unsafe && (u > 0) != (f[3] != "") || f[3] != "" && atoi(f[3]) != u {
				t.Errorf("%s --fix: %q, %d findings with only an unsafe fix", what, f[0], u)
			}
			dir, names = fixCorpus(t, c[0], c[1], c[2]) // the next --fix starts from the files as they were
		}
	}
}
