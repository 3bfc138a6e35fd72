package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Every value from the input (a name, a path, a hostname, a file path)
// reaches the output through one of these: shown first (visible, bounded),
// then quoted for the format. User names are hostile input: a name with
// '"', '<', a newline, "]]>" or "-->" must neither break the output nor
// add anything to it.
//
//	dot      dotLines: a double-quoted ID, with \ and " escaped (\N, \G and
//	         the other escapes of Graphviz labels are then literal text)
//	mermaid  mermaidQuote: a double-quoted label with every character that
//	         Mermaid or the HTML it renders reads (" # < > & ` | %) as an
//	         entity code (#quot;, #35;), so no text closes the label
//	svg      xmlText: encoding/xml's escaping
//
// TestHostileNames generates names from these characters and checks each
// format.

// maxLabel is how many characters of one value a label shows.
const maxLabel = 60

// shown makes a value safe to show and bounds it: control characters,
// bidirectional controls and invalid UTF-8 become escapes (\x1b, \u202e),
// as the CLI's text output writes them, so that no value starts a line
// of its own in any format; more than maxLabel characters are cut, "…"
// standing for the rest.
func shown(s string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); n++ {
		if n == maxLabel {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape is the CLI's set of characters never printed as they are.
func needsEscape(r rune) bool {
	switch {
	case r == '\t':
		return true // a label is one line: a tab is as unwelcome as a newline
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029, r == utf8.RuneError:
		return true
	}
	return false
}

var dotEscapes = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// dotLines joins lines of shown text into one DOT double-quoted label,
// \ and " escaped in each, the breaks written as \n by us.
func dotLines(lines ...string) string {
	var parts []string
	for _, l := range lines {
		if l != "" {
			parts = append(parts, dotEscapes.Replace(shown(l)))
		}
	}
	return `"` + strings.Join(parts, `\n`) + `"`
}

var mermaidEntities = strings.NewReplacer(
	`"`, "#quot;", "#", "#35;", "<", "#lt;", ">", "#gt;", "&", "#amp;",
	"`", "#96;", "|", "#124;", "%", "#37;", "\\", "#92;", ";", "#59;",
)

// mermaidLines joins lines of shown text into one Mermaid quoted label,
// the breaks written as <br/> by us.
func mermaidLines(lines ...string) string {
	var parts []string
	for _, l := range lines {
		if l != "" {
			parts = append(parts, mermaidEntities.Replace(shown(l)))
		}
	}
	return `"` + strings.Join(parts, "<br/>") + `"`
}

// xmlText is s shown and escaped for XML character data or an attribute
// value.
func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(shown(s)))
	return b.String()
}
