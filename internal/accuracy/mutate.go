// Package accuracy generates the tests of issue #22 instead of listing
// them: syntax mutations of every valid file (each breaks YAML in one
// place; the syntax finding must be on that line and name what broke) and
// meaning-preserving transforms (each rewrites a file without changing
// what it means; the findings must not change). Its tests run a sample;
// `make accuracy` runs them all and prints the figures.
package accuracy

import (
	"bytes"
	"regexp"
	"strings"
)

// A Mutant is a valid file broken in one place.
type Mutant struct {
	Op   string // the operator, e.g. "quote-remove"
	Src  []byte
	Line int // 0-based line that was changed
	// Also are other lines a finding may rightly be on: the line that
	// opened a construct whose closer was removed, the alias of a renamed
	// anchor.
	Also []int
	// Words are what the message must name (any of them): "quote",
	// "bracket", "indent"...
	Words []string
}

// Lines on which a finding is right.
func (m Mutant) Lines() []int { return append([]int{m.Line}, m.Also...) }

// Operator breaks line i of lines (every position where it applies) and
// returns the mutants.
type Operator struct {
	Name  string
	Words []string
	Apply func(f *file, i int) []edit
}

// edit replaces line i from byte s to e with text; also lists the lines
// that may rightly hold the finding besides line i.
type edit struct {
	s, e int
	text string
	also []int
}

// file is a source split into lines, with the scan of each line.
type file struct {
	lines []string
	scans []lineScan
}

// lineScan is what one line holds, outside quotes and comments.
type lineScan struct {
	indent   int
	content  int   // where the content starts (after the indentation)
	comment  int   // where a comment starts, or len(line)
	quotes   []int // positions of the quotes that open and close scalars
	brackets []int // [ and ]
	braces   []int // { and }, not those of a ${...} inside a plain scalar
	commas   []int // commas inside flow collections
	colons   []int // ": " or ":" at the end that end a key
	dash     int   // the "-" of a sequence entry, or -1
	names    [][2]int
	// anchor and alias names: [start, end) of the name after & or *
	nameKinds []byte // '&' or '*' per entry of names
	block     bool   // the line is inside a block scalar
	flowEnd   int    // flow depth at the end of the line
}

func newFile(src []byte) *file {
	f := &file{lines: strings.Split(string(src), "\n")}
	blockIndent := -1 // indentation of the key that owns a block scalar
	flow := 0
	for _, l := range f.lines {
		s := scanLine(l, flow)
		if blockIndent >= 0 {
			if strings.TrimSpace(l) == "" || s.indent > blockIndent {
				s = lineScan{indent: s.indent, content: s.indent, comment: len(l), dash: -1, block: true}
				f.scans = append(f.scans, s)
				continue
			}
			blockIndent = -1
		}
		f.scans = append(f.scans, s)
		flow = max(s.flowEnd, 0)
		v := strings.TrimSpace(l[:s.comment])
		if blockHeader.MatchString(v) {
			blockIndent = s.indent
		}
	}
	return f
}

var blockHeader = regexp.MustCompile(`(^|[:\-] *|^- *)[|>][-+0-9]*$`)

// scanLine finds the indicators of one line. flow > 0 when the line is
// inside a flow collection opened above.
func scanLine(l string, flow int) lineScan {
	s := lineScan{dash: -1, comment: len(l)}
	for s.indent < len(l) && l[s.indent] == ' ' {
		s.indent++
	}
	s.content = s.indent
	i := s.indent
	if i < len(l) && l[i] == '-' && (i+1 == len(l) || l[i+1] == ' ') {
		s.dash = i
	}
	var quote byte
	plainStart := true // at the start of a scalar (after ": ", "- ", "[", ",")
	for ; i < len(l); i++ {
		c := l[i]
		if quote != 0 {
			if quote == '"' && c == '\\' {
				i++
				continue
			}
			if c == quote {
				if quote == '\'' && i+1 < len(l) && l[i+1] == '\'' {
					i++
					continue
				}
				s.quotes = append(s.quotes, i)
				quote = 0
			}
			continue
		}
		switch {
		case c == '#' && (i == 0 || l[i-1] == ' '):
			s.comment = i
			s.flowEnd = flow
			return s
		case (c == '"' || c == '\'') && plainStart:
			quote = c
			s.quotes = append(s.quotes, i)
		case c == '[' || c == ']':
			if plainStart || flow > 0 || c == ']' && len(s.brackets) > 0 {
				s.brackets = append(s.brackets, i)
				if c == '[' {
					flow++
				} else {
					flow--
				}
			}
		case c == '{' || c == '}':
			if c == '{' && i > 0 && l[i-1] == '$' {
				// a placeholder's brace: skip to its end
				if j := strings.IndexByte(l[i:], '}'); j > 0 && flow == 0 {
					i += j
					plainStart = false
					continue
				}
			}
			if plainStart || flow > 0 {
				s.braces = append(s.braces, i)
				if c == '{' {
					flow++
				} else {
					flow--
				}
			}
		case c == ',' && flow > 0:
			s.commas = append(s.commas, i)
		case c == ':' && (i+1 == len(l) || l[i+1] == ' ' || flow > 0 && (l[i+1] == ',' || l[i+1] == ']' || l[i+1] == '}')):
			s.colons = append(s.colons, i)
		case (c == '&' || c == '*') && plainStart:
			j := i + 1
			for j < len(l) && l[j] != ' ' && l[j] != ',' && l[j] != ']' && l[j] != '}' {
				j++
			}
			if j > i+1 {
				s.names = append(s.names, [2]int{i + 1, j})
				s.nameKinds = append(s.nameKinds, c)
			}
		}
		switch {
		case c == ' ':
			// "key: ", "- " and ", " start a scalar; a space inside one
			// does not.
			p := l[i-1]
			if p == ':' || p == '-' && i-1 == s.dash || p == ',' || p == '[' || p == '{' {
				plainStart = true
			}
		case c == '[' || c == '{' || c == ',' && flow > 0:
			plainStart = true
		default:
			plainStart = false
		}
	}
	s.flowEnd = flow
	return s
}

