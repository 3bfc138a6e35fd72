package lint

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A fix that changes a scalar is an edit of its decoded value: the rule
// says which part of n.Value becomes what, and this file writes that back
// into the source so that the scalar decodes to exactly the new value.
//
// A scalar's source and its value differ wherever the style transforms
// the text: escapes and "\"-newline continuations in double quotes, ''
// in single quotes, line folding in every multi-line style, indentation
// and chomping in block scalars. scalarMap decodes the source once, in one
// forward scan, and records the runs where value bytes are source bytes
// copied as they are; a part of the value inside one such run can be
// edited in place (when the new text needs no escaping there). Anywhere
// else the whole scalar is written again in a style that can carry the new
// value (its own when it can, double quotes with escapes otherwise). The
// map is checked against yaml.v3's decoding of the same node: when the two
// disagree (a case the scan does not model), nothing is located, and the
// fix falls back to rewriting, or to none.

// maxRewrite bounds the value whose whole rewrite a fix of one part may
// carry: a value with thousands of findings in it would otherwise carry
// thousands of copies of itself. A longer value is edited in place or not
// at all.
const maxRewrite = 4096

// decodedBytes counts the source bytes decodeScalar scans (tests: locating
// every part of a value costs one scan of it, not one per part).
var decodedBytes atomic.Int64

// run says that value[Dec:Dec+N] is the source's [Src, Src+N).
type run struct{ Dec, Src, N int }

// scalarMap is the located runs of one scalar node, in value order.
type scalarMap struct {
	runs []run
}

// scalarMapOf returns n's map, decoding its source on first use (rules ask
// once per finding, from several goroutines).
func (d *Document) scalarMapOf(n *yaml.Node) *scalarMap {
	if m, ok := d.scalars.Load(n); ok {
		return m.(*scalarMap)
	}
	m, _ := d.scalars.LoadOrStore(n, d.decodeScalar(n))
	return m.(*scalarMap)
}

// LocateValue returns the source range of value[i:j] of the scalar n when
// that part is written in the source byte for byte (no escape, fold or
// line break inside it); ok is false otherwise. It costs a binary search
// once n has been decoded (one forward scan of its source).
func (d *Document) LocateValue(n *yaml.Node, i, j int) (Range, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || i < 0 || j < i || j > len(n.Value) {
		return Range{}, false
	}
	runs := d.scalarMapOf(n).runs
	k := sort.Search(len(runs), func(k int) bool { return runs[k].Dec+runs[k].N > i })
	if k == len(runs) || runs[k].Dec > i || j > runs[k].Dec+runs[k].N {
		return Range{}, false
	}
	s := runs[k].Src + i - runs[k].Dec
	return Range{s, s + j - i}, true
}

// EditValue returns the edit that changes value[i:j] of the scalar n to
// repl, leaving the rest of its value as it is: in place when that part is
// written as it is in the source and repl needs no escaping there, else a
// rewrite of the whole scalar. ok is false when neither is possible (the
// node has no range, or the value is too long to rewrite): the fix is then
// for a person to make.
func (d *Document) EditValue(n *yaml.Node, i, j int, repl string) (Edit, bool) {
	if n != nil && (i < len(n.Value) && !utf8.RuneStart(n.Value[i]) || j < len(n.Value) && !utf8.RuneStart(n.Value[j])) {
		return Edit{}, false // a part of a character
	}
	if r, ok := d.LocateValue(n, i, j); ok && d.literalIn(n, r, repl) {
		return Edit{Range: r, NewText: repl}, true
	}
	if n == nil || len(n.Value) > maxRewrite || j > len(n.Value) || i < len(n.Value) && !utf8.RuneStart(n.Value[i]) || j < len(n.Value) && !utf8.RuneStart(n.Value[j]) {
		return Edit{}, false
	}
	return d.ReplaceValue(n, n.Value[:i]+repl+n.Value[j:])
}

