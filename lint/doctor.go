package lint

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The syntax doctor: a second pass over text yaml.v3 rejected. yaml.v3
// says where its parser gave up, often a line or more after the mistake
// ("did not find expected key" on the line after a quote left open); the
// doctor reads the text itself, line by line (indentation, list dashes,
// keys and their colons, quotes, flow brackets, anchors and aliases,
// comments, block scalars) and returns the first place where the text
// stops being YAML, with what to type. It runs only on rejected text, so
// its guesses can never flag a valid file.

type doctor struct {
	d       *Document
	src     []byte
	anchors map[string]int // anchor name -> offset of the &
	stack   []block        // open blocks, innermost last
	// the previous line that holds structure
	prev struct {
		ok     bool
		ind    int
		start  int  // offset of its content
		opens  bool // ends so that a deeper block may follow
		bare   bool // its content is a plain scalar: no key, no dash, no flow
		end    int  // offset of its end
		parent int  // indentation of the line before it that opened a block, or -1
		key    int  // column of its last key or entry: after its dashes ("- key:" opens at 2)
	}
	skipUntil   int // lines before it belong to a multi-line scalar or flow collection
	blockScalar int // indentation of the line that owns an open block scalar, or -1
}

type finding struct {
	r          Range
	msg        string
	structural bool // about indentation or a line's kind: blame may move it
	line       int  // the line being read when it was found
	sib        int  // the indentation the structure suggests, or -1
}

// diagnose returns the first problem of the text, or false.
func (d *Document) diagnose(ctx context.Context) (Range, string, bool) {
	dr := &doctor{d: d, src: d.Source, anchors: map[string]int{}, blockScalar: -1}
	for i := 0; i < d.Lines.Count(); i++ {
		if f, ok := dr.line(i); ok {
			if f.structural {
				f.line = i
				if b, ok := d.blame(ctx, f); ok {
					f = b
				}
			}
			return f.r, f.msg, true
		}
	}
	return Range{}, "", false
}

func (dr *doctor) line(i int) (finding, bool) {
	d := dr.d
	ls, le := d.Lines.Bounds(i) // without the line break (\r\n too) and the byte order mark
	text := dr.src[ls:le]
	ind := leadingSpaces(text)
	rest := text[ind:]
	if dr.blockScalar >= 0 {
		if len(bytes.TrimSpace(rest)) == 0 || ind > dr.blockScalar {
			return finding{}, false
		}
		dr.blockScalar = -1
	}
	if i < dr.skipUntil {
		return finding{}, false
	}
	if len(rest) > 0 && rest[0] == '\t' {
		return finding{r: Range{ls + ind, ls + ind + 1}, msg: "a tab is used for indentation here; YAML allows only spaces (replace the tab with spaces)"}, true
	}
	trimmed := bytes.TrimRight(rest, " \t")
	if len(trimmed) == 0 || trimmed[0] == '#' || bytes.HasPrefix(trimmed, []byte("---")) || bytes.HasPrefix(trimmed, []byte("...")) || trimmed[0] == '%' {
		return finding{}, false
	}
	// The list dashes, then a key, then a value.
	content := ls + ind
	isSeq := trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
	inner := content
	var dashes []int
	for {
		c := dr.src[inner:le]
		if len(c) > 0 && c[0] == '-' && (len(c) == 1 || c[1] == ' ' || c[1] == '\t') {
			dashes = append(dashes, inner)
			inner++
			for inner < le && dr.src[inner] == ' ' {
				inner++
			}
			if inner < le && dr.src[inner] == '\t' {
				return finding{r: Range{inner, inner + 1}, msg: "a tab follows the list dash '-'; YAML allows only spaces here (replace the tab with a space)"}, true
			}
			continue
		}
		break
	}
	body := dr.src[inner:le]
	isKey := false
	valueAt := inner
	if m := keyRe.FindIndex(body); m != nil { // keyRe matches only a text with a ':'
		isKey = true
		valueAt = inner + bytes.LastIndexByte(body[:m[1]], ':') + 1 // after the key's colon: the last in the match
		for valueAt < le && dr.src[valueAt] == ' ' {
			valueAt++
		}
	}
	// The value (or the whole body when there is no key).
	opens, bare := false, false
	// Lines that continue a quoted or flow value are deeper than its key
	// (or than the dash of a list entry).
	thr := ind
	if isKey {
		thr = inner - ls
	} else if len(dashes) > 0 {
		thr = dashes[len(dashes)-1] - ls
	}
	if f, ok, op, br := dr.value(i, thr, valueAt, le, isKey); ok {
		return f, true
	} else {
		opens, bare = op, br
	}
	if f, ok := dr.structure(i, ls, ind, content, le, isSeq, isKey, bare, dashes, inner); ok {
		f.structural = true
		return f, true
	}
	dr.prev.parent = -1
	if dr.prev.ok && dr.prev.opens {
		dr.prev.parent = dr.prev.ind
	}
	dr.prev.ok, dr.prev.ind, dr.prev.start, dr.prev.end, dr.prev.key = true, ind, content, le, inner-ls
	dr.prev.opens, dr.prev.bare = opens, bare
	return finding{}, false
}

