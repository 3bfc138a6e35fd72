package lsp

import (
	"strings"

	"github.com/greylint/greylint/lint"
)

// The cursor's place in the YAML block structure is found from the text
// alone (indentation, "- " and "key:"), so completion works while the
// document does not parse: a key with no colon yet, a new "- " entry,
// garbage further down.

// cursor is what completion needs to know about a position.
type cursor struct {
	// Path is the mapping the cursor is in (or whose key's value is being
	// typed): keys from the root, "[]" for a list entry.
	Path []string
	// InValue is set after "key: " on the cursor's line; Key is that key.
	InValue bool
	Key     string
	// InItem is set for "- value" under a key whose value is a list of
	// scalars; Path then ends with that key and "[]".
	InItem bool
	// Prefix is the word typed so far, which completion replaces; it
	// starts at byte offset PrefixStart.
	Prefix      string
	PrefixStart int
	// Siblings are the keys of the mapping at Path, with their plain
	// values (the key being typed is not among them).
	Siblings map[string]string
	// Items are the list entries the path goes through, outermost first:
	// their keys and plain values (to find e.g. the environment whose
	// removed_services is being typed).
	Items []map[string]string
	// Interpolation is set inside an unclosed "${": Prefix is what follows it.
	Interpolation bool
}

// cursorAt analyses the position off of src.
func cursorAt(src []byte, lines *lint.Lines, off int) cursor {
	li := lines.Line(off)
	ls, _ := lines.Bounds(li)
	pre := string(src[ls:off])
	c := cursor{PrefixStart: off}

	// Inside an unclosed ${ on this line: an interpolation variable.
	if i := strings.LastIndex(pre, "${"); i >= 0 && !strings.Contains(pre[i:], "}") {
		c.Interpolation = true
		c.Prefix = pre[i+2:]
		c.PrefixStart = ls + i + 2
		return c
	}

	cur := lint.ScanLine([]byte(pre))
	col := cur.Content
	if cur.Key != "" && strings.Contains(pre[cur.Content:], ":") {
		// "key: val|": complete the value of key.
		c.InValue, c.Key = true, cur.Key
		v := strings.TrimLeft(pre[strings.Index(pre[cur.Content:], ":")+cur.Content+1:], " ")
		if i := strings.LastIndexAny(v, "[{,"); i >= 0 { // inside a flow collection
			v = strings.TrimLeft(v[i+1:], " ")
		}
		v = strings.TrimLeft(v, `"'`)
		c.Prefix = v
		c.PrefixStart = off - len(v)
	} else {
		word := strings.TrimLeft(pre[cur.Content:], " ")
		c.Prefix = word
		c.PrefixStart = off - len(word)
		if cur.Dash < 0 && strings.TrimSpace(pre) == "" {
			col = len(pre)
		}
	}
	var items []int // lines that start the list entries on the path
	c.Path, items = pathAt(src, lines, li, col, cur.Dash)
	c.Siblings = siblings(src, lines, li, col, cur.Dash >= 0)
	for _, it := range items {
		t := lint.ScanLine(lines.Text(it))
		c.Items = append(c.Items, siblings(src, lines, it+1, t.Content, true))
		if t.Key != "" {
			c.Items[len(c.Items)-1][t.Key] = t.Value
		}
	}
	delete(c.Siblings, c.Key)
	if !c.InValue {
		delete(c.Siblings, c.Prefix)
	}
	return c
}

// pathAt returns the path of the mapping whose keys sit at column col, on
// line li (which starts a list entry when dash >= 0), and the lines that
// start the list entries along the path.
func pathAt(src []byte, lines *lint.Lines, li, col, dash int) ([]string, []int) {
	var rev []string
	var items []int
	want, inSeq := col, false
	if dash >= 0 {
		rev = append(rev, "[]")
		items = append(items, li)
		want, inSeq = dash, true
	}
	for i := li - 1; i >= 0 && (want > 0 || inSeq); i-- {
		t := lint.ScanLine(lines.Text(i))
		if t.Blank {
			continue
		}
		switch {
		case !inSeq && t.Dash >= 0 && t.Dash < want && t.Content == want:
			// The first line of the list entry whose mapping we are in.
			rev = append(rev, "[]")
			items = append(items, i)
			want, inSeq = t.Dash, true
		case t.Key != "" && (t.Content < want || (inSeq && t.Content == want && t.Dash < 0)):
			// The key that owns our mapping or list.
			rev = append(rev, t.Key)
			want, inSeq = t.Content, false
			if t.Dash >= 0 {
				rev = append(rev, "[]")
				items = append(items, i)
				want, inSeq = t.Dash, true
			}
		}
	}
	path := make([]string, len(rev))
	for i, p := range rev {
		path[len(rev)-1-i] = p
	}
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
	return path, items
}

// siblings returns the keys (and plain values) at column col in the block
// around line li. When the block is a list entry starting on li, only the
// lines below belong to it.
func siblings(src []byte, lines *lint.Lines, li, col int, entryStart bool) map[string]string {
	out := map[string]string{}
	if !entryStart {
		for i := li - 1; i >= 0; i-- {
			t := lint.ScanLine(lines.Text(i))
			if t.Blank {
				continue
			}
			if t.Content == col && t.Key != "" {
				out[t.Key] = t.Value
			}
			if t.Indent < col || (t.Dash >= 0 && t.Content == col) {
				break
			}
		}
	}
	for i := li + 1; i < lines.Count(); i++ {
		t := lint.ScanLine(lines.Text(i))
		if t.Blank {
			continue
		}
		if t.Indent < col || t.Dash >= 0 && t.Dash < col {
			break
		}
		if t.Content == col && t.Dash < 0 && t.Key != "" {
			out[t.Key] = t.Value
		}
	}
	return out
}