// literalIn reports whether repl, put in place of the part r of n's
// source (a part that is its value as it is), is read back as repl and
// leaves the text around it read as before: printable, no blank or line
// break (which folding could change), nothing the style would read as
// syntax there.
func (d *Document) literalIn(n *yaml.Node, r Range, repl string) bool {
	if repl == "" || r.End <= r.Start {
		return false
	}
	plain := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c <= ' ' || c >= 0x7f {
			return false
		}
		switch {
		case n.Style&yaml.DoubleQuotedStyle != 0:
			if c == '"' || c == '\\' {
				return false
			}
		case n.Style&yaml.SingleQuotedStyle != 0:
			if c == '\'' {
				return false
			}
		case plain:
			if c == ':' || c == '#' || d.inFlow(n) && isFlowIndicator(c) {
				return false
			}
		}
	}
	// A plain scalar's first character has rules of its own.
	return !plain || r.Start != d.Range(n).Start || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", repl[0]) < 0
}

// inFlow reports whether the node is inside a flow collection, where a
// plain scalar cannot hold ",[]{}".
func (d *Document) inFlow(n *yaml.Node) bool {
	d.Range(n) // measures
	return d.flowNodes[n]
}

// ReplaceValue returns the edit that makes the scalar n's value s, written
// in n's own style when that style can carry s exactly (a plain scalar
// stays plain only when s reads back as the same type), else
// double-quoted with escapes. The text is checked by decoding it; ok is
// false when n has no range or no style carries s.
func (d *Document) ReplaceValue(n *yaml.Node, s string) (Edit, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || !utf8.ValidString(s) {
		return Edit{}, false
	}
	r := d.Range(n)
	if r.End <= r.Start {
		return Edit{}, false
	}
	src := d.Text(r)
	var candidates []string
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[0] == '|' || src[0] == '>'):
		if t, ok := d.blockText(r, src, s); ok {
			candidates = append(candidates, t)
		}
		// Lines of spaces after the range are the scalar's too (content
		// when longer than its indentation); the new text replaces them.
		for i := d.Lines.Line(r.End) + 1; i < d.Lines.Count(); i++ {
			t := d.Lines.Text(i)
			if strings.Trim(string(t), " ") != "" {
				break
			}
			if len(t) > 0 {
				_, r.End = d.Lines.Bounds(i)
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0 && src[0] == '\'':
		if !strings.ContainsAny(s, "\n\r") && printable(s) {
			candidates = append(candidates, "'"+strings.ReplaceAll(s, "'", "''")+"'")
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
	default:
		if s != "" && !strings.ContainsAny(s, "\n\r\t") && strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", s[0]) < 0 && !(d.inFlow(n) && strings.ContainsAny(s, ",[]{}")) && printable(s) && s == strings.TrimSpace(s) {
			candidates = append(candidates, s)
		}
	}
	candidates = append(candidates, DoubleQuoted(s))
	for _, t := range candidates {
		if readsAs(t, s, n) {
			return Edit{Range: r, NewText: t}, true
		}
	}
	return Edit{}, false
}

// readsAs reports whether text, a scalar on its own, decodes to s with the
// type n has (a string stays a string).
func readsAs(text, s string, n *yaml.Node) bool {
	var doc yaml.Node
	// The line break that follows the scalar in the file ends a block
	// scalar's last line.
	if err := yaml.Unmarshal([]byte(text+"\n"), &doc); err != nil || len(doc.Content) != 1 {
		return false
	}
	v := doc.Content[0]
	if v.Kind != yaml.ScalarNode || v.Value != s {
		return false
	}
	return n.Tag == "" || v.ShortTag() == n.ShortTag() || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && v.ShortTag() == "!!str"
}

// printable reports whether s holds only characters YAML allows raw in a
// quoted or plain scalar, and no NEL, line or paragraph separator (which
// a reader may take for a line break).
func printable(s string) bool {
	for _, c := range s {
		switch {
		case c == '\t', c >= ' ' && c < 0x7f, c >= 0xa0 && c != 0x2028 && c != 0x2029 && c != 0xfeff && c < 0xfffe:
		default:
			return false
		}
	}
	return true
}

