package lint

import (
	"bytes"
	"context"
	"slices"
	"sort"

	"go.yaml.in/yaml/v3"
)

// ApplyFixes applies fixes to src by byte ranges (the rest of the file is
// kept byte for byte). A fix whose edits overlap an edit already taken is
// skipped whole. It returns the new text and the number of fixes applied.
func ApplyFixes(src []byte, fixes []Fix) ([]byte, int) {
	var taken editSet
	applied := 0
	for _, fix := range fixes {
		if taken.add(fix.Edits) {
			applied++
		}
	}
	out := make([]byte, 0, len(src))
	pos := 0
	for _, e := range taken.edits {
		out = append(out, src[pos:e.Range.Start]...)
		out = append(out, e.NewText...)
		pos = e.Range.End
	}
	out = append(out, src[pos:]...)
	return out, applied
}

// editSet is a set of edits that do not overlap, sorted by start: whether
// a new edit overlaps one is a binary search (a scan of every taken edit
// made 16,000 fixes cost 16,000 squared comparisons).
type editSet struct{ edits []Edit }

// overlaps reports whether e overlaps an edit of the set; two insertions
// at one point overlap too (their order would be unknown).
func (s *editSet) overlaps(e Edit) bool {
	i := sort.Search(len(s.edits), func(i int) bool { return s.edits[i].Range.Start >= e.Range.Start })
	if i < len(s.edits) && (s.edits[i].Range.Start == e.Range.Start || s.edits[i].Range.Start < e.Range.End) {
		return true
	}
	return i > 0 && s.edits[i-1].Range.End > e.Range.Start
}

// add adds the edits of one fix when none overlaps the set (or another of
// them), and reports whether it did.
func (s *editSet) add(edits []Edit) bool {
	for i, e := range edits {
		if s.overlaps(e) {
			return false
		}
		for _, f := range edits[:i] {
			if e.Range.Start < f.Range.End && f.Range.Start < e.Range.End || e.Range.Start == f.Range.Start {
				return false
			}
		}
	}
	for _, e := range edits {
		i := sort.Search(len(s.edits), func(i int) bool { return s.edits[i].Range.Start >= e.Range.Start })
		s.edits = slices.Insert(s.edits, i, e)
	}
	return true
}

// FixResult is the outcome of FixFile.
type FixResult struct {
	Source   []byte  // the text after the fixes that were kept
	Result   *Result // the analysis of Source
	Applied  int     // fixes kept
	Rejected []RejectedFix
}

// RejectedFix is a fix FixFile did not keep, and why.
type RejectedFix struct {
	Diagnostic Diagnostic // the finding it would have fixed, in Lines' text
	Lines      *Lines
	Reason     string
}

// maxFixChecks bounds the re-lints FixFile spends isolating fixes that add
// findings; fixes not checked within it are rejected, never applied.
const maxFixChecks = 64

// FixFile applies the fixes --fix may apply (Safe ones; Unsafe ones too
// when unsafe is set) to f, whose analysis is res, until none is left (a
// fix can reveal another; at most 10 rounds). It is guarded: after each
// round it lints the result again, and a fix whose result has a finding
// the text before it did not have (a duplicate key, a conflicting field)
// is rolled back and reported in Rejected. Manual fixes are never applied.
func FixFile(ctx context.Context, f *File, cfg *Config, res *Result, unsafe bool) *FixResult {
	out := &FixResult{Source: f.Source, Result: res}
	refused := map[string]bool{}
	budget := maxFixChecks
	analyze := func(text []byte) *Result {
		g := *f
		g.Source = text
		return Analyze(ctx, &g, cfg)
	}
	for range 10 {
		type cand struct {
			d   Diagnostic
			fix Fix
		}
		var cands []cand
		var taken editSet
		for _, d := range out.Result.Diagnostics {
			fix, ok := d.AutoFix(unsafe)
			if !ok || refused[fixKey(d, fix)] || !taken.add(fix.Edits) {
				continue
			}
			cands = append(cands, cand{d, fix})
		}
		if len(cands) == 0 {
			break
		}
		beforeDiags := out.Result.Diagnostics
		lines := out.Result.Doc.Lines
		src := out.Source
		// try applies a set of candidates and reports the first finding
		// the result has that the text before did not.
		try := func(set []cand) ([]byte, *Result, *Diagnostic) {
			fixes := make([]Fix, len(set))
			for i, c := range set {
				fixes[i] = c.fix
			}
			text, _ := ApplyFixes(src, fixes)
			budget--
			r := analyze(text)
			return text, r, AddedFinding(beforeDiags, fixes, r.Diagnostics)
		}
		reject := func(c cand, reason string) {
			refused[fixKey(c.d, c.fix)] = true
			out.Rejected = append(out.Rejected, RejectedFix{Diagnostic: c.d, Lines: lines, Reason: reason})
		}
		var verify func(set []cand) ([]cand, []byte, *Result)
		verify = func(set []cand) ([]cand, []byte, *Result) {
			if budget <= 0 {
				for _, c := range set {
					reject(c, "not applied: too many fixes in this file add findings to check them all; fix it in an editor")
				}
				return nil, nil, nil
			}
			text, r, added := try(set)
			if added == nil {
				return set, text, r
			}
			if len(set) == 1 {
				reject(set[0], "not applied: it would add "+added.Rule+" ("+added.Message+")")
				return nil, nil, nil
			}
			half := len(set) / 2
			a, ta, ra := verify(set[:half])
			b, tb, rb := verify(set[half:])
			switch {
			case len(a) == 0:
				return b, tb, rb
			case len(b) == 0:
				return a, ta, ra
			}
			if budget > 0 {
				both := append(slices.Clip(a), b...)
				if text, r, added := try(both); added == nil {
					return both, text, r
				}
			}
			// Each half is fine alone but not together: keep the first;
			// the second is tried again in the next round, on top of it.
			return a, ta, ra
		}
		kept, text, r := verify(cands)
		if len(kept) == 0 || bytes.Equal(text, src) {
			break
		}
		out.Source, out.Result = text, r
		out.Applied += len(kept)
	}
	out.Result = withoutRefused(out.Result, refused)
	return out
}

