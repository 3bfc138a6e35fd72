package lsp

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// hoverAt returns the hover's text and range at a position, "" when none.
func (e *editor) hoverAt(u protocolURI, line, char uint32) (string, protocol.Range) {
	e.t.Helper()
	h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, line, char)})
	if err != nil {
		e.t.Fatal(err)
	}
	if h == nil {
		return "", protocol.Range{}
	}
	return h.Contents.(*protocol.MarkupContent).Value, *h.Range
}

// TestHoverOnPlaceholders: along a line of placeholders (side by side,
// between wide characters, quoted, a database attribute, an unknown
// variable, an unclosed one), every column from the "$" to just after
// the "}" explains that placeholder and covers it; a column outside any
// closed placeholder explains none.
func TestHoverOnPlaceholders(t *testing.T) {
	e := startEditor(t, nil)
	value := `"é ${commit.sha}${env.name} 😀 ${database.main.host} x ${nope.y} ${commit.sha"`
	text := "services:\n  - name: api\n    image: nginx\n    env:\n      - name: A\n        value: " + value + "\n"
	u := e.open("config.yaml", text)
	line := strings.Split(text, "\n")[5]
	type span struct{ start, end int } // bytes in line, end after "}"
	var spans []span
	var docs []string
	for _, m := range regexp.MustCompile(`\$\{([^}]*)\}`).FindAllStringSubmatchIndex(line, -1) {
		spans = append(spans, span{m[0], m[1]})
		docs = append(docs, line[m[2]:m[3]])
	}
	for b := 0; b <= len(line); b++ {
		if b < len(line) && line[b]&0xC0 == 0x80 {
			continue // inside a character
		}
		col := units(line[:b], false)
		got, r := e.hoverAt(u, 5, col)
		want := -1
		for i, s := range spans {
			if s.start <= b && b <= s.end {
				want = i
				break
			}
		}
		name := fmt.Sprintf("column %d (%q|%q)", col, line[:b], line[b:])
		if want < 0 {
			if strings.HasPrefix(got, "`${") {
				t.Errorf("%s: hover %q, want no placeholder", name, got)
			}
			continue
		}
		s := spans[want]
		wr := protocol.Range{Start: pos(5, units(line[:s.start], false)), End: pos(5, units(line[:s.end], false))}
		if !strings.HasPrefix(got, "`${"+docs[want]+"}`") || r != wr {
			t.Errorf("%s: hover %q at %v, want ${%s} at %v", name, got, r, docs[want], wr)
		}
		switch docs[want] {
		case "database.main.host":
			if !strings.Contains(got, "of the database `main`") {
				t.Errorf("%s: %q", name, got)
			}
		case "nope.y":
			if !strings.Contains(got, "is not a greyhound variable") {
				t.Errorf("%s: %q", name, got)
			}
		}
	}
}

// TestHoverWhileBrokenAtKeyEdges: in a document that does not parse,
// hover explains a key from its first character to just after its last,
// covering the key, and nothing one column before or after, at every
// depth and after "- ".
func TestHoverWhileBrokenAtKeyEdges(t *testing.T) {
	e := startEditor(t, nil)
	text := "jobs:\n  - name: x\n    restart_policy: Never\n    env:\n      - name: A\n        value: b\n    ]]] broken {\n"
	u := e.open("config.yaml", text)
	keys := regexp.MustCompile(`^( *(?:- )?)([a-z_]+):`)
	for li, l := range strings.Split(text, "\n") {
		m := keys.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		start, end := len(m[1]), len(m[1])+len(m[2])
		for col := start - 1; col <= end+1; col++ {
			if col < 0 {
				continue
			}
			got, r := e.hoverAt(u, uint32(li), uint32(col))
			in := start <= col && col <= end
			if in != (got != "") {
				t.Errorf("line %d %q column %d: hover %q, want one: %v", li, l, col, got, in)
			}
			if in && r != (protocol.Range{Start: pos(uint32(li), uint32(start)), End: pos(uint32(li), uint32(end))}) {
				t.Errorf("line %d column %d: range %v, want %d-%d", li, col, r, start, end)
			}
		}
	}
}
