package lint

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// yaml.v3 reports a parse error at the line of the enclosing block's start
// (its "context mark"), not at the line that broke it: a mis-indented key on
// line 30 is reported as "line 27: did not find expected '-' indicator", and
// a tab as the line before. syntaxError re-locates the error by scanning the
// block structure itself; only when that scan finds nothing does it fall back
// to yaml's line and message. It runs only on text yaml.v3 rejected, so its
// heuristics can never flag a valid file.

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxErrors is the finding of a text that does not parse, and, should
// the syntax doctor have crashed on it, an internal finding that says so
// (a bug to report; yaml.v3's finding stands alone, as before the doctor).
func (d *Document) syntaxErrors(ctx context.Context, err error) []Diagnostic {
	diags := []Diagnostic{d.syntaxError(ctx, err)}
	if d.doctorCrash != nil {
		diags = append(diags, Diagnostic{Rule: Internal.ID, Severity: Internal.Severity, Range: Range{d.Lines.starts[0], d.Lines.starts[0]},
			Message: fmt.Sprintf("the syntax doctor crashed on this file (%v); this is a bug in greylint, please report it with the file", d.doctorCrash)})
	}
	return diags
}

// diagnoseSafely is diagnose that turns a panic of the doctor into the
// value it panicked with, so that one bug in the second reading of a
// broken file never takes the CLI or the server down.
func (d *Document) diagnoseSafely(ctx context.Context) (r Range, msg string, ok bool, crash any) {
	defer func() {
		if v := recover(); v != nil {
			r, msg, ok, crash = Range{}, "", false, v
		}
	}()
	r, msg, ok = d.diagnose(ctx)
	return r, msg, ok, nil
}

func (d *Document) syntaxError(ctx context.Context, err error) Diagnostic {
	msg := err.Error()
	line := 0
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if r, m, ok := d.findBadCharacter(); ok {
		return Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: r, Message: m}
	}
	r, m, ok, crash := d.diagnoseSafely(ctx)
	d.doctorCrash = crash
	if ok {
		// yaml.v3's own words stay beside the doctor's, at its line.
		diag := Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: r, Message: m}
		if line >= 1 && line <= d.Lines.Count() {
			s, e := d.Lines.Bounds(line - 1)
			s += leadingSpaces(d.Source[s:e])
			diag.Related = []Related{{Range: Range{s, e}, Message: "the YAML parser's error: " + msg}}
		}
		return diag
	}
	if strings.Contains(msg, "did not find expected ',' or") || strings.Contains(msg, "flow") {
		if r, m, ok := d.findFlowProblem(max(line, 1)); ok {
			return Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: r, Message: m}
		}
	}
	if strings.Contains(msg, "end of stream") {
		if p, ok := d.findUnclosedQuote(); ok {
			return Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: Range{p, p + 1},
				Message: "this quoted string is never closed; add the closing quote"}
		}
	}
	if r, m, ok := d.findIndentProblem(); ok {
		return Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: r, Message: m}
	}
	if line < 1 {
		line = 1
	}
	s, e := d.Lines.Bounds(line - 1)
	s += leadingSpaces(d.Source[s:e])
	return Diagnostic{Rule: Syntax.ID, Severity: Syntax.Severity, Range: Range{s, e},
		Message: "invalid YAML: " + msg + " (check the indentation, quotes and brackets on this line and the one above)"}
}

type block struct {
	indent int  // column of the block's entries
	seq    bool // entries start with "- "
}

