package lint

import "bytes"

// LineShape is the block structure of one line, read from its text alone:
// the language server places the cursor with it when the document does
// not parse, and the syntax checker shares its key pattern.
type LineShape struct {
	Indent  int    // leading spaces
	Dash    int    // column of the last "- " entry marker, or -1
	Content int    // column where the content starts, after indentation and markers
	Key     string // the key of "key:" or "key: value" (quotes removed)
	Value   string // the plain value after "key: " (comment and quotes removed)
	Blank   bool   // nothing but spaces or a comment
}

// ScanLine reads the shape of a line (without its line break).
func ScanLine(b []byte) LineShape {
	t := LineShape{Dash: -1, Indent: leadingSpaces(b)}
	rest := b[t.Indent:]
	col := t.Indent
	for bytes.HasPrefix(rest, []byte("- ")) || bytes.Equal(rest, []byte("-")) {
		t.Dash = col
		trimmed := bytes.TrimLeft(rest[1:], " ")
		col += len(rest) - len(trimmed)
		rest = trimmed
	}
	t.Content = col
	rest = bytes.TrimRight(stripComment(rest), " \t\r")
	if len(rest) == 0 {
		t.Blank = t.Dash < 0
		return t
	}
	if bytes.IndexByte(rest, ':') < 0 {
		return t
	}
	if m := keyRe.FindSubmatchIndex(rest); m != nil {
		t.Key = string(bytes.Trim(rest[m[2]:m[3]], `"'`))
		t.Value = string(bytes.Trim(bytes.TrimSpace(rest[m[1]:]), `"'`))
	}
	return t
}