// DoubleQuoted writes s as a double-quoted YAML scalar on one line, every
// character that is not printable or would be read as syntax escaped.
func DoubleQuoted(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		default:
			if c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff || c >= 0xfffe && c <= 0xffff {
				fmt.Fprintf(&b, `\u%04X`, c)
			} else {
				b.WriteRune(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// blockText writes s as a block scalar in place of the one at r (whose
// text is src): the same indicator and indentation, the chomping s needs,
// the header's comment kept. A folded scalar stays folded only when s has
// no line break but at its end (folding would join its lines). ok is false
// for what a block scalar here cannot carry: a first line starting with a
// blank, more than one trailing line break, characters that are not
// printable.
func (d *Document) blockText(r Range, src, s string) (string, bool) {
	body := strings.TrimSuffix(s, "\n")
	chomp := ""
	switch {
	case strings.HasSuffix(body, "\n"):
		return "", false
	case body == s:
		chomp = "-"
	}
	if body == "" || body[0] == ' ' || body[0] == '\t' || !printable(strings.ReplaceAll(body, "\n", "")) {
		return "", false
	}
	indicator := src[0]
	if indicator == '>' && strings.Contains(body, "\n") {
		indicator = '|'
	}
	// The header: the indicator and its modifiers, then what follows on
	// its line (a comment), kept.
	h := 1
	for h < len(src) && (src[h] == '-' || src[h] == '+' || src[h] >= '1' && src[h] <= '9') {
		h++
	}
	if strings.ContainsAny(src[1:h], "123456789") {
		return "", false // an explicit indentation: relative to a parent this does not know
	}
	nl := strings.IndexAny(src, "\r\n")
	rest, indent := "", ""
	if nl >= 0 {
		rest = src[h:nl]
		line := d.Lines.Line(r.Start) + 1
		for i := line; i < d.Lines.Count(); i++ {
			t := d.Lines.Text(i)
			if k := leadingSpaces(t); k < len(t) && t[k] != '\r' && t[k] != '\n' {
				indent = string(t[:k])
				break
			}
		}
	} else {
		rest = src[h:]
	}
	if indent == "" {
		ls, _ := d.Lines.Bounds(d.Lines.Line(r.Start))
		indent = string(d.Source[ls:ls+leadingSpaces(d.Source[ls:r.Start])]) + "  "
	}
	eol := "\n"
	if nl >= 0 && src[nl] == '\r' {
		eol = "\r"
		if nl+1 < len(src) && src[nl+1] == '\n' {
			eol = "\r\n"
		}
	}
	var b strings.Builder
	b.WriteByte(indicator)
	b.WriteString(chomp)
	b.WriteString(rest)
	for _, line := range strings.Split(body, "\n") {
		b.WriteString(eol)
		if line != "" {
			b.WriteString(indent)
			b.WriteString(line)
		}
	}
	return b.String(), true
}

// decodeScalar decodes n's source the way yaml.v3 does, recording the runs
// copied as they are; it returns an empty map when its decoding is not
// n.Value.
func (d *Document) decodeScalar(n *yaml.Node) *scalarMap {
	if n.Kind != yaml.ScalarNode {
		return &scalarMap{}
	}
	r := d.Range(n)
	src := d.Source[r.Start:r.End]
	decodedBytes.Add(int64(len(src)))
	if string(src) == n.Value {
		// Most scalars: plain on one line, or a key.
		return &scalarMap{runs: []run{{0, r.Start, len(src)}}}
	}
	var dec decoder
	dec.base = r.Start
	keep := false
	switch {
	case len(src) == 0:
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[0] == '"':
		dec.flow(src, '"')
	case n.Style&yaml.SingleQuotedStyle != 0 && src[0] == '\'':
		dec.flow(src, '\'')
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[0] == '|' || src[0] == '>'):
		keep = dec.block(src)
	default:
		dec.flow(src, 0)
	}
	got := string(dec.out)
	if dec.bad || !(got == n.Value || keep && strings.HasPrefix(n.Value, got) && strings.Trim(n.Value[len(got):], "\n") == "") {
		return &scalarMap{}
	}
	return &scalarMap{runs: dec.runs}
}

// decoder builds a scalar's value and its runs.
type decoder struct {
	base int // the source offset of the scalar's text
	out  []byte
	runs []run
	bad  bool // something the scan does not model
}

// lit appends src[i:j] (of the scalar's text) as it is.
func (d *decoder) lit(src []byte, i, j int) {
	if j <= i {
		return
	}
	if k := len(d.runs) - 1; k >= 0 && d.runs[k].Dec+d.runs[k].N == len(d.out) && d.runs[k].Src+d.runs[k].N == d.base+i {
		d.runs[k].N += j - i
	} else {
		d.runs = append(d.runs, run{len(d.out), d.base + i, j - i})
	}
	d.out = append(d.out, src[i:j]...)
}

// other appends text that is not in the source as it is.
func (d *decoder) other(s string) { d.out = append(d.out, s...) }

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// breakAt returns the length of the line break at src[i] (CR LF, CR, LF),
// or 0. The breaks yaml.v3 also reads (NEL, LS, PS) are marked bad.
func (d *decoder) breakAt(src []byte, i int) int {
	switch {
	case i >= len(src):
		return 0
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return 2
	case src[i] == '\r' || src[i] == '\n':
		return 1
	case src[i] == 0xc2 && i+1 < len(src) && src[i+1] == 0x85,
		src[i] == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
		d.bad = true
	}
	return 0
}

// fold consumes, from i (a line break, or the blanks after an escaped
// one), the breaks and blanks of a fold in a flow scalar and appends what
// it reads as: a space for one break, one "\n" for each empty line
// after it. escaped says the first break was escaped (no space).
func (d *decoder) fold(src []byte, i, end int, escaped bool) int {
	empty := 0
	if !escaped {
		i += d.breakAt(src, i)
	}
	for i < end {
		for i < end && isBlank(src[i]) {
			i++
		}
		if k := d.breakAt(src, i); k > 0 && i < end {
			empty++
			i += k
			continue
		}
		break
	}
	switch {
	case empty > 0:
		d.other(strings.Repeat("\n", empty))
	case !escaped:
		d.other(" ")
	}
	return i
}

// flow decodes a plain (quote 0), single- or double-quoted scalar.
func (d *decoder) flow(src []byte, quote byte) {
	i, end := 0, len(src)
	if quote != 0 {
		if len(src) < 2 || src[end-1] != quote {
			d.bad = true
			return
		}
		i, end = 1, end-1
	}
	for i < end && !d.bad {
		c := src[i]
		switch {
		case isBlank(c):
			j := i
			for j < end && isBlank(src[j]) {
				j++
			}
			if j < end && d.breakAt(src, j) > 0 {
				i = j // blanks before a break are not content
				continue
			}
			d.lit(src, i, j)
			i = j
		case d.breakAt(src, i) > 0:
			i = d.fold(src, i, end, false)
		case quote == '\'' && c == '\'':
			if i+1 >= end || src[i+1] != '\'' {
				d.bad = true
				return
			}
			d.other("'")
			i += 2
		case quote == '"' && c == '\\':
			i = d.escape(src, i, end)
		default:
			j := i + 1
			for j < end && !isBlank(src[j]) && src[j] != '\r' && src[j] != '\n' && src[j] != '\\' && src[j] != '\'' && src[j] != 0xc2 && src[j] != 0xe2 {
				j++
			}
			d.lit(src, i, j)
			i = j
		}
	}
}

var simpleEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
	'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// escape decodes the escape at src[i] ('\') of a double-quoted scalar.
func (d *decoder) escape(src []byte, i, end int) int {
	if i+1 >= end {
		d.bad = true
		return end
	}
	c := src[i+1]
	if k := d.breakAt(src, i+1); k > 0 {
		return d.fold(src, i+1+k, end, true)
	}
	if s, ok := simpleEscapes[c]; ok {
		d.other(s)
		return i + 2
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if width == 0 || i+2+width > end {
		d.bad = true
		return end
	}
	var v rune
	for _, h := range src[i+2 : i+2+width] {
		switch {
		case h >= '0' && h <= '9':
			v = v*16 + rune(h-'0')
		case h >= 'a' && h <= 'f':
			v = v*16 + rune(h-'a'+10)
		case h >= 'A' && h <= 'F':
			v = v*16 + rune(h-'A'+10)
		default:
			d.bad = true
			return end
		}
	}
	d.out = utf8.AppendRune(d.out, v)
	return i + 2 + width
}

// block decodes a literal or folded scalar from its header to the end of
// its last content line (the range ends there), as yaml.v3's scanner does;
// it reports whether the chomping keeps the trailing empty lines (which
// are past the range: the caller compares a prefix then).
func (d *decoder) block(src []byte) (keep bool) {
	literal := src[0] == '|'
	chomp := 0 // -1 strip, 0 clip, 1 keep
	i := 1
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '-':
			chomp = -1
		case c == '+':
			chomp = 1
		case c >= '1' && c <= '9':
			d.bad = true // an explicit indentation: relative to the parent
			return false
		default:
			goto header
		}
	}
header:
	for i < len(src) && src[i] != '\r' && src[i] != '\n' {
		i++
	}
	i += d.breakAt(src, i)
	// The indentation: that of the first non-empty line.
	indent := -1
	for j := i; j < len(src); {
		k := j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if b := d.breakAt(src, k); b > 0 {
			j = k + b
			continue
		}
		indent = k - j
		break
	}
	if indent <= 0 {
		d.bad = true
		return false
	}
	var leadingBreak string
	trailing := 0 // empty lines since the last line of text (counted: a string grown per line was quadratic)
	leadingBlank := false
	for i < len(src) && !d.bad {
		// Indentation and empty lines.
		for {
			k := i
			for k < len(src) && src[k] == ' ' && k-i < indent {
				k++
			}
			if b := d.breakAt(src, k); b > 0 && k-i <= indent {
				trailing++
				i = k + b
				continue
			}
			if k-i < indent && k < len(src) {
				d.bad = true // a tab or less indentation: not modelled
				return false
			}
			i = k
			break
		}
		if i >= len(src) {
			break
		}
		trailingBlank := isBlank(src[i])
		if !literal && leadingBreak == "\n" && !leadingBlank && !trailingBlank {
			if trailing == 0 {
				d.other(" ")
			}
			leadingBreak = ""
		}
		d.other(leadingBreak)
		d.other(strings.Repeat("\n", trailing))
		leadingBreak, trailing = "", 0
		leadingBlank = trailingBlank
		j := i
		for j < len(src) && src[j] != '\r' && src[j] != '\n' {
			j++
		}
		d.lit(src, i, j)
		if b := d.breakAt(src, j); b > 0 {
			leadingBreak = "\n"
			i = j + b
		} else {
			i = j
		}
	}
	if chomp >= 0 && len(d.out) > 0 {
		d.other("\n") // the break after the last line, past the range
	}
	return chomp == 1
}

// NoEdit stands for an edit a rule could not make exactly (ReplaceValue
// found no text for the value): Report drops a fix that holds one, so a
// finding never carries a fix that writes something else than it says.
var NoEdit = Edit{Range: Range{-1, -1}}

// dropNoEdits removes the fixes that hold a NoEdit or no edit at all.
func dropNoEdits(fixes []Fix) []Fix {
	out := fixes[:0:0]
	for _, f := range fixes {
		ok := len(f.Edits) > 0
		for _, e := range f.Edits {
			if e.Range.Start < 0 || e.Range.End < e.Range.Start {
				ok = false
			}
		}
		if ok {
			out = append(out, f)
		}
	}
	if len(out) == len(fixes) {
		return fixes
	}
	return out
}