// value checks the value that starts at off on line i (indented ind):
// quotes, flow collections, anchors and aliases, a block scalar header, a
// plain scalar. It reports whether a deeper block may follow (opens) and
// whether the value is a plain scalar with no key (bare).
func (dr *doctor) value(i, ind, off, le int, isKey bool) (f finding, bad, opens, bare bool) {
	src := dr.src
	// anchors and tags before the value itself
	for off < le && (src[off] == '&' || src[off] == '!') {
		j := off + 1
		for j < le && src[j] != ' ' && src[j] != '\t' {
			j++
		}
		if src[off] == '&' {
			if j == off+1 {
				return finding{r: Range{off, off + 1}, msg: "this anchor '&' has no name; write &name, or remove the '&'"}, true, false, false
			}
			dr.anchors[string(src[off+1:j])] = off
		}
		off = j
		for off < le && src[off] == ' ' {
			off++
		}
	}
	v := src[off:le]
	if c := commentStart(v); c >= 0 {
		v = v[:c]
	}
	v = bytes.TrimRight(v, " \t")
	if len(v) == 0 {
		return finding{}, false, true, false
	}
	switch c := v[0]; {
	case c == '"' || c == '\'':
		return dr.quoted(i, ind, off, isKey)
	case c == '[' || c == '{':
		return dr.flow(i, ind, off)
	case c == ']' || c == '}':
		return finding{r: Range{off, off + 1}, msg: fmt.Sprintf("this %c closes nothing: no %c is open; remove it, or quote the value if it is text", c, opener(c))}, true, false, false
	case c == ',':
		return finding{r: Range{off, off + 1}, msg: "a value cannot start with ','; quote the value, or remove the comma"}, true, false, false
	case c == '*':
		j := off + 1
		for j < le && src[j] != ' ' && src[j] != ',' && src[j] != '#' {
			j++
		}
		name := string(src[off+1 : j])
		if name == "" {
			return finding{r: Range{off, off + 1}, msg: "this alias '*' has no name; write *name of an anchor &name defined above, or quote the value"}, true, false, false
		}
		if _, ok := dr.anchors[name]; !ok {
			msg := fmt.Sprintf("the alias *%s refers to no anchor defined above it (an anchor is written &%s before the value it names)", name, name)
			var names []string
			for a := range dr.anchors {
				names = append(names, a)
			}
			if s := Suggest(name, names); s != "" {
				msg += fmt.Sprintf("; did you mean *%s?", s)
			}
			return finding{r: Range{off, j}, msg: msg}, true, false, false
		}
		return finding{}, false, false, false
	case (c == '|' || c == '>') && blockScalarHeader(v):
		dr.blockScalar = dr.lineIndent(i)
		return finding{}, false, false, false
	}
	// A plain scalar: ": " inside it would be a second key.
	if k := bytes.Index(v, []byte(": ")); k >= 0 || v[len(v)-1] == ':' {
		if k < 0 {
			k = len(v) - 1
		}
		if isKey {
			return finding{r: Range{off + k, off + k + 1}, msg: fmt.Sprintf("this value holds ': ', which YAML reads as a second key on the line; quote the value (%q) or put the key on its own line", string(v))}, true, false, false
		}
	}
	return finding{}, false, false, !isKey
}

func opener(c byte) byte {
	if c == ']' {
		return '['
	}
	return '{'
}

func (dr *doctor) lineIndent(i int) int {
	s, e := dr.d.Lines.Bounds(i)
	return leadingSpaces(dr.src[s:e])
}

