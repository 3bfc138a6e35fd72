package lsp

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// tokensConfig has several placeholders on a line between wide
// characters (UTF-16 columns differ from bytes and from characters),
// unknown variables and namespaces (marked invalid), an empty attribute,
// an unterminated placeholder, placeholders side by side (a valid one
// touching an invalid one on either side), an empty name, and names defined and used, quoted and
// after wide characters.
const tokensConfig = `builds:
  - name: b1
services:
  - name: web
    image_from_build: "b1"
    env:
      - name: A
        value: "😀${commit.sha}é${env.name}😀${commit.SHAA}"
      - name: B
        value: ${nope.x} and ${commit.} ${commit.sha}
      - name: C
        value: x-${commit.sha
      - name: D
        value: ${commit.sha}${commit.SHAA}${env.name}
jobs:
  - {image_from_build: b1, name: j}
rules:
  - {path: "/😀", service: web, hostnames: [a.example.com]}
configmaps:
  - name: ""
`

// knownVariables are the placeholders of tokensConfig that name a
// greyhound variable.
var knownVariables = map[string]bool{"commit.sha": true, "env.name": true}

// TestSemanticTokensExact decodes the tokens (relative lines and UTF-16
// columns) and requires exactly the tokens read off the text: for each
// placeholder "${" and "}" (operator), its namespace (variable) and
// attributes (property), all invalid when the variable is unknown or the
// placeholder unterminated; for each build, service, configmap, shared
// volume, application and alias, its definition (declaration) and uses
// (type); in document order.
func TestSemanticTokensExact(t *testing.T) {
	for _, enc := range []string{"utf-16", "utf-8"} {
		e := startEditor(t, func(p *protocol.InitializeParams) {
			if enc == "utf-8" {
				p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8}}
			}
		})
		u := e.open("config.yaml", tokensConfig)
		e.wait(u, 1)
		toks, err := e.server.SemanticTokensFull(context.Background(), &protocol.SemanticTokensParams{TextDocument: td(u)})
		if err != nil || len(toks.Data)%5 != 0 {
			t.Fatalf("%v %v", toks, err)
		}
		col := func(s string) uint32 {
			if enc == "utf-8" {
				return uint32(len(s))
			}
			return units(s, false)
		}
		lines := strings.Split(tokensConfig, "\n")
		var got []string
		line, char := uint32(0), uint32(0)
		for i := 0; i < len(toks.Data); i += 5 {
			d := toks.Data[i : i+5]
			if d[0] > 0 {
				line, char = line+d[0], d[1]
			} else {
				char += d[1]
			}
			got = append(got, fmt.Sprintf("%d:%d+%d %s/%d", line, char, d[2], tokenTypes[d[3]], d[4]))
		}
		// The tokens read off the text.
		type tok struct {
			line, start int // line and byte offset in it
			text, typ   string
			mods        int
		}
		var want []tok
		ph := regexp.MustCompile(`\$\{([A-Za-z0-9_.]*)(\}?)`)
		for li, l := range lines {
			for _, m := range ph.FindAllStringSubmatchIndex(l, -1) {
				name, closed := l[m[2]:m[3]], m[5] > m[4]
				mods := 0
				if !knownVariables[name] || !closed {
					mods = modInvalid
				}
				want = append(want, tok{li, m[0], "${", "operator", mods})
				off := m[2]
				for i, part := range strings.Split(name, ".") {
					if part != "" {
						want = append(want, tok{li, off, part, map[bool]string{true: "variable", false: "property"}[i == 0], mods})
					}
					off += len(part) + 1
				}
				if closed {
					want = append(want, tok{li, m[4], "}", "operator", mods})
				}
			}
		}
		doc, _ := lint.Parse([]byte(tokensConfig))
		for _, sym := range model.New(doc).Symbols {
			if sym.Kind == model.JobKind || sym.Name == "" {
				continue // jobs are named by nothing; an empty name is no token
			}
			r := occurrence(tokensConfig, sym.Def, sym.Name)
			byteCol := func(r protocol.Range) int {
				l := lines[r.Start.Line]
				for i := range len(l) + 1 {
					if units(l[:i], false) == r.Start.Character {
						return i
					}
				}
				return -1
			}
			want = append(want, tok{int(r.Start.Line), byteCol(r), sym.Name, "type", modDeclaration})
			for _, ref := range sym.Refs {
				r := occurrence(tokensConfig, ref, sym.Name)
				want = append(want, tok{int(r.Start.Line), byteCol(r), sym.Name, "type", 0})
			}
		}
		// In document order.
		for i := range want {
			for j := i + 1; j < len(want); j++ {
				if want[j].line < want[i].line || want[j].line == want[i].line && want[j].start < want[i].start {
					want[i], want[j] = want[j], want[i]
				}
			}
		}
		var wantS []string
		for _, w := range want {
			wantS = append(wantS, fmt.Sprintf("%d:%d+%d %s/%d", w.line, col(lines[w.line][:w.start]), col(w.text), w.typ, w.mods))
		}
		if strings.Join(got, "\n") != strings.Join(wantS, "\n") {
			t.Errorf("%s: tokens\n%s\nwant\n%s", enc, strings.Join(got, "\n"), strings.Join(wantS, "\n"))
		}
	}
}

// foldingDoc has, beside each line, the folds that start on it: a
// comment alone (none), a list entry of one key (none), a flow list over
// two lines and on one line, a literal block followed by a blank line
// (the fold ends at its last text line), and comment runs in the middle
// and at the end of the file.
const foldingDoc = `# one comment
builds:
  - name: b
  - name:
      b2
# two
# comments
services:
  - name: api
    command: [a,
      b]
    args: [x]
    description: a plain
      scalar on two lines
    env:
      - name: A
        value: |
          line1
          line2

      - name: B
        value: |+
          kept  

    resources:
      limits:
        cpu: 1
    labels: {a: b}
    replicas: 2
jobs:
  - name: j
    image: x
# end one
# end two
`

// foldingWant are foldingDoc's folds: start-end, "c" for comments. An
// entry of one key over two lines and a plain scalar over two lines do
// not fold; a literal block ends its fold at its last line of text, its
// kept blank lines and trailing spaces aside.
var foldingWant = []string{"1-4", "5-6c", "7-28", "8-28", "9-10", "14-22", "15-18", "16-18", "20-22", "21-22", "24-26", "25-26", "29-31", "30-31", "32-33c"}

// TestFoldingRangesExact: exactly the folds of foldingDoc, with "\n" and
// with "\r\n" line ends, with wide characters in it or not, with the
// comment run at the end closed by a line end or by the end of the file.
func TestFoldingRangesExact(t *testing.T) {
	e := startEditor(t, nil)
	for _, variant := range []struct{ name, text string }{
		{"LF", foldingDoc},
		{"CRLF", strings.ReplaceAll(foldingDoc, "\n", "\r\n")},
		{"wide", strings.ReplaceAll(foldingDoc, "line", "😀é")},
		{"no line end at the end", strings.TrimSuffix(foldingDoc, "\n")},
	} {
		u := e.open("config.yaml", variant.text)
		got, err := e.server.FoldingRanges(context.Background(), &protocol.FoldingRangeParams{TextDocument: td(u)})
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, f := range got {
			k := ""
			if f.Kind == protocol.FoldingRangeKindComment {
				k = "c"
			}
			s = append(s, fmt.Sprintf("%d-%d%s", f.StartLine, f.EndLine, k))
		}
		if strings.Join(s, " ") != strings.Join(foldingWant, " ") {
			t.Errorf("%s: folds %v, want %v", variant.name, s, foldingWant)
		}
		e.close(u)
	}
}