// opener finds the line that opened the flow collection whose closer is
// at byte p of line i.
func (f *file) opener(i, p int) int {
	open := map[byte]byte{']': '[', '}': '{'}[f.lines[i][p]]
	closer := f.lines[i][p]
	depth := 0
	for li := i; li >= 0 && li > i-200; li-- {
		l := f.lines[li]
		k := len(l) - 1
		if li == i {
			k = p - 1
		}
		for ; k >= 0; k-- {
			switch l[k] {
			case closer:
				depth++
			case open:
				if depth == 0 {
					return li
				}
				depth--
			}
		}
	}
	return i
}

// Operators are the ways to break YAML in one place.
var Operators = []Operator{
	{"quote-remove", []string{"quot"}, func(f *file, i int) []edit {
		var out []edit
		for k, p := range f.scans[i].quotes {
			e := edit{s: p, e: p + 1}
			if k%2 == 1 {
				e.also = []int{i} // its opener is on this line
			}
			out = append(out, e)
		}
		return out
	}},
	{"quote-add", []string{"quot"}, func(f *file, i int) []edit {
		return atValueStart(f, i, `"`, `'`)
	}},
	{"bracket-remove", []string{"[", "]", "bracket", "flow"}, func(f *file, i int) []edit {
		return removeEach(f, i, f.scans[i].brackets)
	}},
	{"bracket-add", []string{"[", "]", "bracket", "flow"}, func(f *file, i int) []edit {
		return atValueStart(f, i, "[", "]")
	}},
	{"brace-remove", []string{"{", "}", "brace", "flow"}, func(f *file, i int) []edit {
		return removeEach(f, i, f.scans[i].braces)
	}},
	{"brace-add", []string{"{", "}", "brace", "flow"}, func(f *file, i int) []edit {
		return atValueStart(f, i, "{", "}")
	}},
	{"colon-remove", []string{":", "colon"}, func(f *file, i int) []edit {
		var out []edit
		for _, p := range f.scans[i].colons {
			out = append(out, edit{s: p, e: p + 1})
		}
		return out
	}},
	{"colon-add", []string{":", "colon"}, func(f *file, i int) []edit {
		// "key: a b" -> "key: a: b": a second key on the line.
		s := f.scans[i]
		if len(s.colons) == 0 || s.block {
			return nil
		}
		l := f.lines[i]
		v := s.colons[0] + 2
		if v >= s.comment {
			return nil
		}
		if j := strings.IndexByte(l[v:s.comment], ' '); j > 0 {
			return []edit{{s: v + j, e: v + j, text: ":"}}
		}
		return []edit{{s: s.comment, e: s.comment, text: ": x"}}
	}},
	{"dash-remove", []string{"-", "dash", "list", "sequence", "entry", "indent"}, func(f *file, i int) []edit {
		if d := f.scans[i].dash; d >= 0 {
			return []edit{{s: d, e: d + 1}}
		}
		return nil
	}},
	{"dash-add", []string{"-", "dash", "list", "sequence", "entry", "indent"}, func(f *file, i int) []edit {
		s := f.scans[i]
		if s.block || s.content >= len(f.lines[i]) || s.comment == s.content {
			return nil
		}
		return []edit{{s: s.content, e: s.content, text: "- "}}
	}},
	{"comma-remove", []string{",", "comma"}, func(f *file, i int) []edit {
		return removeEach(f, i, f.scans[i].commas)
	}},
	{"comma-add", []string{",", "comma"}, func(f *file, i int) []edit {
		var out []edit
		for _, p := range f.scans[i].commas {
			out = append(out, edit{s: p, e: p, text: ","})
		}
		return out
	}},
	{"anchor-name", []string{"anchor", "alias"}, func(f *file, i int) []edit {
		var out []edit
		for k, n := range f.scans[i].names {
			also := f.otherEnds(f.lines[i][n[0]:n[1]], f.scans[i].nameKinds[k])
			for p := n[0]; p < n[1]; p++ {
				out = append(out, edit{s: p, e: p + 1, also: also}) // remove a character
			}
			out = append(out, edit{s: n[1], e: n[1], text: "x", also: also}) // add one
		}
		return out
	}},
	{"space-after-colon", []string{":", "colon", "space"}, func(f *file, i int) []edit {
		var out []edit
		l := f.lines[i]
		for _, p := range f.scans[i].colons {
			if p+1 < len(l) && l[p+1] == ' ' {
				out = append(out, edit{s: p + 1, e: p + 2})
			}
		}
		return out
	}},
	{"space-after-dash", []string{"-", "dash", "space", "list", "sequence"}, func(f *file, i int) []edit {
		l := f.lines[i]
		if d := f.scans[i].dash; d >= 0 && d+1 < len(l) && l[d+1] == ' ' {
			return []edit{{s: d + 1, e: d + 2}}
		}
		return nil
	}},
	{"indent+1", []string{"indent"}, func(f *file, i int) []edit { return reindent(f, i, 1) }},
	{"indent-1", []string{"indent"}, func(f *file, i int) []edit { return reindent(f, i, -1) }},
	{"indent+2", []string{"indent"}, func(f *file, i int) []edit { return reindent(f, i, 2) }},
	{"indent-2", []string{"indent"}, func(f *file, i int) []edit { return reindent(f, i, -2) }},
	{"tab", []string{"tab"}, func(f *file, i int) []edit {
		s := f.scans[i]
		if s.content >= len(f.lines[i]) || s.block {
			return nil
		}
		return []edit{{s: s.content, e: s.content, text: "\t"}}
	}},
}

