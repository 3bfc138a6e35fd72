package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
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
			// Paths, messages and source text come from the input: shown
			// through the escaping layer (escape.go); the line starts
			// with the path, which never starts a workflow command.
			fmt.Fprintf(bw, "%s: %s: %s %s%s\n",
				paint(bold, fmt.Sprintf("%s:%d:%d", shownPath(r.path), line, col)),
				paint(severityColor[d.Severity], d.Severity.String()),
				lint.Message(d.Message), paint(dim, "["+d.Rule+"]"), mark)
			writeSnippet(bw, r, d.Range, func(u string) string { return paint(severityColor[d.Severity], u) }, "^", "~", "")
			// Related locations (first defined here, limit set here) as
			// secondary labels, as rustc and ruff show them.
			for _, rel := range d.Related {
				writeSnippet(bw, r, rel.Range, func(u string) string { return paint(dim, u) }, "-", "-", " "+paint(dim, lint.Message(rel.Message)))
			}
		}
	}
	return bw.Flush()
}

// snippetWidth is how many columns of a source line a snippet shows: a
// longer line is windowed around the range, so that one minified line
// does not print a megabyte per finding.
const snippetWidth = 160

// writeSnippet prints the source line of rng (its first line) and an
// underline of the range: first for its first column, rest for the others,
// painted as one run (one escape pair, not one per column), then label.
func writeSnippet(w io.Writer, r *result, rng lint.Range, paint func(string) string, first, rest, label string) {
	line, _ := r.lines.LineCol(rng.Start)
	ls, le := r.lines.Bounds(line - 1)
	start := max(rng.Start, ls)
	end := min(max(rng.End, start), le)
	// The window: from ls, or, on a long line, from a little before the
	// range, cut at rune boundaries.
	from, to := ls, le
	prefix, suffix := "", ""
	if longerThan(r.src[ls:le], snippetWidth) {
		from = backRunes(r.src, ls, start, 20)
		to = forwardRunes(r.src, from, le, snippetWidth)
		if from > ls {
			prefix = "…"
		}
		if to < le {
			suffix = "…"
		}
		end = min(end, to)
	}
	fmt.Fprintf(w, "%5d | %s%s%s\n", line, prefix, shown(r.src[from:to]), suffix)
	pad := strings.Repeat(" ", utf8.RuneCountInString(shown(r.src[from:start])))
	if prefix != "" {
		pad = " " + pad
	}
	width := max(utf8.RuneCountInString(shown(r.src[start:end])), 1)
	fmt.Fprintf(w, "      | %s%s%s\n", pad, paint(first+strings.Repeat(rest, width-1)), label)
}

// longerThan reports whether b holds more than n runes, reading at most
// n+1 of them (counting the whole line per finding made 8,000 findings on
// one 280 KB line take 3.7 s).
func longerThan(b []byte, n int) bool {
	if len(b) <= n {
		return false // never more runes than bytes
	}
	return forwardRunes(b, 0, len(b), n) < len(b)
}

// backRunes returns the offset n runes before at, not before min.
func backRunes(b []byte, min, at, n int) int {
	for ; n > 0 && at > min; n-- {
		_, size := utf8.DecodeLastRune(b[min:at])
		at -= size
	}
	return at
}

// forwardRunes returns the offset n runes after at, not after max.
func forwardRunes(b []byte, at, max, n int) int {
	for ; n > 0 && at < max; n-- {
		_, size := utf8.DecodeRune(b[at:max])
		at += size
	}
	return at
}

// shown is source text as a snippet prints it: tabs as four spaces,
// control characters escaped.
func shown(b []byte) string { return visible(strings.ReplaceAll(string(b), "\t", "    ")) }

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
	files, configs := 0, 0
	for _, r := range results {
		switch {
		case r.err != nil:
		case strings.HasSuffix(r.path, ".greylint.yaml"):
			configs++
		default:
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
	if files == 0 && configs > 0 {
		// greylint .greylint.yaml checks greylint's configuration: not
		// "no problems in 0 files".
		filesText = fmt.Sprintf("%d greylint %s", configs, plural(configs, "configuration", "configurations"))
	}
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
			// The path is exact (a tool opens it); what is said is
			// bounded and visible; jsonSafe escapes what is left.
			jd := jsonDiagnostic{Path: r.path, jsonSpan: span(r.lines, d.Range), Severity: d.Severity.String(), Rule: d.Rule, Message: lint.Message(d.Message)}
			for _, rel := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{span(r.lines, rel.Range), lint.Message(rel.Message)})
			}
			for _, f := range d.Fixes {
				jf := jsonFix{Title: lint.Message(f.Title), Safe: f.Safety == lint.Safe, Applicability: f.Safety.String(), Edits: []jsonEdit{}}
				for _, e := range f.Edits {
					jf.Edits = append(jf.Edits, jsonEdit{span(r.lines, e.Range), e.NewText})
				}
				jd.Fixes = append(jd.Fixes, jf)
			}
			out = append(out, jd)
		}
	}
	return encodeJSON(w, out)
}

// encodeJSON writes v as indented JSON through jsonSafe.
func encodeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(buf.Bytes()))
	return err
}

// writeStatistics prints the number of findings per rule, most first, and
// how many --fix would repair ([*]), as ruff --statistics does.
func writeStatistics(w io.Writer, results []*result) {
	type row struct {
		rule     string
		severity lint.Severity
		n, fix   int
	}
	byRule := map[string]*row{}
	for _, r := range results {
		for i := range r.diags {
			d := &r.diags[i]
			x := byRule[d.Rule]
			if x == nil {
				x = &row{rule: d.Rule, severity: d.Severity}
				byRule[d.Rule] = x
			}
			x.n++
			x.severity = min(x.severity, d.Severity)
			if _, ok := d.SafeFix(); ok {
				x.fix++
			}
		}
	}
	rows := make([]*row, 0, len(byRule))
	width := 0
	for _, x := range byRule {
		rows = append(rows, x)
		width = max(width, len(x.rule))
	}
	slices.SortFunc(rows, func(a, b *row) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.rule, b.rule)) })
	for _, x := range rows {
		sev := x.severity.String()
		if x.fix > 0 {
			// Padded to the longest severity, so the fix column lines up.
			sev = fmt.Sprintf("%-7s  [*] %d fixable", sev, x.fix)
		}
		fmt.Fprintf(w, "%6d  %-*s  %s\n", x.n, width, x.rule, sev)
	}
}