// Unmarked returns diags (findings of the text FixFile started from)
// with the fixes FixFile refused made Manual, as its Result has them.
func (fr *FixResult) Unmarked(diags []Diagnostic) []Diagnostic {
	refused := map[string]bool{}
	for _, r := range fr.Rejected {
		for _, f := range r.Diagnostic.Fixes {
			refused[fixKey(r.Diagnostic, f)] = true
		}
	}
	return withoutRefused(&Result{Diagnostics: diags}, refused).Diagnostics
}

// NotApplied returns diags with every fix made Manual, for a file the run
// will not write (read-only, read from standard input, in a mapped
// checkout): no finding of it is marked as one --fix repairs ([*]), since
// this run repairs none. diags is not modified.
func NotApplied(diags []Diagnostic) []Diagnostic {
	out := slices.Clone(diags)
	for i := range out {
		if len(out[i].Fixes) == 0 {
			continue
		}
		out[i].Fixes = slices.Clone(out[i].Fixes)
		for j := range out[i].Fixes {
			out[i].Fixes[j].Safety = Manual
		}
	}
	return out
}

// withoutRefused returns res with the fixes --fix refused made Manual: a
// finding whose fix was rolled back is no longer marked as one --fix
// repairs ([*]); the editor still offers the fix. res is not modified.
func withoutRefused(res *Result, refused map[string]bool) *Result {
	if len(refused) == 0 {
		return res
	}
	r := *res
	r.Diagnostics = slices.Clone(res.Diagnostics)
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		for j, f := range d.Fixes {
			if f.Safety != Manual && refused[fixKey(*d, f)] {
				d.Fixes = slices.Clone(d.Fixes)
				d.Fixes[j].Safety = Manual
			}
		}
	}
	return &r
}

func fixKey(d Diagnostic, f Fix) string { return d.Rule + "\x00" + d.Message + "\x00" + f.Title }

// AddedFinding returns a finding of after (the text with fixes applied)
// that before did not have, or nil: FixFile's guard, exported for the
// fix-safety property test. A finding is the same as one before
// when it has the same rule and either the same message or the same start
// (mapped through the fixes' edits): a fix may change the text a message
// quotes (App.example.com -> app.example.com) or move a finding, not both.
// Each finding before stands for one finding after at most.
func AddedFinding(before []Diagnostic, fixes []Fix, after []Diagnostic) *Diagnostic {
	var set editSet
	for _, f := range fixes {
		set.add(f.Edits)
	}
	moved := newOffsetMap(set.edits)
	type pos struct {
		rule string
		at   int
	}
	var reveals []Range
	for _, f := range fixes {
		if f.Reveals.End > f.Reveals.Start {
			reveals = append(reveals, Range{moved.at(f.Reveals.Start), moved.at(f.Reveals.End)})
		}
	}
	revealed := func(r Range) bool {
		for _, x := range reveals {
			if x.Start <= r.Start && r.End <= x.End {
				return true
			}
		}
		return false
	}
	// Each finding before is the same as one finding after at most: the
	// same start and message first, then the same message (a finding the
	// fix moved), then the same start (one whose message changed); an
	// order of message before start keeps a moved finding from taking
	// the place another finding needs. Counting messages
	// and starts apart let a fix that adds a second finding with an
	// existing message pass (one noise finding before, two after: the old
	// one matched by its start, the new one by the old one's message).
	used := make([]bool, len(before))
	type exact struct {
		pos
		msg string
	}
	byExact := make(map[exact][]int, len(before))
	byPos := make(map[pos][]int, len(before))
	byMsg := make(map[string][]int, len(before))
	for i, d := range before {
		p := pos{d.Rule, moved.at(d.Range.Start)}
		byExact[exact{p, d.Message}] = append(byExact[exact{p, d.Message}], i)
		byPos[p] = append(byPos[p], i)
		byMsg[d.Rule+"\x00"+d.Message] = append(byMsg[d.Rule+"\x00"+d.Message], i)
	}
	// take marks the first unused finding of idx used, and returns idx
	// without the used ones it passed (each is passed once: linear).
	take := func(idx []int) ([]int, bool) {
		for len(idx) > 0 {
			j := idx[0]
			idx = idx[1:]
			if !used[j] {
				used[j] = true
				return idx, true
			}
		}
		return idx, false
	}
	matched := make([]bool, len(after))
	for pass := range 3 {
		for i, d := range after {
			if matched[i] {
				continue
			}
			p := pos{d.Rule, d.Range.Start}
			k := d.Rule + "\x00" + d.Message
			switch pass {
			case 0:
				byExact[exact{p, d.Message}], matched[i] = take(byExact[exact{p, d.Message}])
			case 1:
				byMsg[k], matched[i] = take(byMsg[k])
			case 2:
				byPos[p], matched[i] = take(byPos[p])
			}
		}
	}
	for i, d := range after {
		if !matched[i] && !revealed(d.Range) {
			return &after[i]
		}
	}
	return nil
}

