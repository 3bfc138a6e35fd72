package lsp

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// units is the length of s in the negotiated position units.
func units(s string, utf8Units bool) uint32 {
	if utf8Units {
		return uint32(len(s))
	}
	var n uint32
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// wordSite is a place a word is typed: the text of the document up to
// the word's line (head), what precedes the word on its line (lead), and
// whether the word is an interpolation variable (after "${").
type wordSite struct {
	name, kind, head, lead string
	interpolation          bool
}

var wordSites = []wordSite{
	{"key in an entry", "config.yaml", "services:\n  - name: api\n", "    ", false},
	{"key of a new entry", "config.yaml", "services:\n", "  - ", false},
	{"top-level key", "config.yaml", "", "", false},
	{"enum value", "config.yaml", "jobs:\n  - name: j\n", "    restart_policy: ", false},
	{"quoted reference", "config.yaml", "builds:\n  - name: b-1\njobs:\n  - name: j\n", `    image_from_build: "`, false},
	{"variable", "config.yaml", "services:\n  - name: api\n    env:\n      - name: A\n", "        value: ${", true},
	{"variable after wide characters", "config.yaml", "services:\n  - name: api\n    env:\n      - name: A\n", `        value: "é😀 x-${`, true},
	{"variable after a closed one", "config.yaml", "services:\n  - name: api\n    env:\n      - name: A\n", "        value: ${commit.sha}😀${", true},
}

// tails are what may follow the word: nothing (the end of the file), a
// line end, the "}" an editor closed, a quote, a comment, and each byte
// next to a range of word bytes ('a'-1, 'z'+1, 'A'-1, 'Z'+1, '0'-1,
// '9'+1).
var (
	tails          = []string{"", "}", "}\"\n", " # c\n", "}}\r\n"}
	neighbourTails = []string{"`", "{", "@", "[", "/", ":"}
)

// TestCompletionEditRanges: wherever the cursor is in a word (its start,
// inside, its end), every item replaces the whole word (its tail after
// the cursor included, and the "}" after an interpolation variable) and,
// for a client that takes insert/replace edits, inserts over the part
// before the cursor; in the negotiated units, with wide characters before
// the word, at the end of the file and before every line end.
func TestCompletionEditRanges(t *testing.T) {
	words := []string{"", "commit.sha", "azAZ09_-."} // every edge of a word's bytes
	type mode struct {
		utf8, snippets, replace bool
	}
	checked := 0
	// Each of UTF-16 and UTF-8 once, with and without snippets and
	// insert/replace edits.
	for _, m := range []mode{{false, true, true}, {true, false, false}} {
		e := startEditor(t, func(p *protocol.InitializeParams) {
			withSnippets(m.snippets, m.replace)(p)
			if m.utf8 {
				p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8}}
			}
		})
		for _, site := range wordSites {
			for _, w := range words {
				ts := tails[:len(tails):len(tails)]
				if site.interpolation {
					ts = append(ts, neighbourTails...)
				}
				for _, tail := range ts {
					text := site.head + site.lead + w + tail
					line := uint32(strings.Count(site.head, "\n"))
					start := units(site.lead, m.utf8)
					end := start + units(w, m.utf8)
					if site.interpolation && strings.HasPrefix(tail, "}") {
						end++ // the closing brace goes too
					}
					u := e.open(site.kind, text)
					for _, i := range slices.Compact([]int{0, len(w) / 2, len(w)}) {
						cur := start + units(w[:i], m.utf8)
						items := e.complete(u, line, cur)
						name := fmt.Sprintf("utf8=%v snippets=%v, %s, %q|%q then %q", m.utf8, m.snippets, site.name, w[:i], w[i:], tail)
						if len(items) == 0 {
							t.Errorf("%s: no items", name)
							continue
						}
						for _, it := range items {
							checked++
							wantReplace := protocol.Range{Start: pos(line, start), End: pos(line, end)}
							wantInsert := protocol.Range{Start: pos(line, start), End: pos(line, cur)}
							switch te := it.TextEdit.(type) {
							case *protocol.TextEdit:
								if m.replace && wantInsert != wantReplace {
									t.Errorf("%s: %q: a plain edit, want insert %v and replace %v", name, it.Label, wantInsert, wantReplace)
								} else if te.Range != wantReplace {
									t.Errorf("%s: %q replaces %v, want %v", name, it.Label, te.Range, wantReplace)
								}
							case *protocol.InsertReplaceEdit:
								if !m.replace || te.Insert != wantInsert || te.Replace != wantReplace {
									t.Errorf("%s: %q: insert %v replace %v, want %v and %v (client takes them: %v)", name, it.Label, te.Insert, te.Replace, wantInsert, wantReplace, m.replace)
								}
							default:
								t.Fatalf("%s: %q has no edit", name, it.Label)
							}
							if ft, _ := it.FilterText.Get(); ft == "" {
								t.Errorf("%s: %q has no filter text", name, it.Label)
							}
							if want := map[bool]protocol.InsertTextFormat{false: protocol.InsertTextFormatPlainText, true: protocol.InsertTextFormatSnippet}[m.snippets]; it.InsertTextFormat != want {
								t.Errorf("%s: %q has format %v, want %v", name, it.Label, it.InsertTextFormat, want)
							}
						}
					}
					e.close(u)
				}
			}
		}
	}
	if checked < 5000 {
		t.Errorf("only %d items checked", checked)
	}
}