// continues reports whether line j continues a quoted scalar or flow
// collection that started on a line whose key (or dash) is at column ind:
// it is blank, deeper, led by a tab, or (as yaml.v3 allows) no deeper but
// not shaped like the next entry of a block ("key: ..." or "- ...").
func (dr *doctor) continues(j, ind int) bool {
	t := dr.d.Lines.Text(j) // Bounds leaves out the line break, \r included
	if len(bytes.TrimSpace(t)) == 0 {
		return true
	}
	sp := leadingSpaces(t)
	if sp > ind || t[sp] == '\t' {
		return true
	}
	c := t[sp:]
	return !(c[0] == '-' && (len(c) == 1 || c[1] == ' ') || looksLikeKey(c) || c[0] == '#')
}

// quoted checks a quoted scalar starting at off: it must close, on this
// line or on deeper lines below, and nothing but a comment (or the ':' of
// a key) may follow it.
func (dr *doctor) quoted(i, ind, off int, isKey bool) (finding, bool, bool, bool) {
	src := dr.src
	q := src[off]
	what := "double"
	if q == '\'' {
		what = "single"
	}
	line := i
	_, le := dr.d.Lines.Bounds(line)
	for p := off + 1; p < len(src); p++ {
		c := src[p]
		if c == '\n' {
			line++
			if line >= dr.d.Lines.Count() || !dr.continues(line, ind) {
				break
			}
			_, le = dr.d.Lines.Bounds(line)
			continue
		}
		if q == '"' && c == '\\' {
			if p+1 < len(src) && src[p+1] != '\n' {
				p++ // an escaped character; a \ before a line break is a line continuation: the break is counted above
			}
			continue
		}
		if c != q {
			continue
		}
		if q == '\'' && p+1 < len(src) && src[p+1] == '\'' {
			p++
			continue
		}
		// closed at p: the rest of its line (counted from p, whatever line
		// breaks the loop saw) is what follows the value
		if l, _ := dr.d.Lines.LineCol(p); l-1 != line {
			line = l - 1
			_, le = dr.d.Lines.Bounds(line)
		}
		le = max(le, p+1)
		dr.skipUntil = line + 1
		after := bytes.TrimRight(src[p+1:le], " \t\r")
		if len(after) > 0 && after[0] == ':' && (len(after) == 1 || after[1] == ' ') {
			return finding{}, false, false, false // a quoted key; its value is checked as a plain scalar
		}
		if len(after) > 0 && after[0] != '#' && !(after[0] == ' ' && bytes.TrimSpace(after)[0] == '#') {
			t := bytes.TrimSpace(after)
			if t[0] == ']' || t[0] == '}' {
				s := p + 1 + bytes.Index(src[p+1:le], t)
				return finding{r: Range{s, s + 1}, msg: fmt.Sprintf("this %c closes nothing: no %c is open before the quoted value; add the %c, or remove this one", t[0], opener(t[0]), opener(t[0]))}, true, false, false
			}
			if t[0] != '#' {
				s := p + 1 + bytes.Index(src[p+1:le], t)
				return finding{r: Range{s, s + 1}, msg: fmt.Sprintf("text follows the closing %s quote of this value; put all of it inside the quotes, or remove the quote that ends it early", what)}, true, false, false
			}
		}
		return finding{}, false, false, false
	}
	return finding{r: Range{off, off + 1}, msg: fmt.Sprintf("this %s-quoted string is never closed; add the closing %c at the end of the value", what, q)}, true, false, false
}

