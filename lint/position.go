package lint

// Every position conversion in greylint happens in this file.
//
// Representations of a position in a file:
//
//  1. Byte offset: 0-based index into the file's bytes exactly as read
//     (a UTF-8 byte order mark included). The engine's only currency: Range,
//     Edit and every rule work in byte offsets.
//  2. yaml.v3 mark (yaml.Node.Line/Column): 1-based line, 1-based column
//     counted in Unicode characters. A leading BOM is not part of line 1.
//  3. CLI position: 1-based line, 1-based column counted in Unicode
//     characters (the same unit as yaml.v3 and as a person counts). A tab is
//     one character. A leading BOM is not part of line 1.
//  4. LSP position: 0-based line, 0-based character counted in UTF-16 code
//     units (the protocol default) or in UTF-8 bytes when the client and
//     server negotiate positionEncoding "utf-8".
//
// Line breaks are "\n", "\r\n" and a lone "\r", as in YAML and LSP. A
// position past the end of a line clamps to the line's end; a line past the
// end of the file clamps to the end of the file.

import (
	"sync"
	"unicode/utf8"
)

// Lines indexes the start of every line of a source text. Every
// conversion costs O(log lines) plus a bounded scan, whatever the length
// of the line: an ASCII line converts by arithmetic, and a long line with
// other characters gets checkpoints (every markEvery characters) the first
// time it is asked about, so a 470 KB file written on one line converts as
// fast as the same data pretty-printed.
type Lines struct {
	src    []byte
	starts []int  // starts[i] = byte offset of line i (0-based); starts[0] skips a BOM
	wide   []bool // wide[i]: line i holds a byte >= 0x80 (not only ASCII)

	mu    sync.Mutex
	marks map[int][]mark // checkpoints of long wide lines, built on demand
}

// mark is a checkpoint in a line: a byte offset and how many characters
// and UTF-16 units precede it in the line.
type mark struct{ off, runes, utf16 int }

const (
	markEvery = 256  // characters between checkpoints
	longLine  = 1024 // bytes from which a wide line gets checkpoints
)

// NewLines indexes src.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 64)
	wide := make([]bool, 1, 64)
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		starts[0] = 3
	}
	for i := starts[0]; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			starts, wide = append(starts, i+1), append(wide, false)
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts, wide = append(starts, i+1), append(wide, false)
		case c >= 0x80:
			wide[len(wide)-1] = true
		}
	}
	return &Lines{src: src, starts: starts, wide: wide}
}