// otherEnds returns the lines of the aliases of an anchor name (or the
// anchor of an alias name).
func (f *file) otherEnds(name string, kind byte) []int {
	var out []int
	for li, s := range f.scans {
		for k, n := range s.names {
			if s.nameKinds[k] != kind && f.lines[li][n[0]:n[1]] == name {
				out = append(out, li)
			}
		}
	}
	return out
}

func removeEach(f *file, i int, at []int) []edit {
	var out []edit
	for _, p := range at {
		e := edit{s: p, e: p + 1}
		if c := f.lines[i][p]; c == ']' || c == '}' {
			e.also = []int{f.opener(i, p)}
		}
		out = append(out, e)
	}
	return out
}

// atValueStart inserts each text where a value starts: after "key: " or
// "- ".
func atValueStart(f *file, i int, texts ...string) []edit {
	s := f.scans[i]
	if s.block {
		return nil
	}
	l := f.lines[i]
	var at []int
	if s.dash >= 0 && s.dash+2 <= len(l) {
		at = append(at, s.dash+2)
	}
	for _, c := range s.colons {
		if c+2 <= s.comment && c+1 < len(l) && l[c+1] == ' ' {
			at = append(at, c+2)
		}
	}
	var out []edit
	for _, p := range at {
		for _, t := range texts {
			out = append(out, edit{s: p, e: p, text: t})
		}
	}
	return out
}

func reindent(f *file, i, by int) []edit {
	s := f.scans[i]
	l := f.lines[i]
	if s.content >= len(l) || s.comment == s.content || s.block || s.indent+by < 0 {
		return nil
	}
	if by > 0 {
		return []edit{{s: 0, e: 0, text: strings.Repeat(" ", by)}}
	}
	return []edit{{s: 0, e: -by}}
}

// Mutants returns every mutant of src, by every operator at every position
// where it applies.
func Mutants(src []byte) []Mutant {
	f := newFile(src)
	var out []Mutant
	for _, op := range Operators {
		for i := range f.lines {
			for _, e := range op.Apply(f, i) {
				var b bytes.Buffer
				for li, l := range f.lines {
					if li > 0 {
						b.WriteByte('\n')
					}
					if li == i {
						b.WriteString(l[:e.s] + e.text + l[e.e:])
					} else {
						b.WriteString(l)
					}
				}
				out = append(out, Mutant{Op: op.Name, Src: b.Bytes(), Line: i, Also: e.also, Words: op.Words})
			}
		}
	}
	return out
}
