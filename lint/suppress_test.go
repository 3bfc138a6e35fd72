package lint

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/scalars"
)

// Rules for the ignore-comment tests: each reports every occurrence of its
// token in the source (fam reports its member fam/a), and the others
// cannot have findings on a config file: kinded applies to another kind,
// offrule is turned off, cross needs a workspace.
func ignoreTestRules() []*Rule {
	at := func(token, id string) func(*Pass) {
		return func(p *Pass) {
			src := p.Doc.Source
			for off := 0; ; {
				i := bytes.Index(src[off:], []byte(token))
				if i < 0 {
					return
				}
				p.Report(Diagnostic{Rule: id, Range: Range{off + i, off + i + len(token)}, Message: "found " + token})
				off += i + len(token)
			}
		}
	}
	nothing := func(*Pass) {}
	return []*Rule{
		Syntax, InvalidIgnore, UnusedIgnore,
		{ID: "flag", Severity: Error, Run: at("BAD", "")},
		{ID: "other", Severity: Warning, Run: at("OTHER", "")},
		{ID: "fam", Severity: Warning, Run: at("FAMA", "fam/a"), Member: func(m string) bool { return m == "a" || m == "b" }},
		{ID: "kinded", Severity: Warning, Kinds: []Kind{KindApplications}, Run: nothing},
		{ID: "offrule", Severity: Warning, Run: nothing},
		{ID: "cross", Severity: Warning, CrossFile: true, Run: nothing},
		{ID: "tie-a", Severity: Warning, Run: nothing},
		{ID: "tie-b", Severity: Warning, Run: nothing},
	}
}

// A directive as the model writes it.
type modelDirective struct {
	file, misplaced bool
	ids             []string
	idRange         []Range
	reason          bool
	rng             Range
	target          int // the 0-based line it covers; -1: none
	used            []bool
}

type modelFinding struct {
	rule string
	r    Range
	line int
}

// ignoreFile writes a random config file of top-level entries, comments,
// blank lines and ignore directives (at the top, after content, trailing,
// on lines of their own, malformed), and says what the directives are and
// which findings the test rules report.
func ignoreFile(rnd *rand.Rand) (src string, dirs []*modelDirective, finds []modelFinding) {
	var b strings.Builder
	line := 0
	atTop := true
	var pending []*modelDirective
	eol := func() {
		if rnd.IntN(4) == 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
		line++
	}
	idChoices := []string{"flag", "other", "fam", "fam/a", "fam/b", "kinded", "offrule", "cross", "unused-ignore", "invalid-ignore", "flagg", "fla", "tie-c", "zzzzzzzz", "syntax"}
	directive := func(file bool) *modelDirective {
		d := &modelDirective{file: file, target: line}
		start := b.Len()
		b.WriteString("greylint-ignore")
		if file {
			b.WriteString("-file")
		}
		if rnd.IntN(8) != 0 {
			b.WriteString("[")
			for n := rnd.IntN(4); n >= 0; n-- {
				if len(d.ids) > 0 || rnd.IntN(6) == 0 {
					b.WriteString(",")
				}
				b.WriteString(strings.Repeat(" ", rnd.IntN(3)))
				if rnd.IntN(8) == 0 {
					continue // an empty element
				}
				id := idChoices[rnd.IntN(len(idChoices))]
				d.ids = append(d.ids, id)
				d.idRange = append(d.idRange, Range{b.Len(), b.Len() + len(id)})
				b.WriteString(id)
				b.WriteString(strings.Repeat(" ", rnd.IntN(2)))
			}
			b.WriteString("]")
		}
		switch rnd.IntN(5) {
		case 0: // no reason
		case 1:
			b.WriteString(": " + strings.Repeat(" ", rnd.IntN(2)))
		default:
			b.WriteString(":" + strings.Repeat(" ", rnd.IntN(2)) + []string{"why not", "x", "it: is fine", "#2 ok"}[rnd.IntN(4)])
			d.reason = true
		}
		d.rng = Range{start, b.Len()}
		d.used = make([]bool, len(d.ids))
		dirs = append(dirs, d)
		return d
	}
	values := []string{"ok", "BAD", "OTHER", "FAMA", "BAD OTHER", "FAMA BAD", "'BAD # greylint-ignore[flag]: quoted'", "\"OTHER # greylint-ignore[other]: quoted\"", "x#greylint-ignore[flag]-glued BAD", "it's BAD"}
	for k := 0; k < 3+rnd.IntN(8); k++ {
		switch rnd.IntN(6) {
		case 0, 1, 2: // an entry
			v := values[rnd.IntN(len(values))]
			b.WriteString(fmt.Sprintf("k%d: ", k))
			for _, tok := range []string{"BAD", "OTHER", "FAMA"} {
				if i := strings.Index(v, tok); i >= 0 {
					rule := map[string]string{"BAD": "flag", "OTHER": "other", "FAMA": "fam/a"}[tok]
					finds = append(finds, modelFinding{rule, Range{b.Len() + i, b.Len() + i + len(tok)}, line})
				}
			}
			b.WriteString(v)
			atTop = false
			for _, d := range pending {
				d.target = line
			}
			pending = nil
			if rnd.IntN(3) == 0 {
				b.WriteString(strings.Repeat(" ", 1+rnd.IntN(2)) + "#" + strings.Repeat(" ", rnd.IntN(2)))
				if rnd.IntN(4) == 0 {
					b.WriteString("see ")
				}
				if d := directive(rnd.IntN(6) == 0); d.file {
					d.misplaced = true // after content, on its line
				}
			}
		case 3: // a directive on a line of its own
			b.WriteString(strings.Repeat(" ", rnd.IntN(2)) + "# ")
			file := rnd.IntN(3) == 0
			d := directive(file)
			switch {
			case file && !atTop:
				d.misplaced = true
			case !file:
				pending = append(pending, d)
			}
		case 4: // a comment
			b.WriteString("# a note: greylint ignores nothing here")
		case 5: // a blank line
		}
		eol()
	}
	for _, d := range pending {
		d.target = -1
	}
	return b.String(), dirs, finds
}

