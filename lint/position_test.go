package lint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var positionTexts = map[string]string{
	"ascii":     "a: 1\nb: 2\n",
	"tabs":      "a:\t1\n\tb: x\t\n",
	"crlf":      "a: 1\r\nb: 2\r\n\r\nc: 3",
	"lone-cr":   "a: 1\rb: 2\r",
	"bom":       "\uFEFFa: 1\nb: 2\n",
	"cjk":       "名前: 値\nb: 日本語テキスト\n",
	"emoji":     "a: 🚀 x\nb: 🚀🚀\n",
	"mixed":     "\uFEFFk: \"🚀\t名\"\r\n- é\r\n",
	"empty":     "",
	"no-break":  "a",
	"only-crlf": "\r\n\r\n",
}

// Every offset at a character boundary survives a round trip through every
// representation.
func TestPositionRoundTrip(t *testing.T) {
	for name, text := range positionTexts {
		t.Run(name, func(t *testing.T) {
			src := []byte(text)
			l := NewLines(src)
			for off := l.starts[0]; off <= len(src); off++ {
				if off < len(src) && !utf8.RuneStart(src[off]) {
					continue
				}
				if off > 0 && src[off-1] == '\r' && off < len(src) && src[off] == '\n' {
					continue // between \r and \n: not a position
				}
				line, col := l.LineCol(off)
				if got := l.Offset(line, col); got != off {
					t.Errorf("LineCol(%d) = %d:%d, Offset back = %d", off, line, col, got)
				}
				ul, uc := l.UTF16(off)
				if got := l.FromUTF16(ul, uc); got != off {
					t.Errorf("UTF16(%d) = %d:%d, back = %d", off, ul, uc, got)
				}
				bl, bc := l.UTF8(off)
				if got := l.FromUTF8(bl, bc); got != off {
					t.Errorf("UTF8(%d) = %d:%d, back = %d", off, bl, bc, got)
				}
			}
		})
	}
}

func TestPositionUnits(t *testing.T) {
	src := []byte("\uFEFFa: 🚀x\r\n名: y\n")
	l := NewLines(src)
	tests := []struct {
		off              int
		line, col        int // CLI
		u16Line, u16Char int // LSP UTF-16
		u8Char           int
	}{
		{off: 3, line: 1, col: 1, u16Line: 0, u16Char: 0, u8Char: 0},            // after the BOM
		{off: 6, line: 1, col: 4, u16Line: 0, u16Char: 3, u8Char: 3},            // the rocket
		{off: 10, line: 1, col: 5, u16Line: 0, u16Char: 5, u8Char: 7},           // x: rocket is 4 bytes, 1 char, 2 units
		{off: 13, line: 2, col: 1, u16Line: 1, u16Char: 0, u8Char: 0},           // after CRLF
		{off: 16, line: 2, col: 2, u16Line: 1, u16Char: 1, u8Char: 3},           // after the CJK character
		{off: len(src), line: 3, col: 1, u16Line: 2, u16Char: 0, u8Char: 0},     // end of file
		{off: len(src) + 5, line: 3, col: 1, u16Line: 2, u16Char: 0, u8Char: 0}, // clamped
	}
	for _, tt := range tests {
		if line, col := l.LineCol(tt.off); line != tt.line || col != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
		if line, ch := l.UTF16(tt.off); line != tt.u16Line || ch != tt.u16Char {
			t.Errorf("UTF16(%d) = %d:%d, want %d:%d", tt.off, line, ch, tt.u16Line, tt.u16Char)
		}
		if _, ch := l.UTF8(tt.off); ch != tt.u8Char {
			t.Errorf("UTF8(%d) char = %d, want %d", tt.off, ch, tt.u8Char)
		}
	}
	// A UTF-16 position inside the surrogate pair maps to the rocket's start.
	if got := l.FromUTF16(0, 4); got != 6 {
		t.Errorf("FromUTF16(0, 4) = %d, want 6", got)
	}
	// Past the end of a line clamps to the line end (before CRLF).
	if got := l.FromUTF16(0, 99); got != 11 {
		t.Errorf("FromUTF16(0, 99) = %d, want 11", got)
	}
}

// A long line with wide characters goes through the checkpoints: every
// offset converts as a plain scan from the line's start would.
func TestLongWideLineRoundTrip(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: x\n")
	for i := 0; i < 3000; i++ {
		b.WriteString([]string{"k", "名", "🚀", "é", "\t"}[i%5])
	}
	b.WriteString("\nz: 1\n")
	src := []byte(b.String())
	l := NewLines(src)
	start, end := l.Bounds(1)
	runes, u16 := 0, 0
	for off := start; off <= end; {
		if line, col := l.LineCol(off); line != 2 || col != runes+1 {
			t.Fatalf("LineCol(%d) = %d:%d, want 2:%d", off, line, col, runes+1)
		}
		if got := l.Offset(2, runes+1); got != off {
			t.Fatalf("Offset(2, %d) = %d, want %d", runes+1, got, off)
		}
		if line, char := l.UTF16(off); line != 1 || char != u16 {
			t.Fatalf("UTF16(%d) = %d:%d, want 1:%d", off, line, char, u16)
		}
		if got := l.FromUTF16(1, u16); got != off {
			t.Fatalf("FromUTF16(1, %d) = %d, want %d", u16, got, off)
		}
		if off == end {
			break
		}
		r, size := utf8.DecodeRune(src[off:])
		runes++
		u16++
		if r >= 0x10000 {
			u16++
		}
		off += size
	}
}