// TestCompletionIndentsContinuationLines: a key whose value opens a
// block ("env:" and a "- " below) writes its later lines at the key's
// column plus two, whatever precedes the key on its line (spaces, one or
// more "- ", a dash with no space yet), at the end of the file or not.
func TestCompletionIndentsContinuationLines(t *testing.T) {
	e := startEditor(t, withSnippets(false, false))
	sites := []struct{ head, lead string }{
		{"", ""},
		{"services:\n", "  - "},
		{"services:\n", "- "},
		{"services:\n", "  -  "},
		{"services:\n  - name: api\n", "    "},
		{"services:\n  - name: api\n    env:\n", "      - "},
		{"services:\n  - name: api\n    env:\n      - name: A\n", "        "},
	}
	for _, site := range sites {
		head, lead := site.head, site.lead
		{
			for _, tail := range []string{"", "\n", "\n  - name: b\n"} {
				for _, typed := range []string{"", "e"} {
					text := head + lead + typed + tail
					u := e.open("config.yaml", text)
					line := uint32(strings.Count(head, "\n"))
					col := len(lead)
					multi := 0
					for _, it := range e.complete(u, line, uint32(col+len(typed))) {
						te, ok := it.TextEdit.(*protocol.TextEdit)
						if !ok {
							t.Fatalf("%q: edit %T", it.Label, it.TextEdit)
						}
						lines := strings.Split(te.NewText, "\n")
						for _, l := range lines[1:] {
							multi++
							if !strings.HasPrefix(l, strings.Repeat(" ", col+2)) || strings.HasPrefix(l, strings.Repeat(" ", col+3)) {
								t.Errorf("lead %q head %q: %q writes %q: a later line not at column %d", lead, head, it.Label, te.NewText, col+2)
							}
						}
					}
					if multi == 0 {
						t.Errorf("lead %q head %q tail %q: no item writes more than one line", lead, head, tail)
					}
					e.close(u)
				}
			}
		}
	}
}

// snippetPiece is a piece of a generated snippet: its snippet text and
// what a client without snippets must be given for it.
func snippetPiece(r *rand.Rand) (snippet, plain string) {
	lit := func() string {
		const alphabet = `ab:|,.-$}{\ é😀` // no digit: "$1" then "0" is the tab stop 10
		runes := []rune(alphabet)
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteRune(runes[r.IntN(len(runes))])
		}
		return b.String()
	}
	word := func() string {
		return []string{"x", "0", "eu-west-1", "a.b", "é"}[r.IntN(5)]
	}
	n := fmt.Sprint(r.IntN(13))
	switch r.IntN(5) {
	case 0: // literal text, escaped
		s := lit()
		return escapeSnippet(s), s
	case 1: // a tab stop
		return "$" + n, ""
	case 2: // a placeholder: its default
		d := word()
		return "${" + n + ":" + d + "}", d
	case 3: // a choice: the user's to make
		return "${" + n + "|" + word() + "," + word() + "|}", ""
	default: // a line break
		return "\n", "\n"
	}
}

// TestPlainSnippet: for any snippet made of the pieces the server
// writes (escaped text, tab stops of one or two digits, placeholders,
// choices), plainSnippet gives the text built beside it; and any text
// escaped as a snippet reads back as itself.
func TestPlainSnippet(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		var snip, plain strings.Builder
		for range r.IntN(6) {
			s, p := snippetPiece(r)
			snip.WriteString(s)
			plain.WriteString(p)
		}
		if got := plainSnippet(snip.String()); got != plain.String() {
			t.Fatalf("plainSnippet(%q) = %q, want %q", snip.String(), got, plain.String())
		}
	}
	for range 3000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = `$\{}|:,0a`[r.IntN(9)]
		}
		if s := string(b); plainSnippet(escapeSnippet(s)) != s {
			t.Fatalf("plainSnippet(escapeSnippet(%q)) = %q", s, plainSnippet(escapeSnippet(s)))
		}
	}
	// What cannot be a snippet's syntax stays as written: a "$" at the
	// end, an unclosed "${", a "\" at the end.
	for in, want := range map[string]string{"a$": "a$", "x ${1:y": "x ${1:y", `a\`: `a\`, "$x": "$x", "${}": "", "${1}": ""} {
		if got := plainSnippet(in); got != want {
			t.Errorf("plainSnippet(%q) = %q, want %q", in, got, want)
		}
	}
	if !utf8.ValidString(plainSnippet("é${1:😀}")) {
		t.Error("plainSnippet split a character")
	}
}