// TestIgnoreDirectivesFollowTheModel: on random files of entries,
// comments and directives, the findings Run keeps and the invalid-ignore
// and unused-ignore findings it adds are those of a model of the
// directives: a trailing directive covers its line, one on a line of its
// own the next line with content, a file directive at the top the whole
// file (after content it is misplaced); an ID covers its rule and the
// rule's members; a "#" inside a quoted value starts no comment.
func TestIgnoreDirectivesFollowTheModel(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 23))
	seen := map[string]int{}
	for round := range 1200 {
		src, dirs, finds := ignoreFile(rnd)
		if !strings.HasPrefix(src, "k") && !strings.Contains(src, "\nk") {
			continue // no entry: an empty file, with its own finding
		}
		cfg := &Config{Rules: ignoreTestRules(), Severity: map[string]Severity{"offrule": Off}}
		switch rnd.IntN(6) {
		case 0:
			cfg.Severity[UnusedIgnore.ID] = Off
		case 1:
			cfg.Severity[InvalidIgnore.ID] = Off
		case 2:
			cfg.Severity[UnusedIgnore.ID] = Info
			cfg.Severity[InvalidIgnore.ID] = Error
		}
		sev := func(r *Rule) (Severity, bool) {
			s := cfg.severity(r)
			return s, s != Off
		}
		type want struct {
			rule    string
			sev     Severity
			r       Range
			message string
			fixes   []Fix
		}
		var wants []want
		covers := func(id, rule string) bool { return id == rule || strings.HasPrefix(rule, id+"/") }
		for _, f := range finds {
			covered := false
			for _, d := range dirs {
				if d.misplaced || !d.file && d.target != f.line {
					continue
				}
				for i, id := range d.ids {
					if covers(id, f.rule) {
						d.used[i], covered = true, true
					}
				}
			}
			if covered {
				seen["suppressed"]++
				continue
			}
			r := map[string]*Rule{"flag": cfg.Rules[3], "other": cfg.Rules[4], "fam/a": cfg.Rules[5]}[f.rule]
			s, _ := sev(r)
			wants = append(wants, want{f.rule, s, f.r, "found " + src[f.r.Start:f.r.End], nil})
		}
		report := func(rule *Rule, r Range, msg string, fixes ...Fix) {
			if s, on := sev(rule); on {
				wants = append(wants, want{rule.ID, s, r, msg, fixes})
			}
		}
		for _, d := range dirs {
			switch {
			case d.misplaced:
				seen["misplaced"]++
				report(InvalidIgnore, d.rng, "greylint-ignore-file only works in the comments at the top of the file; move it there, or use greylint-ignore for one line")
				continue
			case len(d.ids) == 0:
				seen["no rule"]++
				report(InvalidIgnore, d.rng, "this greylint-ignore names no rule; write greylint-ignore[rule-id]: reason")
				continue
			case !d.reason:
				seen["no reason"]++
				report(InvalidIgnore, d.rng, "this greylint-ignore gives no reason; add one after a colon: greylint-ignore[rule-id]: why it is fine")
			}
			for i, id := range d.ids {
				switch id {
				case "flagg", "fla": // fla is a prefix of flag, and covers none of its findings
					seen["guessed"]++
					report(InvalidIgnore, d.idRange[i], fmt.Sprintf(`greylint-ignore names %q, which is not a rule; did you mean "flag"?`, id),
						Fix{Title: `change to "flag"`, Edits: []Edit{{Range: d.idRange[i], NewText: "flag"}}, Safety: Safe})
				case "tie-c":
					seen["tie"]++
					report(InvalidIgnore, d.idRange[i], `greylint-ignore names "tie-c", which is not a rule; did you mean "tie-a" or "tie-b"?`,
						Fix{Title: `change to "tie-a"`, Edits: []Edit{{Range: d.idRange[i], NewText: "tie-a"}}},
						Fix{Title: `change to "tie-b"`, Edits: []Edit{{Range: d.idRange[i], NewText: "tie-b"}}})
				case "zzzzzzzz":
					report(InvalidIgnore, d.idRange[i], `greylint-ignore names "zzzzzzzz", which is not a rule`)
				case "kinded", "offrule", "cross", "unused-ignore", "invalid-ignore":
					seen["not judged"]++
				default:
					if d.used[i] {
						continue
					}
					seen["unused"]++
					if d.file {
						report(UnusedIgnore, d.idRange[i], fmt.Sprintf("greylint-ignore-file[%s] suppresses nothing in this file; remove it", id))
					} else {
						report(UnusedIgnore, d.idRange[i], fmt.Sprintf("greylint-ignore[%s] suppresses nothing on its line; remove it", id))
					}
				}
			}
		}
		got := Run(context.Background(), &File{Path: ".greyhound/config.yaml", Source: []byte(src)}, cfg)
		var gotW []want
		for _, d := range got {
			gotW = append(gotW, want{d.Rule, d.Severity, d.Range, d.Message, d.Fixes})
		}
		key := func(w want) string {
			return fmt.Sprintf("%08d %08d %s %v %s %v", w.r.Start, w.r.End, w.rule, w.sev, w.message, w.fixes)
		}
		var g, w []string
		for _, x := range gotW {
			g = append(g, key(x))
		}
		for _, x := range wants {
			w = append(w, key(x))
		}
		slices.Sort(g)
		slices.Sort(w)
		if !slices.Equal(g, w) {
			t.Fatalf("round %d, file:\n%s\ngot:\n%s\nwant:\n%s", round, src, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
		seen["findings"] += len(got)
	}
	// Every case of the model was met.
	for _, c := range []string{"suppressed", "misplaced", "no rule", "no reason", "guessed", "tie", "not judged", "unused"} {
		if seen[c] < 20 {
			t.Errorf("only %d cases of %q in the generated files", seen[c], c)
		}
	}
}

// locateRule reports "found BAD" at each BAD of every string value,
// located in the source by LocateValue (the whole value when it cannot
// be), as a rule that quotes part of a value does.
var locateRule = &Rule{ID: "flag", Severity: Error, Run: func(p *Pass) {
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		for off := 0; ; {
			i := strings.Index(n.Value[off:], "BAD")
			if i < 0 {
				return
			}
			r, ok := p.Doc.LocateValue(n, off+i, off+i+3)
			if !ok {
				r = p.Doc.Range(n)
			}
			p.Reportf(r, "found BAD at %d", off+i)
			off += i + 3
		}
	})
}}

