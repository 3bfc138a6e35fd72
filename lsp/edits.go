package lsp

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
)

// applyChanges applies a didChange's content changes to text, in order, as
// LSP prescribes (each range is in the text the previous changes left). A
// run of changes that go down the document (what VS Code sends for several
// cursors) or up it is applied in one pass over the text, with one line
// index: 20,000 ranges no longer rebuild the index and copy the text 20,000
// times. A change that breaks the run (it overlaps or goes back) ends it:
// the run is applied and the next one starts on the result.
func (s *Server) applyChanges(text []byte, changes []protocol.TextDocumentContentChangeEvent) []byte {
	a := applier{s: s, base: text}
	for _, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			a.run, a.lines = nil, nil
			a.base = []byte(c.Text)
		case *protocol.TextDocumentContentChangePartial:
			a.add(c.Range, c.Text)
		}
	}
	return a.flush()
}

type pendingEdit struct {
	start, end int // byte offsets in base
	text       string
}

type applier struct {
	s     *Server
	base  []byte
	lines *lint.Lines // of base, built once per run
	run   []pendingEdit
	dir   int // 0: one edit so far; +1: going down the document; -1: going up
	// For a run going down: the end of the last edit, in the current text
	// (cur) and in base (orig); positions after it map back by this anchor.
	curLine, curChar, origLine, origChar int
	// For a run going up: the start of the last edit (current = base there).
	upLine, upChar int
}

// lineIndexBuilds counts line indexes built by applyChanges (tests); the
// servers of parallel tests share it.
var lineIndexBuilds atomic.Int64

// bytesCopied counts the bytes applyChanges copies (tests: the work of a
// didChange is linear in the text and its changes, not their product).
var bytesCopied atomic.Int64

func (a *applier) index() *lint.Lines {
	if a.lines == nil {
		a.lines = lint.NewLines(a.base)
		lineIndexBuilds.Add(1)
	}
	return a.lines
}

func (a *applier) add(r protocol.Range, text string) {
	start, end := r.Start, r.End
	if before(end, start) {
		start, end = end, start
	}
	up := protocol.Position{Line: uint32(a.upLine), Character: uint32(a.upChar)}
	cur := protocol.Position{Line: uint32(a.curLine), Character: uint32(a.curChar)}
	down := false
	if len(a.run) > 0 {
		switch {
		case a.dir >= 0 && !before(start, protocol.Position{Line: uint32(a.curLine), Character: uint32(a.curChar)}):
			// Going down: map back through the anchor (lines below it are
			// shifted by the lines the run added; on its line, characters
			// by the columns).
			a.dir, down = 1, true
			start, end = a.toBase(start), a.toBase(end)
		case a.dir <= 0 && !before(protocol.Position{Line: uint32(a.upLine), Character: uint32(a.upChar)}, end):
			a.dir = -1 // going up: nothing before the last edit has moved
		case !before(start, up) && !before(cur, end) && len(a.run[len(a.run)-1].text) <= maxMerged:
			// Inside the text the last change wrote (the same range
			// replaced again and again): an edit of that text, where
			// applying the run first would copy the document each time.
			last := &a.run[len(a.run)-1]
			ls, le := a.localOffset(last.text, start), a.localOffset(last.text, end)
			last.text = last.text[:ls] + text + last.text[le:]
			bytesCopied.Add(int64(len(last.text)))
			a.setEnd(last.text)
			if a.risky(last.start, last.end, last.text) {
				a.base = a.flush()
				a.dir = 0
			}
			return
		default:
			a.base = a.flush()
			a.dir = 0
		}
	}
	l := a.index()
	so, eo := a.s.offset(l, start), a.s.offset(l, end)
	a.run = append(a.run, pendingEdit{so, eo, text})
	// The anchors for the next change, from the clamped positions.
	sb, eb := a.s.position(l, so), a.s.position(l, eo)
	sc := sb // the edit's start in the current text
	if down {
		sc = a.toCurrent(sb)
	}
	a.upLine, a.upChar = int(sc.Line), int(sc.Character)
	a.setEnd(text)
	a.origLine, a.origChar = int(eb.Line), int(eb.Character)
	if a.risky(so, eo, text) {
		// The change may join or split a CR LF with the text around it:
		// the anchors, which count its own line breaks, would be wrong.
		a.base = a.flush()
		a.dir = 0
	}
}

