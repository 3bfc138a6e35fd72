// Package scalars writes a value as a YAML scalar in every style, spelt at
// random, for the properties that hold greylint's edits exact (lint's
// located parts and rewrites, rules' fix safety). It imports nothing of
// greylint.
package scalars

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Styles are the ways the generator writes a value: every scalar
// style of YAML, each with the spellings that make its source differ from
// its value (escapes, continuations, folds, empty lines, chomping), in
// block and flow context.
var Styles = []string{
	"plain", "plain-multiline", "single", "single-multiline",
	"double", "double-escapes", "double-continuation", "double-multiline",
	"literal-clip", "literal-strip", "literal-keep",
	"folded-clip", "folded-strip", "folded-keep",
	"flow-plain", "flow-double",
}

// Encode writes v as a scalar of the given style, spelt at random
// (rnd decides the escapes, folds and line breaks, CR LF among them),
// for a document where it is the value of a key indented by indent
// spaces. ok is false when the style cannot carry v; the result is
// checked by the caller, against yaml.v3.
func Encode(rnd *rand.Rand, style string, v string, indent int) (string, bool) {
	in := strings.Repeat(" ", indent+2)
	br := func() string {
		if rnd.IntN(3) == 0 {
			return "\r\n"
		}
		return "\n"
	}
	simple := v != "" && printable(v) && !strings.ContainsAny(v[:1], "-?~") && v == strings.TrimSpace(v) && !strings.ContainsAny(v, "\n\r\t\"'\\#:,[]|>&*!%@`") && !strings.ContainsAny(v[:1], "{}") && !strings.Contains(v, "  ")
	switch style {
	case "plain", "flow-plain":
		return v, simple && (style == "plain" || !strings.ContainsAny(v, "{}"))
	case "plain-multiline":
		if !simple || !strings.Contains(v, " ") {
			return "", false
		}
		return strings.Replace(v, " ", br()+in, 1), true
	case "single", "single-multiline":
		if strings.ContainsAny(v, "\r\t") || !printable(v) {
			return "", false
		}
		var b strings.Builder
		b.WriteByte('\'')
		for i, c := range v {
			switch {
			case c == '\'':
				b.WriteString("''")
			case c == '\n':
				b.WriteString(br() + br() + in)
			case c == ' ' && style == "single-multiline" && i > 0 && i < len(v)-1 && v[i-1] != ' ' && v[i+1] != ' ' && v[i-1] != '\n' && v[i+1] != '\n':
				b.WriteString(br() + in)
			default:
				b.WriteRune(c)
			}
		}
		if strings.HasPrefix(v, "\n") || strings.HasSuffix(v, "\n") || strings.Contains(v, "\n ") || strings.Contains(v, " \n") {
			return "", false // blanks next to a break fold away
		}
		b.WriteByte('\'')
		return b.String(), true
	case "double", "double-escapes", "double-continuation", "double-multiline", "flow-double":
		var b strings.Builder
		b.WriteByte('"')
		rs := []rune(v)
		for i, c := range rs {
			esc := style == "double-escapes" && rnd.IntN(3) == 0
			switch {
			case c == '"' || c == '\\':
				b.WriteString(`\` + string(c))
			case c == '\n' && style == "double-multiline" && foldable(rs, i):
				// A run of k line breaks is one break and k empty lines.
				if rs[i-1] != '\n' {
					b.WriteString(br())
				}
				b.WriteString(br())
				if i+1 == len(rs) || rs[i+1] != '\n' {
					b.WriteString(in)
				}
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == ' ' && style == "double-multiline" && i > 0 && i+1 < len(rs) && rs[i-1] != ' ' && rs[i+1] != ' ' && rs[i-1] != '\n' && rs[i+1] != '\n':
				b.WriteString(br() + in)
			case esc || !printable(string(c)):
				switch rnd.IntN(4) {
				case 0:
					if c < 0x100 {
						fmt.Fprintf(&b, `\x%02x`, c)
						break
					}
					fallthrough
				case 1:
					if c < 0x10000 {
						fmt.Fprintf(&b, `\u%04X`, c)
						break
					}
					fallthrough
				default:
					fmt.Fprintf(&b, `\U%08x`, c)
				}
			default:
				b.WriteRune(c)
			}
			if style == "double-continuation" && i+1 < len(rs) && rs[i+1] != ' ' && rs[i+1] != '\t' && rnd.IntN(4) == 0 {
				b.WriteString(`\` + br() + in)
			}
		}
		b.WriteByte('"')
		return b.String(), true
	}
	// Block scalars.
	kind, chomp, _ := strings.Cut(style, "-")
	body := v
	switch chomp {
	case "strip":
		if strings.HasSuffix(v, "\n") {
			return "", false
		}
	case "clip":
		if !strings.HasSuffix(v, "\n") || strings.HasSuffix(v, "\n\n") {
			return "", false
		}
		body = v[:len(v)-1]
	case "keep":
		if !strings.HasSuffix(v, "\n") {
			return "", false
		}
		body = strings.TrimRight(v, "\n")
	}
	if body == "" || body[0] == ' ' || body[0] == '\t' || body[0] == '\n' || strings.ContainsAny(body, "\r") || !printable(strings.ReplaceAll(body, "\n", "")) {
		return "", false
	}
	var b strings.Builder
	b.WriteString(map[string]string{"literal": "|", "folded": ">"}[kind])
	b.WriteString(map[string]string{"strip": "-", "clip": "", "keep": "+"}[chomp])
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		b.WriteString(br())
		p := i - 1
		for p >= 0 && lines[p] == "" {
			p--
		}
		if kind == "folded" && p >= 0 && l != "" && l[0] != ' ' && l[0] != '\t' && lines[p][0] != ' ' && lines[p][0] != '\t' {
			b.WriteString(br()) // between two lines, k breaks read as k-1 line breaks
		}
		if l != "" {
			if kind == "folded" && l[0] != ' ' && l[0] != '\t' && rnd.IntN(2) == 0 {
				// Fold a space into a break.
				if k := strings.Index(l, " "); k > 0 && k < len(l)-1 && l[k-1] != ' ' && l[k+1] != ' ' {
					l = l[:k] + br() + in + l[k+1:]
				}
			}
			b.WriteString(in + l)
		}
	}
	if chomp == "keep" {
		b.WriteString(strings.Repeat(br(), len(v)-len(body)-1)) // the last line's break is the document's
	}
	return b.String(), true
}

// foldable reports whether the line break rs[i] of a double-quoted value
// can be written as a fold: the run of breaks it is in has no blank
// before or after it (folding would drop them).
func foldable(rs []rune, i int) bool {
	a, b := i, i
	for a > 0 && rs[a-1] == '\n' {
		a--
	}
	for b < len(rs) && rs[b] == '\n' {
		b++
	}
	return a > 0 && rs[a-1] != ' ' && rs[a-1] != '\t' && (b == len(rs) || rs[b] != ' ' && rs[b] != '\t')
}

// printable reports whether s holds only characters YAML allows raw in a
// scalar, and no NEL, line or paragraph separator.
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
