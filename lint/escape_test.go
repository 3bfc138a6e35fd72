package lint

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBoundMessage(t *testing.T) {
	long := strings.Repeat("é", 3*MaxQuoted)
	for _, c := range []struct{ in, want string }{
		{`build "api" is not defined`, `build "api" is not defined`},
		{`build ` + strconv.Quote(long) + ` is not defined`, `build ` + strconv.Quote(strings.Repeat("é", MaxQuoted)+"…") + ` is not defined`},
		// An escape in the value is kept whole: the cut is of the value, then quoted again.
		{strconv.Quote("\x1b" + long), strconv.Quote("\x1b" + strings.Repeat("é", MaxQuoted-1) + "…")},
		// A quote that is no Go literal is left as it is.
		{`say "` + long, `say "` + long},
	} {
		got := BoundMessage(c.in)
		if len(c.in) <= MaxMessage && got != c.want {
			t.Errorf("BoundMessage(%.40q...) = %.120q, want %.120q", c.in, got, c.want)
		}
		if again := BoundMessage(got); again != got {
			t.Errorf("not idempotent: %.80q -> %.80q", got, again)
		}
	}
	// Ten long quoted names and unquoted text of any length: at most
	// MaxMessage bytes and "…", valid UTF-8.
	var b strings.Builder
	for range 10 {
		b.WriteString(strconv.Quote(long) + ", ")
	}
	b.WriteString(strings.Repeat("ü", 5000))
	got := BoundMessage(b.String())
	if len(got) > MaxMessage+len("…") || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("a message of %d bytes bounded to %d (valid UTF-8: %v)", b.Len(), len(got), utf8.ValidString(got))
	}
	if strings.Count(got, "…") != 11 {
		t.Errorf("want ten quoted names cut and the message cut: %q", got)
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{{"abc", 3, "abc"}, {"abcd", 3, "abc…"}, {"🚀🚀🚀🚀", 2, "🚀🚀…"}, {"ab\xff\xfe", 3, "ab\xff…"}} {
		if got := Cut(c.in, c.n); got != c.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
