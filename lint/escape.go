package lint

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The escaping layer: every value that comes from the input (a path, a
// name, a key, a glob, a source line) is printed through these functions,
// by every output of the CLI and by the server.
//
//   - Visible makes text safe to show: control characters, bidirectional
//     controls and invalid UTF-8 become escapes (\x1b, \u202e), so no input
//     moves the cursor, colours the terminal, reorders what the reader sees
//     or starts a line of its own.
//   - Quote and Cut bound what a message repeats of the input: a value is
//     quoted with at most MaxQuoted characters, the rest said by "…", so a
//     finding weighs the same whatever the length of the names it quotes.
//   - BoundMessage holds a finished message to the same bounds (every
//     quoted value in it cut, the whole at most MaxMessage bytes): the
//     engine applies it to every finding a rule reports, and the printers
//     to every message they print, so a message built elsewhere (the
//     configuration's, the command line's) is bounded too.

// MaxQuoted is how many characters of one value a message quotes.
const MaxQuoted = 80

// MaxMessage bounds a whole message, in bytes: ten quoted names and the
// words around them fit with room to spare.
const MaxMessage = 2048

// Cut returns s cut to at most n characters, "…" standing for the rest.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s // never more characters than bytes
	}
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

// Quote is s quoted as Go's %q does, cut to MaxQuoted characters.
func Quote(s string) string { return strconv.Quote(Cut(s, MaxQuoted)) }

// BoundMessage cuts each quoted value of msg (a Go string literal, as %q
// writes it) longer than MaxQuoted characters, and then msg itself to
// MaxMessage bytes. It reads msg once; a message already bounded comes
// back unchanged.
func BoundMessage(msg string) string {
	if len(msg) <= MaxQuoted+2 {
		return msg // no quoted value in it can be too long
	}
	var b strings.Builder
	last := 0 // msg[last:] is not yet written to b
	for i := 0; i < len(msg); {
		j := strings.IndexByte(msg[i:], '"')
		if j < 0 {
			break
		}
		i += j
		lit, err := strconv.QuotedPrefix(msg[i:])
		if err != nil {
			i++
			continue
		}
		if len(lit) > MaxQuoted+2 {
			if v, err := strconv.Unquote(lit); err == nil && utf8.RuneCountInString(v) > MaxQuoted {
				b.WriteString(msg[last:i])
				b.WriteString(Quote(v))
				last = i + len(lit)
			}
		}
		i += len(lit)
	}
	if last > 0 {
		b.WriteString(msg[last:])
		msg = b.String()
	}
	if len(msg) > MaxMessage {
		cut := MaxMessage
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

// Visible makes text from the input safe to print: control characters
// (C0 but tab, DEL, C1), bidirectional controls and invalid UTF-8 are
// written as escapes (\x1b, \u202e), so that no input can move the
// cursor, clear the screen, colour the output, reorder what the reader
// sees, or start a new line that looks like a finding. A clean string
// comes back as it is (no copy).
func Visible(s string) string {
	clean := true
	for _, r := range s {
		if NeedsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && NeedsEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case NeedsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// NeedsEscape reports whether Visible escapes r: a control character
// other than tab, a bidirectional control, a line or paragraph separator,
// or the replacement character (what invalid UTF-8 decodes to).
func NeedsEscape(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// Message is a message as every printer shows it: bounded, then visible.
func Message(msg string) string { return Visible(BoundMessage(msg)) }
