package lsp

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/internal/testtool"
	"github.com/greylint/greylint/shellcheck"
)

func needShellcheck(t *testing.T) {
	t.Helper()
	testtool.Need(t, "shellcheck", "apt-get install shellcheck")
}

// utf16Pos is the LSP position of byte offset off of text.
func utf16Pos(text string, off int) protocol.Position {
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndex(text[:off], "\n") + 1
	return pos(uint32(line), uint32(len(utf16.Encode([]rune(text[start:off])))))
}

// TestShellcheckInTheServer: the server publishes shellcheck's findings at
// their place in every scalar style (in UTF-16, after a multi-byte
// character), links them to shellcheck's wiki, and runs shellcheck only on
// scripts that changed: typing outside the scripts starts no process.
func TestShellcheckInTheServer(t *testing.T) {
	needShellcheck(t)
	script := "echo é ${commit.sha}\nrm -rf $DIR/"
	styles := map[string]string{
		"literal": "|\n        echo é ${commit.sha}\n        rm -rf $DIR/",
		"folded":  ">-\n        echo é ${commit.sha}\n\n        rm -rf $DIR/",
		"double":  `"echo \u00e9 ${commit.sha}\n  rm -rf $DIR/"`,
		"single":  "'echo é ${commit.sha}\n\n        rm -rf $DIR/'",
		"plain":   "echo é ${commit.sha}\n\n        rm -rf $DIR/",
	}
	var text strings.Builder
	text.WriteString("jobs:\n")
	var order []string
	for name, s := range styles {
		order = append(order, name)
		fmt.Fprintf(&text, "  - name: %s\n    image: alpine\n    command:\n      - bash\n      - -c\n      - %s\n", name, s)
	}
	src := text.String()
	_ = script
	e := startEditor(t, nil)
	u := e.open("config.yaml", src)
	ds := e.wait(u, 1)
	// The n-th "$DIR/" of the text is the n-th job's.
	var want []protocol.Range
	for off := 0; ; {
		i := strings.Index(src[off:], "$DIR/")
		if i < 0 {
			break
		}
		want = append(want, protocol.Range{Start: utf16Pos(src, off+i), End: utf16Pos(src, off+i+len("$DIR/"))})
		off += i + 1
	}
	var got []protocol.Range
	for _, d := range ds {
		if codeOf(d) == "shellcheck/SC2115" {
			got = append(got, d.Range)
			if d.CodeDescription.Href != "https://www.shellcheck.net/wiki/SC2115" || d.Severity != protocol.DiagnosticSeverityWarning {
				t.Errorf("SC2115: href %q severity %v", d.CodeDescription.Href, d.Severity)
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("SC2115 at %v, want %v (jobs %v)\n%s", got, want, order, src)
	}
	r, err := shellcheck.For("")
	if err != nil || r == nil {
		t.Fatal(r, err)
	}
	// Typing a new job name, key by key: the scripts are cached.
	before := r.Started()
	v := int32(1)
	for i, c := range "worker" {
		v = e.edit(u, 1, uint32(10+i), 1, uint32(10+i), string(c))
	}
	e.wait(u, v)
	if n := r.Started() - before; n != 0 {
		t.Errorf("typing outside the scripts started %d shellcheck processes, want 0", n)
	}
	// Changing one script runs shellcheck once, on it.
	line := strings.Count(src[:strings.Index(src, "rm -rf")], "\n")
	v = e.edit(u, uint32(line), 8, uint32(line), 8, "x")
	after := e.wait(u, v)
	if n := r.Started() - before; n != 1 {
		t.Errorf("an edit of one script started %d shellcheck processes, want 1", n)
	}
	if len(after) == 0 {
		t.Error("no diagnostics after the edit")
	}
}
