package shellcheck

import "strings"

// Offsets maps a scalar's value back to its source: for each byte of
// value, its offset in src (the scalar's text as written, from its opening
// quote or block indicator, or its first character when plain), or -1
// where the byte is not written as itself (an escape, a doubled quote in single quotes,
// a line fold, a block scalar's line break). It decodes src the way YAML
// does and returns nil when that decoding is not value (a case it does not
// model, such as an explicit block indentation indicator): the caller then
// places a finding on the whole scalar.
func Offsets(src []byte, value string) []int {
	var d decoder
	switch {
	case len(src) == 0:
		return nil
	case src[0] == '"' || src[0] == '\'':
		d.flow(src, 1, src[0])
	case src[0] == '|' || src[0] == '>':
		d.block(src)
	default:
		d.flow(src, 0, 0)
	}
	got := string(d.out)
	if d.bad {
		return nil
	}
	if got != value {
		// A block scalar's final line breaks depend on its chomping
		// indicator; they hold nothing a finding points at.
		if src[0] != '|' && src[0] != '>' || strings.TrimRight(got, "\n") != strings.TrimRight(value, "\n") {
			return nil
		}
	}
	off := make([]int, len(value))
	for i := range off {
		off[i] = -1
		if i < len(d.src) {
			off[i] = d.src[i]
		}
	}
	return off
}

type decoder struct {
	out []byte
	src []int // the source offset of each byte of out, or -1
	bad bool
}

func (d *decoder) put(c byte, at int) {
	d.out = append(d.out, c)
	d.src = append(d.src, at)
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// brk returns the length of the line break at src[i], 0 when there is none.
func brk(src []byte, i int) int {
	switch {
	case i >= len(src):
		return 0
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return 2
	case src[i] == '\r' || src[i] == '\n':
		return 1
	}
	return 0
}

// flow decodes a plain (q == 0), single- or double-quoted scalar from i.
func (d *decoder) flow(src []byte, i int, q byte) {
	for i < len(src) {
		c := src[i]
		switch {
		case q != 0 && c == q:
			if q == '\'' && i+1 < len(src) && src[i+1] == '\'' {
				d.put('\'', -1)
				i += 2
				continue
			}
			return
		case q == '"' && c == '\\':
			if i+1 >= len(src) {
				d.bad = true
				return
			}
			if k := brk(src, i+1); k > 0 {
				i = d.fold(src, i+1, true)
				continue
			}
			s, n := unescape(src[i+1:])
			if n == 0 {
				d.bad = true
				return
			}
			for j := 0; j < len(s); j++ {
				d.put(s[j], -1)
			}
			i += 1 + n
		case isBlank(c):
			j := i
			for j < len(src) && isBlank(src[j]) {
				j++
			}
			if brk(src, j) > 0 {
				i = d.fold(src, j, false)
				continue
			}
			for ; i < j; i++ {
				d.put(src[i], i)
			}
		case brk(src, i) > 0:
			i = d.fold(src, i, false)
		default:
			if c >= 0x80 && (c == 0xc2 || c == 0xe2) && isUnicodeBreak(src[i:]) {
				d.bad = true // NEL, LS, PS: YAML 1.1 breaks; not modelled
				return
			}
			d.put(c, i)
			i++
		}
	}
	if q != 0 {
		d.bad = true // no closing quote
	}
}

func isUnicodeBreak(b []byte) bool {
	return len(b) >= 2 && b[0] == 0xc2 && b[1] == 0x85 ||
		len(b) >= 3 && b[0] == 0xe2 && b[1] == 0x80 && (b[2] == 0xa8 || b[2] == 0xa9)
}

// fold consumes a line break at i, the empty lines after it and the next
// line's indentation, and appends what they read as: a space (nothing
// after an escaped break), or one "\n" per empty line.
func (d *decoder) fold(src []byte, i int, escaped bool) int {
	i += brk(src, i)
	empty := 0
	for {
		for i < len(src) && isBlank(src[i]) {
			i++
		}
		if k := brk(src, i); k > 0 {
			empty++
			i += k
			continue
		}
		break
	}
	switch {
	case empty > 0:
		for ; empty > 0; empty-- {
			d.put('\n', -1)
		}
	case !escaped:
		d.put(' ', -1)
	}
	return i
}

// unescape decodes the double-quoted escape at b (after the backslash),
// returning its value and the bytes it took (0: not an escape).
func unescape(b []byte) (string, int) {
	if len(b) == 0 {
		return "", 0
	}
	simple := map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	if s, ok := simple[b[0]]; ok {
		return s, 1
	}
	n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if n == 0 || len(b) < 1+n {
		return "", 0
	}
	var r rune
	for _, c := range b[1 : 1+n] {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return "", 0
		}
		r = r<<4 | rune(v)
	}
	return string(r), 1 + n
}

// block decodes a literal (|) or folded (>) block scalar whose
// indentation is found from its first non-empty line.
func (d *decoder) block(src []byte) {
	folded := src[0] == '>'
	i := 1
	for i < len(src) && brk(src, i) == 0 {
		if c := src[i]; c >= '1' && c <= '9' {
			d.bad = true // an explicit indentation: not modelled
			return
		}
		i++
	}
	i += brk(src, i)
	type line struct {
		start, end int // content, after the indentation
		empty      bool
	}
	var lines []line
	indent := -1
	for i < len(src) {
		e := i
		for e < len(src) && brk(src, e) == 0 {
			e++
		}
		sp := 0
		for i+sp < e && src[i+sp] == ' ' {
			sp++
		}
		if i+sp == e { // blank line
			l := line{start: e, end: e, empty: true}
			if indent >= 0 && sp > indent {
				l.start = i + indent // a literal keeps the spaces past the indentation
			}
			lines = append(lines, l)
		} else {
			if indent < 0 {
				indent = sp
			}
			if sp < indent {
				d.bad = true // the scalar's range ran past its end
				return
			}
			lines = append(lines, line{start: i + indent, end: e})
		}
		i = e + brk(src, e)
	}
	prevNormal := false // the previous content line of a folded scalar is neither empty nor more indented
	empties := 0
	started := false
	for _, l := range lines {
		if l.empty && !(l.start < l.end && started) {
			empties++
			continue
		}
		normal := folded && !isBlank(src[l.start])
		switch {
		case !started:
			for ; empties > 0; empties-- {
				d.put('\n', -1)
			}
		case prevNormal && normal:
			if empties == 0 {
				d.put(' ', -1)
			}
			for ; empties > 0; empties-- {
				d.put('\n', -1)
			}
		default:
			for ; empties >= 0; empties-- {
				d.put('\n', -1)
			}
		}
		empties = 0
		started = true
		prevNormal = normal
		for j := l.start; j < l.end; j++ {
			d.put(src[j], j)
		}
	}
	if started {
		d.put('\n', -1)
	}
}
