package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/greylint/greylint/lint"
)

func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

var severityColor = map[lint.Severity]string{
	lint.Error: "\x1b[1;31m", lint.Warning: "\x1b[1;33m", lint.Info: "\x1b[1;36m", lint.Hint: "\x1b[1;34m",
}

const (
	bold  = "\x1b[1m"
	dim   = "\x1b[2m"
	reset = "\x1b[0m"
)

// writeText prints each finding as
//
//	path:line:col: severity: message [rule-id]
//	   7 |    backoff_limit: 3
//	     |    ^~~~~~~~~~~~~~~~
func writeText(w io.Writer, results []*result, color bool) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + reset
	}
	for _, r := range results {
		for _, d := range r.diags {
			line, col := r.lines.LineCol(d.Range.Start)
			mark := ""
			if _, ok := d.SafeFix(); ok {
				mark = " [*]" // ruff's mark: --fix repairs this one
			}
			fmt.Fprintf(bw, "%s: %s: %s %s%s\n",
				paint(bold, fmt.Sprintf("%s:%d:%d", r.path, line, col)),
				paint(severityColor[d.Severity], d.Severity.String()),
				d.Message, paint(dim, "["+d.Rule+"]"), mark)
			src := r.lines.Text(line - 1)
			ls, le := r.lines.Bounds(line - 1)
			end := min(d.Range.End, le)
			start := max(d.Range.Start, ls)
			fmt.Fprintf(bw, "%5d | %s\n", line, expandTabs(src))
			pad := underlinePad(r.src[ls:start])
			width := max(utf8.RuneCount(r.src[start:max(start, end)]), 1)
			fmt.Fprintf(bw, "      | %s%s\n", pad, paint(severityColor[d.Severity], "^"+strings.Repeat("~", width-1)))
		}
	}
	return bw.Flush()
}

func expandTabs(b []byte) string { return strings.ReplaceAll(string(b), "\t", "    ") }

func underlinePad(prefix []byte) string {
	var sb strings.Builder
	for _, r := range string(prefix) {
		if r == '\t' {
			sb.WriteString("    ")
		} else {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// writeSummary ends the run on standard error: what was fixed (with
// --fix), what is left, and what more could be fixed.
func writeSummary(w io.Writer, results []*result, skipped int, fm fixMode) {
	var applied, left, safe, unsafe int
	for _, r := range results {
		applied += r.applied
		left += len(r.diags)
		if fm.diff && r.fixed != nil {
			left += r.left - len(r.diags)
		}
		for i := range r.diags {
			if _, ok := r.diags[i].SafeFix(); ok {
				safe++
			} else if _, ok := r.diags[i].AutoFix(true); ok {
				unsafe++
			}
		}
	}
	more := ""
	if unsafe > 0 && !fm.unsafe {
		more = fmt.Sprintf(" (%d fixable with --unsafe-fixes)", unsafe)
	}
	switch {
	case fm.diff:
		fmt.Fprintf(w, "%d %s in the diff, %d would remain%s\n", applied, plural(applied, "fix", "fixes"), left, more)
	case fm.fix:
		fmt.Fprintf(w, "%d fixed, %d remaining%s\n", applied, left, more)
	case safe > 0 && unsafe > 0:
		fmt.Fprintf(w, "[*] %d fixable with --fix, %d more with --fix --unsafe-fixes\n", safe, unsafe)
	case safe > 0:
		fmt.Fprintf(w, "[*] %d fixable with --fix\n", safe)
	case unsafe > 0:
		fmt.Fprintf(w, "%d fixable with --fix --unsafe-fixes\n", unsafe)
	}
	writeCounts(w, results, skipped)
}

func writeCounts(w io.Writer, results []*result, skipped int) {
	count := map[lint.Severity]int{}
	files := 0
	for _, r := range results {
		if r.err == nil && !strings.HasSuffix(r.path, ".greylint.yaml") {
			files++
		}
		for _, d := range r.diags {
			count[d.Severity]++
		}
	}
	var parts []string
	for _, s := range []lint.Severity{lint.Error, lint.Warning, lint.Info, lint.Hint} {
		if n := count[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, s.String(), s.String()+"s")))
		}
	}
	filesText := fmt.Sprintf("%d %s", files, plural(files, "file", "files"))
	if skipped > 0 {
		filesText += fmt.Sprintf(" (%d ignored by the configuration)", skipped)
	}
	if len(parts) == 0 {
		fmt.Fprintf(w, "no problems in %s\n", filesText)
		return
	}
	fmt.Fprintf(w, "%s in %s\n", strings.Join(parts, ", "), filesText)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// jsonSpan is a 1-based position; columns count Unicode characters.
type jsonSpan struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"end_line"`
	EndColumn int `json:"end_column"`
}

type jsonDiagnostic struct {
	Path string `json:"path"`
	jsonSpan
	Severity string        `json:"severity"`
	Rule     string        `json:"rule"`
	Message  string        `json:"message"`
	Related  []jsonRelated `json:"related,omitempty"`
	Fixes    []jsonFix     `json:"fixes,omitempty"`
}

type jsonRelated struct {
	jsonSpan
	Message string `json:"message"`
}

// jsonFix is one fix. Safe is true when --fix applies it; Applicability
// says the same in three words: "safe" (--fix), "unsafe" (--fix
// --unsafe-fixes) or "manual" (never applied by the CLI; a choice for a
// person).
type jsonFix struct {
	Title         string     `json:"title"`
	Safe          bool       `json:"safe"`
	Applicability string     `json:"applicability"`
	Edits         []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	jsonSpan
	NewText string `json:"new_text"`
}

func span(l *lint.Lines, r lint.Range) jsonSpan {
	sl, sc := l.LineCol(r.Start)
	el, ec := l.LineCol(r.End)
	return jsonSpan{sl, sc, el, ec}
}

func writeJSON(w io.Writer, results []*result) error {
	out := []jsonDiagnostic{}
	for _, r := range results {
		for _, d := range r.diags {
			jd := jsonDiagnostic{Path: r.path, jsonSpan: span(r.lines, d.Range), Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message}
			for _, rel := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{span(r.lines, rel.Range), rel.Message})
			}
			for _, f := range d.Fixes {
				jf := jsonFix{Title: f.Title, Safe: f.Safety == lint.Safe, Applicability: f.Safety.String(), Edits: []jsonEdit{}}
				for _, e := range f.Edits {
					jf.Edits = append(jf.Edits, jsonEdit{span(r.lines, e.Range), e.NewText})
				}
				jd.Fixes = append(jd.Fixes, jf)
			}
			out = append(out, jd)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
