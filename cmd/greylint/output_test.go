package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/greylint/greylint/lint"
)

// longerThan says what counting every rune says, reading at most n+1.
func TestLongerThan(t *testing.T) {
	for _, s := range []string{"", "a", "abc", "é", "éé", "ééé", "aé", "\xff\xfe", "日本語", strings.Repeat("é", 10)} {
		for n := range 12 {
			if got, want := longerThan([]byte(s), n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("longerThan(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// oneLongLine is a result with n findings on one line of n items.
func oneLongLine(n int) *result {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{"name":"svc-%d","imagee":"é"}`, i)
	}
	src := []byte(`{"services":[` + strings.Join(items, ",") + "]}\n")
	r := &result{path: "c.yaml", src: src, lines: lint.NewLines(src)}
	for i := range n {
		at := strings.Index(string(src), fmt.Sprintf(`"svc-%d"`, i))
		r.diags = append(r.diags, lint.Diagnostic{Rule: "unknown-field", Severity: lint.Warning, Range: lint.Range{Start: at, End: at + 5}, Message: "m"})
	}
	return r
}

// BenchmarkTextOneLongLine: n findings on one line of n items print n
// windowed snippets; twice the findings should take twice the time (the
// whole line's runes were counted per finding: quadratic).
func BenchmarkTextOneLongLine(b *testing.B) {
	for _, n := range []int{4000, 8000} {
		r := oneLongLine(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				writeText(io.Discard, []*result{r}, false)
			}
		})
	}
}