// flow checks a flow collection starting at off: brackets match and close
// before a line that is not deeper, commas separate entries, a placeholder
// inside is quoted.
func (dr *doctor) flow(i, ind, off int) (finding, bool, bool, bool) {
	src := dr.src
	var stack []int
	var quote byte
	line := i
	_, le := dr.d.Lines.Bounds(line)
	afterComma := false // only spaces since the last ',' or opener
	quoteAt := -1
	valueDone := false // a quoted scalar or a nested collection just ended
	lineStart, _ := dr.d.Lines.Bounds(i)
	lastKeyEnd, afterValue := -1, false
	for p := off; p < len(src); p++ {
		c := src[p]
		if c == '\n' {
			line++
			if line >= dr.d.Lines.Count() || !dr.continues(line, ind) {
				break
			}
			lineStart, le = dr.d.Lines.Bounds(line)
			if t := bytes.TrimLeft(src[lineStart:le], " "); len(stack) > 0 && (bytes.HasPrefix(t, []byte("- ")) || bytes.Equal(bytes.TrimRight(t, "\r"), []byte("-"))) {
				// a block list entry: the collection above was never closed
				o := stack[0]
				return finding{r: Range{o, o + 1}, msg: fmt.Sprintf("this %c is never closed; add %c at the end of the value (or write the collection in block style)", src[o], closer(src[o]))}, true, false, false
			}
			continue
		}
		if quote != 0 {
			if quote == '"' && c == '\\' {
				p++
			} else if c == quote {
				if quote == '\'' && p+1 < len(src) && src[p+1] == '\'' {
					p++
				} else {
					quote, valueDone = 0, true
				}
			}
			continue
		}
		if valueDone && c != ' ' && c != '\t' && c != '\r' && c != ',' && c != ':' && c != ']' && c != '}' && c != '#' {
			// "a" "b", {a: 1} {b: 2}: a value right after a finished one
			return finding{r: Range{p, p + 1}, msg: "a comma is missing before this value: in a flow collection ([...] or {...}) entries are separated by commas"}, true, false, false
		}
		if c != ' ' && c != '\t' && c != '\r' {
			valueDone = false
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '#' && p > 0 && (src[p-1] == ' ' || src[p-1] == '\t'):
			for p < len(src) && src[p] != '\n' {
				p++
			}
			p--
			continue
		case c == '"' || c == '\'':
			quote, quoteAt = c, p
			afterValue = lastKeyEnd >= 0
		case c == '[' || c == '{':
			stack = append(stack, p)
			lastKeyEnd, afterValue = -1, false
			afterComma = true
			continue
		case c == ']' || c == '}':
			if len(stack) == 0 {
				return finding{r: Range{p, p + 1}, msg: fmt.Sprintf("this %c closes nothing: no %c is open; remove it", c, opener(c))}, true, false, false
			}
			o := stack[len(stack)-1]
			if src[o] != opener(c) {
				return finding{r: Range{p, p + 1}, msg: fmt.Sprintf("this %c does not match the %c opened before it; close that one with %c", c, src[o], closer(src[o]))}, true, false, false
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				dr.skipUntil = line + 1
				after := bytes.TrimSpace(src[p+1 : le])
				if len(after) > 0 && after[0] != '#' {
					s := p + 1 + bytes.Index(src[p+1:le], after)
					return finding{r: Range{s, s + 1}, msg: fmt.Sprintf("text follows the closing %c of this flow collection; put it inside the brackets (separated by a comma), or remove it", c)}, true, false, false
				}
				return finding{}, false, false, false
			}
			afterValue, lastKeyEnd = true, 0
			afterComma, valueDone = false, true
			continue
		case c == ',':
			if afterComma {
				return finding{r: Range{p, p + 1}, msg: "an entry is missing before this ',' (two commas, or a comma right after the opening bracket); remove the comma"}, true, false, false
			}
			afterComma = true
			lastKeyEnd, afterValue = -1, false
			continue
		case c == '$' && p+1 < len(src) && src[p+1] == '{':
			end := p + 2
			for end < len(src) && src[end] != '}' && src[end] != '\n' {
				end++
			}
			if end < len(src) && src[end] == '}' {
				end++
			}
			return finding{r: Range{p, end}, msg: fmt.Sprintf("the placeholder %s is inside a flow collection ([...] or {...}) without quotes, so its braces end the collection; quote the value: '%s'", src[p:end], src[p:end])}, true, false, false
		case c == ':' && (p+1 == len(src) || src[p+1] == ' ' || src[p+1] == '\n' || src[p+1] == ',' || src[p+1] == ']' || src[p+1] == '}'):
			if afterValue && lastKeyEnd >= 0 && src[stack[len(stack)-1]] == '{' {
				ks := flowKeyStart(src, p)
				if line != i && len(bytes.TrimSpace(src[lineStart:ks])) == 0 {
					// "key: value" opening a later line reads as the
					// next block entry: the collection was never closed.
					o := stack[0]
					return finding{r: Range{o, o + 1}, msg: fmt.Sprintf("this %c is never closed; add %c at the end of the value (or write the collection in block style)", src[o], closer(src[o]))}, true, false, false
				}
				return finding{r: Range{ks, p}, msg: fmt.Sprintf("a comma is missing before %q: in a flow mapping ({...}) entries are separated by commas", src[ks:p])}, true, false, false
			}
			lastKeyEnd, afterValue = p, false
		default:
			if lastKeyEnd >= 0 {
				afterValue = true
			}
		}
		afterComma = false
	}
	if quote != 0 {
		return finding{r: Range{quoteAt, quoteAt + 1}, msg: fmt.Sprintf("this quoted string is never closed; add the closing %c", quote)}, true, false, false
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return finding{r: Range{o, o + 1}, msg: fmt.Sprintf("this %c is never closed; add %c at the end of the value (or write the collection in block style)", src[o], closer(src[o]))}, true, false, false
	}
	return finding{}, false, false, false
}