// maxMerged bounds the text of a change that later changes inside it edit
// in place (each such edit copies it).
const maxMerged = 4096

// setEnd sets the down anchor: the end, in the current text, of text
// written at the up anchor.
func (a *applier) setEnd(text string) {
	nl, lastCol := extent(text, a.s.utf8)
	if nl == 0 {
		a.curLine, a.curChar = a.upLine, a.upChar+lastCol
	} else {
		a.curLine, a.curChar = a.upLine+nl, lastCol
	}
}

// risky reports whether text, replacing base[so:eo], may form a line
// break with the bytes around it (a "\r" before and a "\n" after make one
// break, not two): the run ends after such a change, and the next starts
// on the text with it applied.
func (a *applier) risky(so, eo int, text string) bool {
	prevCR := so > 0 && so <= len(a.base) && a.base[so-1] == '\r'
	return strings.HasSuffix(text, "\r") || prevCR && (text == "" || text[0] == '\n') ||
		text == "" && eo < len(a.base) && a.base[eo] == '\n' && prevCR
}

// localOffset is the byte offset in text (written at the up anchor) of p,
// a position inside it in the current text; a character past a line's end
// clamps to it.
func (a *applier) localOffset(text string, p protocol.Position) int {
	i := 0
	for line := a.upLine; line < int(p.Line) && i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			line++
		case '\n':
			line++
		}
	}
	units := int(p.Character)
	if int(p.Line) == a.upLine {
		units -= a.upChar
	}
	if a.s.utf8 { // bytes, as lint.Lines.FromUTF8 counts them
		for ; units > 0 && i < len(text) && text[i] != '\r' && text[i] != '\n'; units-- {
			i++
		}
		return i
	}
	for units > 0 && i < len(text) && text[i] != '\r' && text[i] != '\n' {
		r, size := utf8.DecodeRuneInString(text[i:])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if w > units {
			break // inside a surrogate pair: the character's start, as lint.Lines.FromUTF16
		}
		units -= w
		i += size
	}
	return i
}

// toBase maps a position at or after the down anchor from the current text
// to base.
func (a *applier) toBase(p protocol.Position) protocol.Position {
	if int(p.Line) > a.curLine {
		return protocol.Position{Line: uint32(int(p.Line) - a.curLine + a.origLine), Character: p.Character}
	}
	return protocol.Position{Line: uint32(a.origLine), Character: uint32(int(p.Character) - a.curChar + a.origChar)}
}

// toCurrent is toBase's inverse.
func (a *applier) toCurrent(p protocol.Position) protocol.Position {
	if int(p.Line) > a.origLine {
		return protocol.Position{Line: uint32(int(p.Line) - a.origLine + a.curLine), Character: p.Character}
	}
	return protocol.Position{Line: uint32(a.curLine), Character: uint32(int(p.Character) - a.origChar + a.curChar)}
}

// flush applies the run to base in one pass.
func (a *applier) flush() []byte {
	if len(a.run) == 0 {
		return a.base
	}
	edits := a.run
	if a.dir < 0 {
		slices.Reverse(edits)
	}
	size := len(a.base)
	for _, e := range edits {
		size += len(e.text) - (e.end - e.start)
	}
	out := make([]byte, 0, max(size, 0))
	at := 0
	for _, e := range edits {
		if e.start < at { // cannot happen for a run; never corrupt the text
			e.start = at
		}
		out = append(append(out, a.base[at:max(e.start, at)]...), e.text...)
		at = max(e.end, at)
	}
	out = append(out, a.base[min(at, len(a.base)):]...)
	bytesCopied.Add(int64(len(out)))
	a.run, a.lines = nil, nil
	return out
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// extent is how many line breaks text holds ("\n", "\r\n" and a lone
// "\r", as LSP counts them) and the length of its last line, in the
// negotiated units (UTF-8 bytes or UTF-16 code units).
func extent(text string, utf8Units bool) (lines, lastCol int) {
	last := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			lines++
			last = i + 1
		case '\n':
			lines++
			last = i + 1
		}
	}
	tail := text[last:]
	if utf8Units {
		return lines, len(tail)
	}
	n := 0
	for _, r := range tail {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return lines, n
}
