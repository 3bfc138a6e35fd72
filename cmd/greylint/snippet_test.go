package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/greylint/greylint/lint"
)

// TestStatisticsCountTheFindings: over the rules' corpus, --statistics has
// one row per rule with its number of findings, its most severe severity
// and how many --fix repairs, most findings first, then by rule.
func TestStatisticsCountTheFindings(t *testing.T) {
	results := corpusResults(t)
	type row struct {
		n, fix   int
		severity lint.Severity
	}
	want := map[string]*row{}
	for _, r := range results {
		for i := range r.diags {
			d := &r.diags[i]
			x := want[d.Rule]
			if x == nil {
				x = &row{severity: d.Severity}
				want[d.Rule] = x
			}
			x.n++
			x.severity = min(x.severity, d.Severity)
			if _, ok := d.SafeFix(); ok {
				x.fix++
			}
		}
	}
	var out bytes.Buffer
	writeStatistics(&out, results)
	line := regexp.MustCompile(`^ *(\d+)  (\S+) +(\w+)(?: +\[\*\] (\d+) fixable)?$`)
	var order []string
	fixes := 0
	for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("statistics line %q", l)
			continue
		}
		w := want[m[2]]
		n, _ := strconv.Atoi(m[1])
		fix, _ := strconv.Atoi(m[4])
		if w == nil || n != w.n || m[3] != w.severity.String() || fix != w.fix {
			t.Errorf("statistics %q, want %+v", l, w)
		}
		if (m[4] != "") != (fix > 0) {
			t.Errorf("statistics %q: a [*] note only for a rule with fixes", l)
		}
		fixes += fix
		order = append(order, m[2])
	}
	if len(order) != len(want) || fixes == 0 {
		t.Errorf("%d rows (%d fixable), want %d", len(order), fixes, len(want))
	}
	if !slices.IsSortedFunc(order, func(a, b string) int {
		if c := want[b].n - want[a].n; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	}) {
		t.Errorf("rows not most findings first, then by rule: %v", order)
	}
}

// TestSnippetPointsAtTheRange: on generated lines (ASCII, two-, three- and
// four-byte runes, tabs, a control character; short and past the window),
// each range's snippet shows a window of the line of at most snippetWidth
// runes, with … exactly where it cuts the line, and the underline starts
// under the range's first character and is as wide as the range's visible
// text in the window (at least 1).
func TestSnippetPointsAtTheRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 23))
	alphabet := []string{"a", "b", " ", "é", "語", "🚀", "\t", "\x1b"}
	for _, length := range []int{1, 5, snippetWidth - 1, snippetWidth, snippetWidth + 1, 3 * snippetWidth} {
		for range 6 {
			var runes []string
			for range length {
				runes = append(runes, alphabet[rng.IntN(len(alphabet))])
			}
			line := strings.Join(runes, "")
			src := []byte("k: 1\n" + line + "\nz: 2\n")
			ls := 5
			offsets := []int{} // byte offset of each rune of the line, and its end
			for i := range runes {
				offsets = append(offsets, ls+len(strings.Join(runes[:i], "")))
			}
			offsets = append(offsets, ls+len(line))
			r := &result{src: src, lines: lint.NewLines(src)}
			for _, a := range []int{0, 1, length / 2, max(length-2, 0), length - 1, 25, snippetWidth - 5} {
				if a >= length {
					continue
				}
				for _, w := range []int{0, 1, 3, snippetWidth} {
					b := min(a+w, length)
					rg := lint.Range{Start: offsets[a], End: offsets[b]}
					var out bytes.Buffer
					writeSnippet(&out, r, rg, func(s string) string { return s }, "^", "~", "")
					name := fmt.Sprintf("line of %d runes, range [%d, %d)", length, a, b)
					checkSnippet(t, name, out.String(), src, ls, ls+len(line), rg)
				}
			}
		}
	}
}

func checkSnippet(t *testing.T, name, out string, src []byte, ls, le int, rg lint.Range) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "    2 | ") || !strings.HasPrefix(lines[1], "      | ") {
		t.Errorf("%s: snippet %q", name, out)
		return
	}
	text := []rune(strings.TrimPrefix(lines[0], "    2 | "))
	under := []rune(strings.TrimPrefix(lines[1], "      | "))
	full := []rune(shown(src[ls:le]))
	prefix, suffix := len(text) > 0 && text[0] == '…', len(text) > 0 && text[len(text)-1] == '…'
	body := text
	if prefix {
		body = body[1:]
	}
	if suffix {
		body = body[:len(body)-1]
	}
	// The window is a piece of the line as shown, cut only where … says.
	fullS, bodyS := string(full), string(body)
	at := strings.Index(fullS, bodyS)
	if at < 0 || prefix != (at > 0) || suffix != (at+len(bodyS) < len(fullS)) {
		t.Errorf("%s: window %q of %q (… before %v, after %v)", name, string(text), fullS, prefix, suffix)
		return
	}
	if long := utf8.RuneCount(src[ls:le]) > snippetWidth; !long && (prefix || suffix) || long && !prefix && !suffix {
		t.Errorf("%s: window %q of a line of %d runes", name, string(text), utf8.RuneCount(src[ls:le]))
	}
	// The underline: spaces, then ^ under the range's first character, then ~.
	pad := 0
	for pad < len(under) && under[pad] == ' ' {
		pad++
	}
	caret := under[pad:]
	inBody := utf8.RuneCountInString(shown(src[ls:rg.Start])) - utf8.RuneCountInString(fullS[:at]) // the range's start in the window
	if pad != inBody+btoi(prefix) || len(caret) == 0 || caret[0] != '^' || strings.Trim(string(caret[1:]), "~") != "" {
		t.Errorf("%s: underline %q, want ^ at %d under %q", name, string(under), inBody+btoi(prefix), string(text))
		return
	}
	// On a long line the window starts 20 characters before the range
	// (or at the line's start).
	if utf8.RuneCount(src[ls:le]) > snippetWidth {
		from := rg.Start
		for n := 0; n < 20 && from > ls; n++ {
			_, size := utf8.DecodeLastRune(src[ls:from])
			from -= size
		}
		if want := utf8.RuneCountInString(shown(src[from:rg.Start])); inBody != want {
			t.Errorf("%s: %d characters shown before the range in the window, want %d (20 runes)", name, inBody, want)
		}
	}
	// As wide as the range's visible text inside the window, at least 1.
	inRange := utf8.RuneCountInString(shown(src[rg.Start:rg.End]))
	if want := max(min(inRange, len(body)-inBody), 1); len(caret) != want {
		t.Errorf("%s: underline %q of %d, want %d (range %q)", name, string(under), len(caret), want, src[rg.Start:rg.End])
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