// lineMarks returns the checkpoints of line i (nil for a short line).
func (l *Lines) lineMarks(i, start, end int) []mark {
	if end-start < longLine {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.marks[i]; ok {
		return m
	}
	var m []mark
	runes, u16 := 0, 0
	for off := start; off < end; {
		if runes%markEvery == 0 {
			m = append(m, mark{off, runes, u16})
		}
		r, size := utf8.DecodeRune(l.src[off:end])
		runes++
		u16++
		if r >= 0x10000 {
			u16++
		}
		off += size
	}
	if l.marks == nil {
		l.marks = map[int][]mark{}
	}
	l.marks[i] = m
	return m
}

// markBefore returns the last checkpoint of line i whose key (by) is at
// most v, or the line's start.
func (l *Lines) markBefore(i, start, end int, by func(mark) int, v int) mark {
	m := l.lineMarks(i, start, end)
	lo, hi := 0, len(m)-1
	best := mark{off: start}
	for lo <= hi {
		mid := (lo + hi) / 2
		if by(m[mid]) <= v {
			best, lo = m[mid], mid+1
		} else {
			hi = mid - 1
		}
	}
	return best
}

func (l *Lines) isWide(i int) bool { return i >= 0 && i < len(l.wide) && l.wide[i] }

// Count is the number of lines (a final line break starts an empty last line).
func (l *Lines) Count() int { return len(l.starts) }

// Line returns the 0-based line containing off.
func (l *Lines) Line(off int) int {
	off = l.clamp(off)
	lo, hi := 0, len(l.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Bounds returns the byte range of 0-based line i without its line break.
func (l *Lines) Bounds(i int) (start, end int) {
	if i < 0 {
		i = 0
	}
	if i >= len(l.starts) {
		return len(l.src), len(l.src)
	}
	start = l.starts[i]
	end = len(l.src)
	if i+1 < len(l.starts) {
		end = l.starts[i+1]
		if end > start && l.src[end-1] == '\n' {
			end--
		}
		if end > start && l.src[end-1] == '\r' {
			end--
		}
	}
	return start, end
}

// Text returns the text of 0-based line i without its line break.
func (l *Lines) Text(i int) []byte {
	s, e := l.Bounds(i)
	return l.src[s:e]
}

func (l *Lines) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(l.src) {
		return len(l.src)
	}
	return off
}

// LineCol converts a byte offset to a 1-based line and a 1-based column
// counted in characters (representations 2 and 3).
func (l *Lines) LineCol(off int) (line, col int) {
	off = l.clamp(off)
	i := l.Line(off)
	start, end := l.Bounds(i)
	if off < start { // inside the BOM
		off = start
	}
	if !l.isWide(i) {
		return i + 1, off - start + 1
	}
	m := l.markBefore(i, start, end, func(m mark) int { return m.off }, off)
	return i + 1, m.runes + utf8.RuneCount(l.src[m.off:off]) + 1
}

// Offset converts a 1-based line and 1-based character column back to a byte
// offset, clamping to the line and the file.
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return l.starts[0]
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	start, end := l.Bounds(line - 1)
	if !l.isWide(line - 1) {
		return min(start+max(col-1, 0), end)
	}
	m := l.markBefore(line-1, start, end, func(m mark) int { return m.runes }, col-1)
	off := m.off
	for n := m.runes + 1; n < col && off < end; n++ {
		_, size := utf8.DecodeRune(l.src[off:end])
		off += size
	}
	return off
}

// UTF16 converts a byte offset to an LSP position in UTF-16 code units.
func (l *Lines) UTF16(off int) (line, char int) {
	off = l.clamp(off)
	i := l.Line(off)
	start, end := l.Bounds(i)
	if off < start {
		off = start
	}
	if !l.isWide(i) {
		return i, off - start
	}
	m := l.markBefore(i, start, end, func(m mark) int { return m.off }, off)
	char = m.utf16
	for p := m.off; p < off; {
		r, size := utf8.DecodeRune(l.src[p:])
		if r >= 0x10000 {
			char += 2
		} else {
			char++
		}
		p += size
	}
	return i, char
}

// FromUTF16 converts an LSP position in UTF-16 code units to a byte offset.
// A character in the middle of a surrogate pair maps to the character's start.
func (l *Lines) FromUTF16(line, char int) int {
	if line < 0 {
		return l.starts[0]
	}
	if line >= len(l.starts) {
		return len(l.src)
	}
	start, end := l.Bounds(line)
	if !l.isWide(line) {
		return min(start+max(char, 0), end)
	}
	m := l.markBefore(line, start, end, func(m mark) int { return m.utf16 }, char)
	off := m.off
	for n := m.utf16; off < end; {
		r, size := utf8.DecodeRune(l.src[off:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > char {
			break
		}
		n += w
		off += size
	}
	return off
}

// UTF8 converts a byte offset to an LSP position in UTF-8 bytes.
func (l *Lines) UTF8(off int) (line, char int) {
	off = l.clamp(off)
	i := l.Line(off)
	start, _ := l.Bounds(i)
	if off < start {
		off = start
	}
	return i, off - start
}

// FromUTF8 converts an LSP position in UTF-8 bytes to a byte offset.
func (l *Lines) FromUTF8(line, char int) int {
	if line < 0 {
		return l.starts[0]
	}
	if line >= len(l.starts) {
		return len(l.src)
	}
	start, end := l.Bounds(line)
	if char < 0 {
		char = 0
	}
	if start+char > end {
		return end
	}
	return start + char
}