// findIndentProblem scans the block structure and returns the first line
// whose indentation is inconsistent, or which is indented with a tab.
func (d *Document) findIndentProblem() (Range, string, bool) {
	var stack []block  // open blocks, innermost last
	var prevOpens bool // the previous line ends with "key:" or "-": a nested block may follow
	blockScalar := -1  // indentation of the key that owns an open block scalar
	flowDepth := 0
	for i := 0; i < d.Lines.Count(); i++ {
		text := d.Lines.Text(i)
		ls, _ := d.Lines.Bounds(i)
		ind := leadingSpaces(text)
		rest := text[ind:]
		if blockScalar >= 0 {
			if len(bytes.TrimSpace(rest)) == 0 || ind > blockScalar {
				continue
			}
			blockScalar = -1
		}
		if len(rest) > 0 && rest[0] == '\t' && flowDepth == 0 {
			return Range{ls + ind, ls + ind + 1}, "a tab is used for indentation here; YAML allows only spaces (replace the tab with spaces)", true
		}
		trimmed := bytes.TrimSpace(rest)
		if len(trimmed) == 0 || trimmed[0] == '#' || bytes.HasPrefix(trimmed, []byte("---")) || bytes.HasPrefix(trimmed, []byte("...")) {
			continue
		}
		if flowDepth > 0 {
			flowDepth += flowBalance(trimmed)
			continue
		}
		isSeq := trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
		isKey := !isSeq && looksLikeKey(trimmed)
		switch {
		case len(stack) == 0:
			stack = append(stack, block{ind, isSeq})
		case ind > stack[len(stack)-1].indent:
			if !prevOpens {
				if isKey || isSeq {
					sib := stack[len(stack)-1].indent
					return Range{ls + ind, ls + len(text)}, fmt.Sprintf("this line is indented %d spaces but the line above is a complete entry; its siblings use %d (align it with them, or give the key above no value to nest under it)", ind, sib), true
				}
				break // continuation of a multi-line plain scalar
			}
			stack = append(stack, block{ind, isSeq})
		default:
			popped := -1 // the shallowest block deeper than this line
			for len(stack) > 0 && ind < stack[len(stack)-1].indent {
				popped = stack[len(stack)-1].indent
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 || ind != stack[len(stack)-1].indent {
				// The line meant to join the nearest of the two levels
				// around it; on a tie, the deeper one (a sibling of the
				// lines above).
				sib := popped
				if len(stack) > 0 && (popped < 0 || ind-stack[len(stack)-1].indent < popped-ind) {
					sib = stack[len(stack)-1].indent
				}
				return Range{ls + ind, ls + len(text)}, fmt.Sprintf("this line is indented %d spaces; its siblings use %d (fix the indentation)", ind, sib), true
			}
		}
		// A sequence entry "- key: v" opens a mapping at the key's column.
		content := trimmed
		if isSeq {
			inner := bytes.TrimLeft(trimmed[1:], " ")
			if len(inner) > 0 && looksLikeKey(inner) {
				stack = append(stack, block{ind + len(trimmed) - len(inner), false})
			}
			content = inner
		}
		value := afterColon(content) // one key match per line: this runs on every line of a broken file
		prevOpens = opensBlock(content)
		if blockScalarHeader(value) {
			blockScalar = ind // its content is every deeper line
			prevOpens = false
		}
		flowDepth = flowBalance(value)
		if flowDepth < 0 {
			flowDepth = 0
		}
	}
	return Range{}, "", false
}

// keyRe matches "key:" at the start of a line's content (a quoted key, or a
// plain one that does not start with a YAML indicator), followed by a space
// or the end; group 1 is the key.
var keyRe = regexp.MustCompile(`^("[^"]*"|'[^']*'|[^\s#'"\-\[\]{},&*!|>%@` + "`" + `][^#]*?|-[^\s][^#]*?)\s*:(?:\s|$)`)

func looksLikeKey(b []byte) bool { return bytes.IndexByte(b, ':') >= 0 && keyRe.Match(b) }

// opensBlock reports whether a line's content ends so that a more indented
// block may follow: "key:", "-", "key: |" (handled separately), "? ".
func opensBlock(b []byte) bool {
	b = stripComment(b)
	b = bytes.TrimRight(b, " \t")
	if len(b) == 0 {
		return true
	}
	if b[len(b)-1] == ':' || bytes.Equal(b, []byte("-")) || b[0] == '?' {
		return true
	}
	// "key: &anchor" or "key: !tag" also leaves the value to the next lines.
	if i := bytes.LastIndex(b, []byte(": ")); i >= 0 {
		v := bytes.TrimSpace(b[i+2:])
		if len(v) > 0 && (v[0] == '&' || v[0] == '!') && !bytes.ContainsAny(v, " ") {
			return true
		}
	}
	return false
}

// blockScalarHeader reports whether a value (what follows "key:") is a
// block scalar header: |, >, with optional chomping and indentation.
func blockScalarHeader(value []byte) bool {
	v := bytes.TrimSpace(stripComment(value))
	if len(v) == 0 || (v[0] != '|' && v[0] != '>') {
		return false
	}
	for _, c := range v[1:] {
		if c != '-' && c != '+' && (c < '1' || c > '9') {
			return false
		}
	}
	return true
}

// afterColon returns the value part of "key: value", or b itself.
func afterColon(b []byte) []byte {
	if bytes.IndexByte(b, ':') < 0 {
		return b
	}
	if m := keyRe.FindIndex(b); m != nil {
		return b[m[1]:]
	}
	return b
}

func stripComment(b []byte) []byte {
	if i := commentStart(b); i >= 0 {
		return b[:i]
	}
	return b
}

// flowBalance counts unclosed flow brackets on a line, outside quotes and comments.
func flowBalance(b []byte) int {
	b = stripComment(b)
	n := 0
	inS, inD := false, false
	for _, c := range b {
		switch {
		case c == '\'' && !inD:
			inS = !inS
		case c == '"' && !inS:
			inD = !inD
		case inS || inD:
		case c == '[' || c == '{':
			n++
		case c == ']' || c == '}':
			n--
		}
	}
	return n
}

// findUnclosedQuote returns the offset of a quote that opens a scalar (after
// "key: " or "- ") and has no closing quote before the end of the file.
func (d *Document) findUnclosedQuote() (int, bool) {
	src := d.Source
	for i := 0; i < d.Lines.Count(); i++ {
		ls, le := d.Lines.Bounds(i)
		text := src[ls:le]
		trimmed := bytes.TrimLeft(text, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		v := trimmed
		if v[0] == '-' && len(v) > 1 && v[1] == ' ' {
			v = bytes.TrimLeft(v[1:], " ")
		}
		v = bytes.TrimLeft(afterColon(v), " ")
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		start := le - len(v)
		q := v[0]
		closed := false
		for p := start + 1; p < len(src); p++ {
			if q == '"' && src[p] == '\\' {
				p++
				continue
			}
			if src[p] == q {
				if q == '\'' && p+1 < len(src) && src[p+1] == '\'' {
					p++
					continue
				}
				closed = true
				break
			}
		}
		if !closed {
			return start, true
		}
	}
	return 0, false
}

// findBadCharacter finds what YAML forbids in a stream, which yaml.v3
// reports at the start of the file (or as a bad indentation): a control
// character (C0 but tab, line feed and carriage return; DEL; C1) or a byte
// that is not UTF-8. It names the character and points at it. A file that
// is mostly such bytes is said to be no text file at all.
func (d *Document) findBadCharacter() (Range, string, bool) {
	src := d.Source
	if bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) {
		src = src[3:] // a UTF-8 byte order mark is allowed
	}
	off := len(d.Source) - len(src)
	first, bad := -1, 0
	var firstRune rune
	var firstSize int
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if (r == utf8.RuneError && size == 1) || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			bad++
			if first < 0 {
				first, firstRune, firstSize = i, r, size
			}
		}
		i += size
	}
	if first < 0 {
		return Range{}, "", false
	}
	p := off + first
	r := Range{p, p + firstSize}
	// Mostly binary: one finding for the file, not for its first byte.
	if sample := min(len(src), 4096); bad >= 8 && bad*10 > sample {
		return Range{off, off}, "this is not a text file (it holds binary data); greyhound files are UTF-8 YAML", true
	}
	var what string
	switch {
	case firstRune == utf8.RuneError:
		what = fmt.Sprintf("a byte that is not UTF-8 (0x%02x)", src[first])
	case firstRune == 0:
		what = "a NUL character (U+0000)"
	case firstRune == 0x1b:
		what = "an escape character (ESC, U+001B)"
	default:
		what = fmt.Sprintf("a control character (U+%04X)", firstRune)
	}
	return r, "invalid YAML: this line holds " + what + ", which YAML does not allow; remove it, or write it as an escape in a double-quoted string", true
}