// structure checks the line's indentation and kind (list entry, key,
// plain text) against the blocks open above it.
func (dr *doctor) structure(i, ls, ind, content, le int, isSeq, isKey, bare bool, dashes []int, inner int) (finding, bool) {
	src := dr.src
	lineRange := Range{content, le}
	noColon := func(at, end int) (finding, bool) {
		t := src[at:end]
		if c := commentStart(t); c >= 0 {
			t = bytes.TrimRight(t[:c], " ")
		}
		if k := bytes.IndexByte(t, ':'); k > 0 && k+1 < len(t) && t[k+1] != ' ' {
			return finding{r: Range{at + k, at + k + 1}, msg: "a space is missing after this ':'; YAML needs \"key: value\" (add a space after the colon)"}, true
		}
		return finding{r: Range{at, at + len(t)}, msg: fmt.Sprintf("this line has no ':' after its key; write \"key: value\" (%q is not a key)", string(t))}, true
	}
	top := func() *block {
		if len(dr.stack) == 0 {
			return nil
		}
		return &dr.stack[len(dr.stack)-1]
	}
	seqDashNoSpace := len(dashes) == 0 && src[content] == '-' && content+1 < le && src[content+1] != ' '
	switch t := top(); {
	case t == nil:
		dr.stack = append(dr.stack, block{ind, isSeq})
	case ind > t.indent:
		if dr.prev.ok && !dr.prev.opens && (isKey || isSeq) {
			if dr.prev.bare {
				return noColon(dr.prev.start, dr.prev.end)
			}
			if dr.prev.parent >= 0 && dr.prev.ind <= dr.prev.parent && ind > dr.prev.parent {
				// The line above left the block its parent opened.
				return finding{r: Range{dr.prev.start, dr.prev.end}, msg: fmt.Sprintf("this line is indented %d spaces, but the line above it opens a block at %d (indent it to %d)", dr.prev.ind, ind, ind)}, true
			}
			return finding{r: lineRange, msg: fmt.Sprintf("this line is indented %d spaces but the line above is a complete entry; its siblings use %d (align it with them, or give the key above no value to nest under it)", ind, t.indent), sib: t.indent}, true
		}
		if dr.prev.ok && !dr.prev.opens {
			break // continuation of a multi-line plain scalar
		}
		dr.stack = append(dr.stack, block{ind, isSeq})
	default:
		popped := -1
		var poppedSeq bool
		for len(dr.stack) > 0 && ind < top().indent {
			popped, poppedSeq = top().indent, top().seq
			dr.stack = dr.stack[:len(dr.stack)-1]
		}
		t = top()
		if t == nil || ind != t.indent {
			// Between two levels: the nearest that can hold such a line
			// (a list dash among list entries, a key among keys).
			sib := popped
			if t != nil {
				shallow, deep := ind-t.indent, popped-ind
				switch {
				case popped < 0:
					sib = t.indent
				case poppedSeq != isSeq && t.seq == isSeq:
					sib = t.indent
				case poppedSeq == isSeq && t.seq != isSeq:
					sib = popped
				case shallow < deep:
					sib = t.indent
				}
			}
			if sib < 0 {
				sib = 0
			}
			return finding{r: lineRange, msg: fmt.Sprintf("this line is indented %d spaces; its siblings use %d (fix the indentation)", ind, sib), sib: sib}, true
		}
		if t.seq && !isSeq {
			if len(dr.stack) > 1 && dr.stack[len(dr.stack)-2].indent == ind && !dr.stack[len(dr.stack)-2].seq {
				dr.stack = dr.stack[:len(dr.stack)-1] // a key after a list written at its key's indentation
				if !isKey {
					return noColon(content, le)
				}
				break
			}
			if seqDashNoSpace {
				return finding{r: Range{content, content + 1}, msg: "a space is missing after this '-'; a list entry is written \"- value\""}, true
			}
			want := popped
			if want < 0 {
				want = ind + 2
			}
			return finding{r: lineRange, msg: fmt.Sprintf("this line is at the indentation of the list entries around it (%d spaces) but does not start with '- '; indent it to %d to continue the entry above, or start it with '- '", ind, want), sib: want}, true
		}
		if !t.seq && isSeq {
			if dr.prev.ok && dr.prev.opens && dr.prev.key == ind {
				dr.stack = append(dr.stack, block{ind, true}) // "key:" (or "- key:") then "- x" at the key's indentation
				break
			}
			return finding{r: Range{content, content + 1}, msg: fmt.Sprintf("this list entry ('- ') is among the keys of a mapping (indented %d spaces like them); remove the '- ', or put the list under a key", ind)}, true
		}
		if !t.seq && !isKey {
			if seqDashNoSpace && dr.prev.ok && dr.prev.ind == ind {
				return finding{r: Range{content, content + 1}, msg: "a space is missing after this '-'; a list entry is written \"- value\""}, true
			}
			if src[content] != '?' {
				return noColon(content, le)
			}
		}
	}
	// "- key: v" opens a mapping at the key's column.
	if len(dashes) > 0 && isKey {
		col := inner - ls
		dr.stack = append(dr.stack, block{col, false})
	}
	return finding{}, false
}

