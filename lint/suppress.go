package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Inline suppression directives, in YAML comments:
//
//	key: value  # greylint-ignore[rule-id, other-id]: why this is fine
//	# greylint-ignore[rule-id]: why          (applies to the next line)
//	# greylint-ignore-file[rule-id]: why     (in the comments at the top)
//
// A directive needs at least one rule ID and a reason; one that suppresses
// nothing is reported (unused-ignore), so stale ignores do not pile up.

var directiveRe = regexp.MustCompile(`greylint-ignore(-file)?\b(?:\[([^\]]*)\])?(?::\s*(.*))?`)

type directive struct {
	file    bool
	ids     []string
	idRange []Range
	reason  string
	rng     Range // the directive text
	target  int   // 0-based line a line directive applies to
	used    []bool
}

// directives finds the suppression directives in the comments of src:
// a "#" after a blank or at a line's start that is not inside a scalar
// (the parser's tokens decide: a "#" in a quoted, block or plain value is
// data, and an apostrophe in a plain value opens no quote). A file that
// does not parse has no tokens to go by; its lines are read as before, by
// their quotes.
func directives(doc *Document) (out []*directive, misplaced []*directive) {
	l := doc.Lines
	pending := []*directive{} // comment-only lines waiting for the next content line
	atTop := true
	scalars := doc.scalarRanges()
	next := 0 // the first scalar range that ends after the current line's start
	for i := 0; i < l.Count(); i++ {
		ls, le := l.Bounds(i)
		text := doc.Source[ls:le]
		var c int
		if doc.Root != nil {
			for next < len(scalars) && scalars[next].End <= ls {
				next++
			}
			c = commentOutside(text, ls, scalars[next:])
		} else {
			c = commentStart(text)
		}
		content := strings.TrimSpace(string(text[:max(c, 0)]))
		if c < 0 {
			content = strings.TrimSpace(string(text))
		}
		if content != "" {
			atTop = false
			for _, d := range pending {
				d.target = i
			}
			pending = pending[:0]
		}
		if c < 0 {
			continue
		}
		comment := string(text[c:])
		m := directiveRe.FindStringSubmatchIndex(comment)
		if m == nil {
			continue
		}
		base := ls + c
		d := &directive{file: m[2] >= 0, rng: Range{base + m[0], base + m[1]}, target: i}
		if m[4] >= 0 {
			list := comment[m[4]:m[5]]
			off := 0
			for _, part := range strings.Split(list, ",") {
				id := strings.TrimSpace(part)
				start := base + m[4] + off + strings.Index(part, id)
				off += len(part) + 1
				if id != "" {
					d.ids = append(d.ids, id)
					d.idRange = append(d.idRange, Range{start, start + len(id)})
				}
			}
		}
		if m[6] >= 0 {
			d.reason = strings.TrimSpace(comment[m[6]:m[7]])
		}
		d.used = make([]bool, len(d.ids))
		switch {
		case d.file && !atTop:
			misplaced = append(misplaced, d)
			continue
		case !d.file && content == "":
			pending = append(pending, d)
		}
		out = append(out, d)
	}
	for _, d := range pending {
		d.target = -1 // nothing follows
	}
	return out, misplaced
}

// commentOutside returns the index of the "#" that starts a comment in a
// line (starting at offset ls), outside the scalar ranges (sorted, the
// first ending after ls), or -1.
func commentOutside(b []byte, ls int, scalars []Range) int {
	k := 0
	for i, c := range b {
		if c != '#' || i > 0 && b[i-1] != ' ' && b[i-1] != '\t' {
			continue
		}
		for k < len(scalars) && scalars[k].End <= ls+i {
			k++
		}
		if k < len(scalars) && scalars[k].Start <= ls+i {
			continue // data
		}
		return i
	}
	return -1
}

