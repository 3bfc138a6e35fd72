package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestShellParametersReportedOnce: a script with one to four shell
// parameter expansions (${A}, ${B:-b}...) has one info finding, on the
// first, that counts the others, and names the $NAME form of the first.
func TestShellParametersReportedOnce(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	params := []string{"${DB_HOST:-db}", "${B}", "${C:=c}", "${#D}"}
	for k := 1; k <= len(params); k++ {
		src := "configmaps:\n  - name: scripts\n    data:\n      run.sh: |\n        echo " + strings.Join(params[:k], " ") + "\n"
		got := findingsOf(t, cfg, UnknownVariable, src)
		more := ""
		if k > 1 {
			more = fmt.Sprintf(" (and %d more)", k-1)
		}
		if len(got) != 1 || got[0].Severity != lint.Info || src[got[0].Range.Start:got[0].Range.End] != params[0] ||
			!strings.HasPrefix(got[0].Message, params[0]+more+" is the shell's parameter expansion") ||
			!strings.HasSuffix(got[0].Message, "(${DB_HOST} can be written $DB_HOST)") {
			t.Errorf("%d parameters: %v", k, got)
		}
	}
}

// TestShellName: the parameter a shell expansion reads is its leading
// word characters (a letter, digit or "_"; each printable ASCII character
// tried after two of them), after a leading "#" or "!"; a special
// parameter (a non-word first character) is that character.
func TestShellName(t *testing.T) {
	for c := byte(0x21); c < 0x7f; c++ {
		word := c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		want := "AB"
		if word {
			want = "AB" + string(c) + "x"
		}
		if got := shellName("AB" + string(c) + "x"); got != want {
			t.Errorf("shellName(%q) = %q, want %q", "AB"+string(c)+"x", got, want)
		}
		first := string(c)
		if word {
			first = string(c) + "x"
		}
		if c == '#' || c == '!' {
			first = "x"
		}
		if got := shellName(string(c) + "x"); got != first {
			t.Errorf("shellName(%q) = %q, want %q", string(c)+"x", got, first)
		}
	}
}
