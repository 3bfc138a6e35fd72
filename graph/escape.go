package graph

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/greylint/greylint/lint"
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

// shown makes a value safe to show and bounds it, through the one
// escaping layer: at most maxLabel characters (lint.Cut, "…" standing for
// the rest), then lint.Visible (control characters, bidirectional
// controls and invalid UTF-8 as escapes, \x1b, \u202e), so that no value
// starts a line of its own in any format. A label is one line, so a tab
// is escaped too.
func shown(s string) string {
	return strings.ReplaceAll(lint.Visible(lint.Cut(s, maxLabel)), "\t", `\x09`)
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