// scalarRanges returns the ranges of the document's scalars (keys and
// values) and aliases, sorted.
func (d *Document) scalarRanges() []Range {
	if d.Root == nil {
		return nil
	}
	var out []Range
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode, yaml.AliasNode:
			if r := d.Range(n); r.End > r.Start {
				out = append(out, r)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.Root)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// EntryLine returns the 0-based line where the entry holding offset off
// starts: for a finding inside a value that starts on another line than
// its key (a block scalar, a multi-line quoted or plain value), the key's
// line; else off's own line. An ignore comment above that line covers the
// finding, and the editor's "ignore" action writes it there (a line
// inserted inside the value would be data).
func (d *Document) EntryLine(off int) int {
	line := d.Lines.Line(off)
	if d.Root == nil {
		return line
	}
	// Down the tree to the scalar holding off, choosing each level's child
	// by binary search (children are in source order).
	n := d.Root
	for n != nil {
		switch n.Kind {
		case yaml.MappingNode:
			i := sort.Search(len(n.Content)/2, func(i int) bool { return d.Range(n.Content[2*i]).Start > off }) - 1
			if i < 0 {
				return line
			}
			k, v := n.Content[2*i], n.Content[2*i+1]
			if vr := d.Range(v); v.Kind == yaml.ScalarNode && vr.Start <= off && off < vr.End {
				return d.Lines.Line(d.Range(k).Start)
			}
			n = v
		case yaml.SequenceNode:
			i := sort.Search(len(n.Content), func(i int) bool { return d.Range(n.Content[i]).Start > off }) - 1
			if i < 0 {
				return line
			}
			c := n.Content[i]
			if cr := d.Range(c); c.Kind == yaml.ScalarNode && cr.Start <= off && off < cr.End {
				return d.Lines.Line(cr.Start)
			}
			n = c
		default:
			return line
		}
	}
	return line
}

// commentStart returns the index of the "#" that starts a comment in a
// line, outside quotes, or -1: the reading of a file that does not parse.
func commentStart(b []byte) int {
	inS, inD := false, false
	for i, c := range b {
		switch {
		case c == '\'' && !inD:
			inS = !inS
		case c == '"' && !inS:
			inD = !inD
		case c == '#' && !inS && !inD && (i == 0 || b[i-1] == ' ' || b[i-1] == '\t'):
			return i
		}
	}
	return -1
}

// suppress drops the diagnostics the directives cover and reports the
// directives that are malformed or cover nothing (of the rules that
// looked at the file: an ignore of a disabled rule, or of one that did
// not look, is not judged).
func suppress(doc *Document, looked func(*Rule) bool, cfg *Config, diags []Diagnostic) []Diagnostic {
	if !bytes.Contains(doc.Source, []byte("greylint-ignore")) { // the common case: no directive, no scan
		return diags
	}
	dirs, misplaced := directives(doc)
	kept := diags[:0]
	for _, d := range diags {
		line := doc.Lines.Line(d.Range.Start)
		entry := line
		if len(dirs) > 0 && d.Rule != Syntax.ID {
			entry = doc.EntryLine(d.Range.Start)
		}
		covered := false
		for _, dir := range dirs {
			if !dir.file && dir.target != line && dir.target != entry {
				continue
			}
			for i, id := range dir.ids {
				if id == d.Rule || strings.HasPrefix(d.Rule, id+"/") {
					dir.used[i], covered = true, true
				}
			}
		}
		if !covered {
			kept = append(kept, d)
		}
	}
	// report adds a finding of an engine rule (invalid-ignore or
	// unused-ignore) at the severity the configuration gives it.
	report := func(rule *Rule, r Range, msg string, fixes ...Fix) {
		sev := rule.Severity
		if configured := cfg.rule(rule.ID); configured != nil {
			if !cfg.Enabled(configured) {
				return
			}
			sev = cfg.severity(configured)
		}
		kept = append(kept, Diagnostic{Rule: rule.ID, Severity: sev, Range: r, Message: msg, Fixes: fixes})
	}
	var known []string
	for _, r := range cfg.Rules {
		known = append(known, r.ID)
	}
	for _, d := range misplaced {
		report(InvalidIgnore, d.rng, "greylint-ignore-file only works in the comments at the top of the file; move it there, or use greylint-ignore for one line")
	}
	for _, d := range dirs {
		if len(d.ids) == 0 {
			report(InvalidIgnore, d.rng, "this greylint-ignore names no rule; write greylint-ignore[rule-id]: reason")
			continue
		}
		if d.reason == "" {
			report(InvalidIgnore, d.rng, "this greylint-ignore gives no reason; add one after a colon: greylint-ignore[rule-id]: why it is fine")
		}
		for i, id := range d.ids {
			rule := cfg.rule(id)
			switch {
			case rule == nil:
				msg := fmt.Sprintf("greylint-ignore names %q, which is not a rule", id)
				var fixes []Fix
				if g := GuessName(id, known); len(g.Names) > 0 {
					// Only a comment changes, never what is deployed, so a
					// single guess is safe; a tie stays a choice.
					msg = fmt.Sprintf("greylint-ignore names %q, which is not a rule; did you mean %s?", id, g.Phrase())
					r := d.idRange[i]
					fixes = g.Fixes(true, func(s string) Fix {
						return Fix{Title: fmt.Sprintf("change to %q", s), Edits: []Edit{{Range: r, NewText: s}}}
					})
					if len(fixes) == 1 {
						fixes[0].Safety = Safe
					}
				}
				report(InvalidIgnore, d.idRange[i], msg, fixes...)
			case d.used[i] || !cfg.Enabled(rule) || !looked(rule) || id == UnusedIgnore.ID || id == InvalidIgnore.ID:
			case d.file:
				report(UnusedIgnore, d.idRange[i], fmt.Sprintf("greylint-ignore-file[%s] suppresses nothing in this file; remove it", id))
			default:
				report(UnusedIgnore, d.idRange[i], fmt.Sprintf("greylint-ignore[%s] suppresses nothing on its line; remove it", id))
			}
		}
	}
	return kept
}

// IgnoreRuleIDs returns the rule IDs written in the greylint-ignore
// comments of a document, each with its range (the server links them to
// their documentation), read by the parser that applies them.
func IgnoreRuleIDs(doc *Document) (ids []string, ranges []Range) {
	ds, misplaced := directives(doc)
	for _, d := range append(ds, misplaced...) {
		ids = append(ids, d.ids...)
		ranges = append(ranges, d.idRange...)
	}
	return ids, ranges
}

// IgnoreReason is the reason the editor's "ignore" action writes for the
// user to replace: a reason invalid-ignore accepts (the comment is
// complete), and a word --statistics and a search can find.
const IgnoreReason = "TODO: why"

// IgnoreEdit returns the edit that ignores the finding d: a comment
// "# greylint-ignore[rule]: reason" on a line of its own above the line
// where the entry holding the finding starts (EntryLine), indented as that
// line. It is never inside a scalar: a line inserted into a block or
// multi-line value would be data (and not even silence the finding).
func IgnoreEdit(doc *Document, d Diagnostic, reason string) Edit {
	line := doc.EntryLine(d.Range.Start)
	ls, le := doc.Lines.Bounds(line)
	text := doc.Source[ls:le]
	indent := 0
	for indent < len(text) && text[indent] == ' ' {
		indent++
	}
	eol := "\n"
	if le < len(doc.Source) && doc.Source[le] == '\r' {
		eol = "\r\n"
		if le+1 >= len(doc.Source) || doc.Source[le+1] != '\n' {
			eol = "\r"
		}
	}
	return Edit{Range: Range{ls, ls}, NewText: string(text[:indent]) + "# greylint-ignore[" + d.Rule + "]: " + reason + eol}
}