// TestIgnoreEditSilencesItsEntry: for a value written in every scalar
// style (multi-line, quoted, block, in a flow mapping, as a sequence
// item, with CR LF breaks) holding BAD and text that looks like an ignore
// comment, the comment-like text is data (no directive is read from it),
// and the edit of the editor's "ignore" action, applied, silences the
// findings of that entry and no other, adds no finding, is a line of its
// own above the entry's first line with that line's indentation and line
// break, and leaves every value as it was.
func TestIgnoreEditSilencesItsEntry(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	cfg := &Config{Rules: []*Rule{Syntax, InvalidIgnore, UnusedIgnore, locateRule}}
	analyze := func(src string) *Result {
		return Analyze(context.Background(), &File{Path: ".greyhound/config.yaml", Source: []byte(src)}, cfg)
	}
	cases := map[string]int{}
	words := []string{"a", "BAD", " ", "\n", "# greylint-ignore[flag]: data", " #greylint-ignore-file[flag]: x", "'", "\"", "é", "\t"}
	for range 2000 {
		style := scalars.Styles[rnd.IntN(len(scalars.Styles))]
		var b strings.Builder
		for n := 1 + rnd.IntN(6); n > 0; n-- {
			if strings.Contains(style, "plain") {
				b.WriteString([]string{"a", "BAD", "b#c", "é", "it's"}[rnd.IntN(5)] + " ")
				continue
			}
			b.WriteString(words[rnd.IntN(len(words))])
		}
		v := b.String() + "BAD"
		if rnd.IntN(2) == 0 && !strings.Contains(style, "plain") {
			v += "\n"
		}
		var src string
		inSeq := rnd.IntN(3) == 0 && !strings.HasPrefix(style, "flow-")
		if inSeq {
			text, ok := scalars.Encode(rnd, style, v, 4)
			if !ok {
				continue
			}
			src = "top:\n  before: 1\n  list:\n    - x\n    - " + text + "\n    - y BAD\n  after: x BAD\n"
		} else if block := strings.HasPrefix(style, "literal") || strings.HasPrefix(style, "folded"); !block && !strings.HasPrefix(style, "flow-") && rnd.IntN(3) == 0 {
			// The value starts on the line after its key.
			text, ok := scalars.Encode(rnd, style, v, 2)
			if !ok {
				continue
			}
			src = "top:\n  before: 1\n  target:\n    " + text + "\n  after: x BAD\n"
			cases["next line"]++
		} else {
			text, ok := ScalarDocument(rnd, style, v)
			if !ok {
				continue
			}
			src = strings.Replace(text, "after: x", "after: x BAD", 1)
		}
		if rnd.IntN(5) == 0 && !strings.Contains(v, "\r") {
			// Old Mac line breaks: a lone CR ends every line.
			src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\n", "\r")
		}
		res := analyze(src)
		value := func(doc *Document) *yaml.Node {
			if inSeq {
				_, l := MapGet(doc.Root.Content[1], "list")
				if l == nil || len(l.Content) < 2 {
					return nil
				}
				return l.Content[1]
			}
			return target(doc.Root)
		}
		if n := value(res.Doc); n == nil || n.Value != v {
			continue // a spelling the generator does not promise (a tab next to a fold)
		}
		cases[style]++
		want := strings.Count(v, "BAD") + 1
		if inSeq {
			want++
		}
		if len(res.Diagnostics) != want {
			t.Fatalf("%s %q: got %v, want %d findings of flag (a comment read inside a value?)", style, src, res.Diagnostics, want)
		}
		for _, d := range res.Diagnostics {
			if d.Rule != "flag" {
				t.Fatalf("%s %q: got %v", style, src, d)
			}
		}
		// Ignore a finding of the value (not the last: after's).
		d := res.Diagnostics[rnd.IntN(want-1)]
		if inSeq && d.Range.Start > strings.Index(src, "y BAD") {
			d = res.Diagnostics[0]
		}
		e := IgnoreEdit(res.Doc, d, IgnoreReason)
		entry := res.Doc.Lines.Line(res.Doc.Range(value(res.Doc)).Start)
		if !inSeq {
			entry = res.Doc.Lines.Line(strings.Index(src, "target:"))
		}
		ls, le := res.Doc.Lines.Bounds(entry)
		indent := len(src[ls:le]) - len(strings.TrimLeft(src[ls:le], " "))
		eol := "\n"
		if strings.HasPrefix(src[le:], "\r\n") {
			eol = "\r\n"
		} else if strings.HasPrefix(src[le:], "\r") {
			eol = "\r"
			cases["CR"]++
		}
		if wantText := src[ls:ls+indent] + "# greylint-ignore[flag]: TODO: why" + eol; e.Range != (Range{ls, ls}) || e.NewText != wantText {
			t.Fatalf("%s %q: IgnoreEdit of %v = %+v, want %q at %d", style, src, d, e, wantText, ls)
		}
		out, _ := ApplyFixes([]byte(src), []Fix{{Edits: []Edit{e}}})
		res2 := analyze(string(out))
		if n := value(res2.Doc); n == nil || n.Value != v {
			t.Fatalf("%s: after the ignore edit of %q the value is %v, want %q\n%s", style, src, n, v, out)
		}
		left := 0
		for _, d2 := range res2.Diagnostics {
			if d2.Rule != "flag" {
				t.Fatalf("%s: the ignore edit of %q adds %v\n%s", style, src, d2, out)
			}
			left++
		}
		if wantLeft := want - strings.Count(v, "BAD"); left != wantLeft {
			t.Fatalf("%s: after the ignore edit of %q, %d findings are left, want %d (the other entries')\n%s", style, src, left, wantLeft, out)
		}
	}
	for _, s := range append(scalars.Styles, "CR", "next line") {
		if cases[s] < 15 {
			t.Errorf("style %s: only %d cases", s, cases[s])
		}
	}
}