// findFlowProblem re-locates an error inside a flow collection ([...] or
// {...}), which yaml.v3 reports on the line before it (where the block
// that holds it starts). From that line it finds the first flow
// collection and, inside it, what broke it: a ${...} placeholder written
// without quotes (its braces end the collection early), a key that follows
// a value without a comma, or an opener that is never closed.
func (d *Document) findFlowProblem(fromLine int) (Range, string, bool) {
	src := d.Source
	start, _ := d.Lines.Bounds(fromLine - 1)
	// The first opener outside quotes and comments, at most 50 lines on.
	open := -1
	for li := fromLine - 1; li < min(d.Lines.Count(), fromLine+50) && open < 0; li++ {
		ls, le := d.Lines.Bounds(li)
		if ls < start {
			continue
		}
		var quote byte
		for i := ls; i < le; i++ {
			c := src[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '\'' || c == '"':
				quote = c
			case c == '#' && (i == ls || src[i-1] == ' '):
				i = le
			case c == '[' || c == '{':
				open = i
				i = le
			}
		}
	}
	if open < 0 {
		return Range{}, "", false
	}
	openLine := d.Lines.Line(open)
	ols, _ := d.Lines.Bounds(openLine)
	indent := leadingSpaces(src[ols:])
	var stack []int // offsets of the open brackets
	var quote byte
	afterValue, lastKeyEnd := false, -1
	for i := open; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			// The collection ends where a later line is indented no deeper
			// than the line it started on: an opener left unclosed there.
			if i+1 < len(src) {
				next := leadingSpaces(src[i+1:])
				rest := src[i+1+next:]
				if next <= indent && len(rest) > 0 && rest[0] != '\n' && rest[0] != '#' && len(stack) > 0 {
					o := stack[len(stack)-1]
					return Range{o, o + 1}, fmt.Sprintf("this %c is never closed; close it with %c before the next line (or write the list in block style)", src[o], closer(src[o])), true
				}
			}
			continue
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case c == '\'' || c == '"':
			quote = c
		case c == '$' && i+1 < len(src) && src[i+1] == '{':
			end := i + 2
			for end < len(src) && src[end] != '}' && src[end] != '\n' {
				end++
			}
			if end < len(src) && src[end] == '}' {
				end++
			}
			return Range{i, end}, fmt.Sprintf("the placeholder %s is inside a flow collection ([...] or {...}) without quotes, so its braces end the collection; quote the value: '%s'", src[i:end], src[i:end]), true
		case c == '[' || c == '{':
			stack = append(stack, i)
			afterValue, lastKeyEnd = false, -1 // a new collection: no key yet
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				return Range{}, "", false // closed: the problem is elsewhere
			}
			afterValue, lastKeyEnd = true, 0 // the collection was a value
		case c == ',':
			afterValue, lastKeyEnd = false, -1
		case c == ':' && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n'):
			// A key ends here. In a flow mapping, a second key after a
			// value, with no comma between, is a missing comma.
			if afterValue && lastKeyEnd >= 0 && len(stack) > 0 && src[stack[len(stack)-1]] == '{' {
				ks := flowKeyStart(src, i)
				return Range{ks, i}, fmt.Sprintf("a comma is missing before %q: in a flow mapping ({...}) entries are separated by commas", src[ks:i]), true
			}
			lastKeyEnd, afterValue = i, false
		case c != ' ' && lastKeyEnd >= 0:
			afterValue = true
		}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return Range{o, o + 1}, fmt.Sprintf("this %c is never closed; add %c", src[o], closer(src[o])), true
	}
	return Range{}, "", false
}

// flowKeyStart returns where the plain key of a flow mapping that ends at
// end starts: after the blank, line break, '{' or ',' before it. (It went
// back past line breaks, and a key after a tab on a later line made the
// doctor slice backwards and crash.)
func flowKeyStart(src []byte, end int) int {
	if end > 0 && (src[end-1] == '"' || src[end-1] == '\'') {
		// a quoted key: from its opening quote (it may hold spaces)
		if j := bytes.LastIndexByte(src[:end-1], src[end-1]); j >= 0 {
			return j
		}
	}
	return bytes.LastIndexAny(src[:end], " \t\r\n{,") + 1
}

func closer(c byte) byte {
	if c == '[' {
		return ']'
	}
	return '}'
}