// offsetMap maps offsets of a text to the text after edits (sorted, not
// overlapping) in O(log edits): each finding of a file with thousands of
// fixes was mapped by a scan of every edit.
type offsetMap struct {
	edits  []Edit
	before []int // before[i]: how far edits[:i] move what follows them
}

func newOffsetMap(edits []Edit) offsetMap {
	m := offsetMap{edits: edits, before: make([]int, len(edits)+1)}
	for i, e := range edits {
		m.before[i+1] = m.before[i] + len(e.NewText) - (e.Range.End - e.Range.Start)
	}
	return m
}

// at maps p; an offset inside an edit maps to the edit's start, and an
// insertion at p goes after it.
func (m offsetMap) at(p int) int {
	// The edits that start before p, or at p and cover it.
	i := sort.Search(len(m.edits), func(i int) bool {
		e := m.edits[i].Range
		return e.Start > p || e.Start == p && e.End == p
	})
	if i > 0 && p < m.edits[i-1].Range.End {
		return m.edits[i-1].Range.Start + m.before[i-1]
	}
	return p + m.before[i]
}

// guardShared downgrades a Safe fix to Unsafe when one of its edits touches
// shared YAML: an alias, an anchored node (whose content other places
// reuse) or a merge key and its value. Editing there changes every place
// that uses it, which the rule that wrote the fix did not look at. It
// costs one pass over the tree and the text, whatever the number of fixes.
func guardShared(doc *Document, diags []Diagnostic) {
	var anySafe bool
	for i := range diags {
		if _, ok := diags[i].SafeFix(); ok {
			anySafe = true
			break
		}
	}
	if !anySafe || doc.Root == nil {
		return
	}
	var shared []Range
	var walk func(node *yaml.Node)
	walk = func(node *yaml.Node) {
		if node.Anchor != "" || node.Kind == yaml.AliasNode {
			shared = append(shared, doc.Range(node))
		}
		for i, c := range node.Content {
			if node.Kind == yaml.MappingNode && i%2 == 0 && c.ShortTag() == "!!merge" && i+1 < len(node.Content) {
				shared = append(shared, doc.Range(c), doc.Range(node.Content[i+1]))
			}
			walk(c)
		}
	}
	walk(doc.Root)
	if len(shared) == 0 {
		return // most files: nothing to guard, nothing to allocate
	}
	// depth[i] counts the shared ranges that start at i minus those that
	// end there; its running sum says whether byte i is shared.
	n := len(doc.Source)
	depth := make([]int32, n+1)
	for _, r := range shared {
		if r.End > r.Start {
			depth[r.Start]++
			depth[r.End]--
		}
	}
	// covered[i] is the number of shared bytes before i.
	covered := make([]int32, n+1)
	var run int32
	for i := 0; i < n; i++ {
		run += depth[i]
		covered[i+1] = covered[i]
		if run > 0 {
			covered[i+1]++
		}
	}
	touches := func(e Edit) bool {
		s, t := e.Range.Start, e.Range.End
		if s == t { // an insertion: touches what is on either side of it
			s, t = max(s-1, 0), min(t+1, n)
		}
		return covered[t]-covered[s] > 0
	}
	for i := range diags {
		for j := range diags[i].Fixes {
			f := &diags[i].Fixes[j]
			if f.Safety != Safe {
				continue
			}
			for _, e := range f.Edits {
				if touches(e) {
					f.Safety = Unsafe
					break
				}
			}
		}
	}
}