// blame moves a structural finding to the line that most likely broke the
// structure. An indentation conflict shows where two lines disagree, not
// which of them is wrong: "    repository: x" under "   name: shop" is
// wrong only because the line above lost its "-". So each line near the
// conflict is repaired in the few ways a line gets broken (indented to a
// neighbour's level, a dash removed or restored, a space restored after
// "-" or ":", a ":" restored after the key), and a repair is kept when
// yaml.v3 then accepts the text around it. Of several, the one that
// leaves the indentation most regular wins. Bounded: a window of at most
// a few hundred lines, tried a few dozen times, on rejected text only.
// maxRepairs bounds the repairs blame parses (the cheapest first).
const maxRepairs = 64

func (d *Document) blame(ctx context.Context, f finding) (finding, bool) {
	n := d.Lines.Count()
	L := f.line
	lineText := func(i int) string { return string(d.Lines.Text(i)) }
	structural := func(i int) bool {
		t := strings.TrimSpace(lineText(i))
		return t != "" && t[0] != '#'
	}
	// The window: the whole file when it is small (a repair must make all
	// of it parse), else back to a line at indentation 0 and forward to
	// the next.
	ws, we := 0, n
	if len(d.Source) > 32<<10 {
		ws = L
		for ws > 0 && L-ws < 300 && !(structural(ws) && leadingSpaces([]byte(lineText(ws))) == 0 && ws < L-8) {
			ws--
		}
		we = L + 1
		for we < n && we-L < 40 && !(structural(we) && leadingSpaces([]byte(lineText(we))) == 0 && we > L+1) {
			we++
		}
	}
	lines := make([]string, 0, we-ws)
	size := 0
	for i := ws; i < we; i++ {
		lines = append(lines, lineText(i))
		size += len(lines[len(lines)-1])
	}
	if size > 64<<10 {
		return f, false
	}
	parses := func(ls []string) bool {
		var node yaml.Node
		return yaml.Unmarshal([]byte(strings.Join(ls, "\n")), &node) == nil
	}
	if parses(lines) {
		return f, false // the window is not where it breaks
	}
	step := indentStep(lines)
	type repair struct {
		line    int // index in lines
		text    string
		at, end int // byte range in the line the message points at
		msg     string
		kind    int // lower is preferred on a tie
	}
	var cands []repair
	prevStructural := func(k int) int {
		for j := k - 1; j >= 0; j-- {
			if structural(ws + j) {
				return j
			}
		}
		return -1
	}
	for k := max(0, L-ws-6); k <= min(len(lines)-1, L-ws+1); k++ {
		t := lines[k]
		if !structural(ws + k) {
			continue
		}
		ind := leadingSpaces([]byte(t))
		c := t[ind:]
		// pre is the indentation and the list dashes; body the rest.
		pre := ind
		for strings.HasPrefix(t[pre:], "- ") {
			pre += 2
			for pre < len(t) && t[pre] == ' ' {
				pre++
			}
		}
		body := t[pre:]
		if strings.HasPrefix(c, "-") && len(c) > 1 && c[1] != ' ' {
			cands = append(cands, repair{k, t[:ind] + "- " + c[1:], ind, ind + 1, "a space is missing after this '-'; a list entry is written \"- value\"", 0})
		}
		if strings.HasPrefix(c, "- ") {
			msg := "this '- ' starts a list entry where the lines around it are keys of a mapping; remove the '- '"
			kind := 6 // a list entry moved deeper, more likely
			if strings.HasPrefix(c, "- - ") {
				kind = 1 // a list in a list on one line: rare in greyhound files
			} else if p := prevStructural(k); p >= 0 && leadingSpaces([]byte(lines[p])) == ind && !strings.HasPrefix(strings.TrimLeft(lines[p], " "), "- ") {
				kind = 1 // among keys of its own indentation
			}
			cands = append(cands, repair{k, t[:ind] + "  " + c[2:], ind, ind + 1, msg, kind})
			cands = append(cands, repair{k, t[:ind] + c[2:], ind, ind + 1, msg, kind})
		}
		if ind >= 1 && !strings.HasPrefix(c, "-") {
			// A new entry when the line's key is the one entries start
			// with (name:); else more likely a key of the entry above,
			// mis-indented.
			// greyhound's collections are lists of entries that start
			// with name: (format reference §2.2).
			kind := 5
			if key := keyOf(c); key != "" && (firstKeyOfEntryAbove(lines, k, ind-1) == key || key == "name") {
				kind = 2
			}
			cands = append(cands, repair{k, t[:ind-1] + "- " + c, ind, len(t), fmt.Sprintf("this line is indented %d spaces, between a list's dashes and its entries' keys: indent it like the keys around it, or if it starts a new entry, write it as \"- %s\" with the dash at %d spaces", ind, cut(c), ind-1), kind})
		}
		if m := keyNoSpace(body); m > 0 {
			cands = append(cands, repair{k, t[:pre+m+1] + " " + t[pre+m+1:], pre + m, pre + m + 1, "a space is missing after this ':'; YAML needs \"key: value\" (add a space after the colon)", 0})
		}
		if body != "" && !strings.Contains(body, ":") && !strings.ContainsAny(body[:1], "\"'[{#|>&*!-") {
			v := body
			if c := strings.Index(v, " #"); c >= 0 {
				v = v[:c]
			}
			v = strings.TrimRight(v, " ")
			sp := strings.IndexByte(v, ' ')
			if sp < 0 {
				cands = append(cands, repair{k, t[:pre+len(v)] + ":" + t[pre+len(v):], pre, pre + len(v), fmt.Sprintf("the key %q has no ':' after it; write \"%s:\"", v, v), 0})
			} else {
				cands = append(cands, repair{k, t[:pre+sp] + ":" + t[pre+sp:], pre, pre + sp, fmt.Sprintf("the key %q has no ':' after it; write \"%s: %s\"", v[:sp], v[:sp], strings.TrimSpace(v[sp:])), 0})
			}
		}
		if ind == 0 {
			continue // a top-level key is moved by no one
		}
		levels := map[int]bool{}
		for j := max(0, k-8); j < min(len(lines), k+8); j++ {
			if j != k && structural(ws+j) {
				li := leadingSpaces([]byte(lines[j]))
				levels[li], levels[li+2], levels[li+step] = true, true, true
			}
		}
		var lvs []int
		for lv := range levels {
			lvs = append(lvs, lv)
		}
		sort.Ints(lvs)
		for _, lv := range lvs {
			if lv != ind && lv >= 0 {
				kind := 4
				switch {
				case lv == 0:
					kind = 9 // a new top-level key: unlikely
				case ws+k == L && lv == f.sib:
					kind = 3 // the level the structure around it suggests
				}
				cands = append(cands, repair{k, strings.Repeat(" ", lv) + c, ind, len(t), fmt.Sprintf("this line is indented %d spaces; its siblings use %d (indent it to %d)", ind, lv, lv), kind})
			}
		}
	}
	// Cheapest first: a repair that parses and leaves the indentation
	// regular cannot be beaten by a later one, so the search stops there
	// (a handful of parses, most of the time).
	base := func(r repair) int {
		if ws+r.line != L {
			return r.kind + 1 // the line the conflict was found on, on a tie
		}
		return r.kind
	}
	sort.SliceStable(cands, func(a, b int) bool { return base(cands[a]) < base(cands[b]) })
	// At most maxRepairs parses: each is a parse of the window, and the
	// server runs this on every keystroke while the file is broken (deep
	// nesting around the break made hundreds of candidates).
	best, bestScore, tried := -1, 0, 0
	seen := map[string]bool{}
	for i, r := range cands {
		if ctx.Err() != nil || best >= 0 && bestScore <= base(r) || tried == maxRepairs {
			break
		}
		key := fmt.Sprint(r.line, "\x00", r.text)
		if seen[key] {
			continue
		}
		seen[key] = true
		tried++
		old := lines[r.line]
		lines[r.line] = r.text // tried in place, put back below
		if parses(lines) {
			if score := oddness(lines, step)*10 + nulls(lines)*10 + base(r); best < 0 || score < bestScore {
				best, bestScore = i, score
			}
		}
		lines[r.line] = old
	}
	if best < 0 {
		return f, false
	}
	r := cands[best]
	ls, _ := d.Lines.Bounds(ws + r.line) // after the byte order mark, as lineText
	return finding{r: Range{ls + r.at, ls + r.end}, msg: r.msg}, true
}

func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// keyNoSpace returns the index of the ':' in "key:value" (a key glued to
// its value), or -1.
func keyNoSpace(c string) int {
	if c == "" || strings.ContainsAny(c[:1], "\"'[{#-|>&*") {
		return -1
	}
	k := strings.IndexByte(c, ':')
	if k <= 0 || k+1 >= len(c) || c[k+1] == ' ' || strings.Contains(c[:k], " ") || strings.HasPrefix(c[k+1:], "//") {
		return -1
	}
	return k
}

// indentStep is the indentation a file uses for one level: the most
// common positive step from a line to the deeper line after it.
func indentStep(lines []string) int {
	count := map[int]int{}
	prev := -1
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' {
			continue
		}
		ind := leadingSpaces([]byte(l))
		if prev >= 0 && ind > prev {
			count[ind-prev]++
		}
		prev = ind
	}
	// A step of 1 is a mistake more often than a style.
	step, best := 2, 0
	for s, c := range count {
		if s >= 2 && (c > best || c == best && s == 2) && (s == 2 || c >= 3) {
			step, best = s, c
		}
	}
	return step
}

// oddness counts the lines whose indentation is not a multiple of the
// step (a list entry's key, two columns after its dash, is counted from
// the dash).
func oddness(lines []string, step int) int {
	n := 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' {
			continue
		}
		if leadingSpaces([]byte(l))%step != 0 {
			n++
		}
	}
	return n
}

// nulls counts the keys with no value followed by a line that is not
// deeper: a "key:" whose block went missing, which valid files rarely
// hold.
func nulls(lines []string) int {
	n := 0
	prevInd, prevOpens := -1, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' {
			continue
		}
		ind := leadingSpaces([]byte(l))
		if prevOpens && ind <= prevInd && !strings.HasPrefix(t, "- ") {
			n++
		}
		prevInd, prevOpens = ind, strings.HasSuffix(t, ":")
	}
	return n
}

// keyOf returns the key of "key: value", or "".
func keyOf(c string) string {
	k, _, ok := strings.Cut(c, ":")
	if !ok || strings.ContainsAny(k, " \t") {
		return ""
	}
	return k
}

// firstKeyOfEntryAbove returns the key that follows the nearest "- " at
// column col above line k ("name" for "- name: api").
func firstKeyOfEntryAbove(lines []string, k, col int) string {
	for j := k - 1; j >= 0 && j > k-200; j-- {
		l := lines[j]
		if leadingSpaces([]byte(l)) == col && strings.HasPrefix(l[col:], "- ") {
			return keyOf(strings.TrimLeft(l[col+2:], " "))
		}
	}
	return ""
}
