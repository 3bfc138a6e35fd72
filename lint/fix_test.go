package lint

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestApplyFixesMatchesAReference: on random fixes of one to three edits
// (replacements, deletions, insertions, at the text's ends too),
// ApplyFixes takes a fix exactly when none of its edits overlaps an edit
// taken before or another of its own (two insertions at one point
// overlap), and writes what applying the taken edits one by one, from the
// last, writes.
func TestApplyFixesMatchesAReference(t *testing.T) {
	overlap := func(a, b Range) bool {
		return a.Start == b.Start || a.Start < b.End && b.Start < a.End
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	taken, skipped := 0, 0
	for range 3000 {
		n := 1 + rnd.IntN(30)
		src := []byte(strings.Repeat("abcdefghij", 3)[:n])
		var fixes []Fix
		for k := rnd.IntN(8); k >= 0; k-- {
			var f Fix
			for m := rnd.IntN(3); m >= 0; m-- {
				s := rnd.IntN(n + 1)
				e := min(s+[]int{0, 0, 1, 2, 5}[rnd.IntN(5)], n)
				f.Edits = append(f.Edits, Edit{Range: Range{s, e}, NewText: strings.Repeat("X", rnd.IntN(3)) + fmt.Sprint(k)})
			}
			fixes = append(fixes, f)
		}
		var edits []Edit
		want := 0
	fix:
		for _, f := range fixes {
			for i, e := range f.Edits {
				for _, o := range append(slices.Clone(edits), f.Edits[:i]...) {
					if overlap(e.Range, o.Range) {
						skipped++
						continue fix
					}
				}
			}
			edits = append(edits, f.Edits...)
			want++
		}
		slices.SortFunc(edits, func(a, b Edit) int { return b.Range.Start - a.Range.Start })
		out := string(src)
		for _, e := range edits {
			out = out[:e.Range.Start] + e.NewText + out[e.Range.End:]
		}
		got, applied := ApplyFixes(src, fixes)
		if string(got) != out || applied != want {
			t.Fatalf("ApplyFixes(%q, %v) = %q, %d; want %q, %d", src, fixes, got, applied, out, want)
		}
		taken += want
	}
	if taken < 1000 || skipped < 1000 {
		t.Errorf("%d fixes taken, %d skipped: the cases miss one side", taken, skipped)
	}
}

// fixRules are rules whose fixes FixFile must keep or roll back, by the
// values of a file's top-level entries:
//
//	bad     a Safe fix to fine
//	worse   a Safe fix to bad (whose fix the next round applies)
//	risky   an Unsafe fix to fine
//	manual  a Manual fix to fine
//	clash   a Safe fix renaming its key to k0 (a duplicate key: rolled back)
//	loud    a Safe fix to noisy, which noise reports (rolled back)
//	reveal  a Safe fix to noisy that declares the value revealed (kept)
//	noop    a Safe fix that writes what is there
//	noisy   no fix; noise reports it (a loud fix then adds a second)
//	spaced  a Safe fix rewriting the entry with two spaces after the key
//	        (its finding stays, moved)
//	twin    a Safe fix renaming its key to same (the first is kept, the
//	        others would duplicate it)
//
// checks counts the analyses.
func fixRules(checks *atomic.Int64) []*Rule {
	return []*Rule{
		DuplicateKey,
		{ID: "count", Severity: Info, Run: func(p *Pass) { checks.Add(1) }},
		{ID: "fixme", Severity: Warning, Run: func(p *Pass) {
			root := p.Doc.Root
			for i := 0; i+1 < len(root.Content); i += 2 {
				k, v := root.Content[i], root.Content[i+1]
				kr, vr := p.Doc.Range(k), p.Doc.Range(v)
				to := func(s string, safety Safety) Fix {
					return Fix{Title: "change to " + s, Edits: []Edit{{Range: vr, NewText: s}}, Safety: safety}
				}
				msg := fmt.Sprintf("%s is %s", k.Value, v.Value)
				switch v.Value {
				case "bad":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("fine", Safe)}})
				case "worse":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("bad", Safe)}})
				case "risky":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("fine", Unsafe)}})
				case "manual":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("fine", Manual), to("ok", Safe)}})
				case "spaced":
					// The finding stays, moved inside the fix's edit: the
					// guard knows it by its message.
					var fixes []Fix
					if string(p.Doc.Source[kr.End:vr.Start]) == ": " {
						fixes = []Fix{{Title: "space", Edits: []Edit{{Range: Range{kr.Start, vr.End}, NewText: k.Value + ":  spaced"}}, Safety: Safe}}
					}
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: fixes})
				case "noop":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("noop", Safe)}})
				case "loud":
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{to("noisy", Safe)}})
				case "reveal":
					f := to("noisy", Safe)
					f.Reveals = vr
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{f}})
				case "clash":
					if k.Value == "k0" {
						break // renamed to itself: no fix
					}
					p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{{Title: "rename to k0", Edits: []Edit{{Range: kr, NewText: "k0"}}, Safety: Safe}}})
				case "twin":
					if k.Value != "same" {
						p.Report(Diagnostic{Range: vr, Message: msg, Fixes: []Fix{{Title: "rename to same", Edits: []Edit{{Range: kr, NewText: "same"}}, Safety: Safe}}})
					}
				}
			}
		}},
		{ID: "noise", Severity: Warning, Run: func(p *Pass) {
			for _, n := range p.Doc.Root.Content {
				if n.Value == "noisy" {
					p.Reportf(p.Doc.Range(n), "noisy")
				}
			}
		}},
	}
}

// TestFixFileKeepsWhatAddsNothing: on random files of the entries
// fixRules knows, FixFile (with and without unsafe fixes) applies every
// Safe fix (Unsafe ones when asked), in as many rounds as the fixes
// reveal, never a Manual one, and rolls back each fix that adds a finding
// (a duplicate key, a finding of another rule outside what the fix
// reveals; of two fixes fine alone but not together, the second),
// reporting it in Rejected and making it Manual in its Result and in
// Unmarked. Its Result is the analysis of its Source.
func TestFixFileKeepsWhatAddsNothing(t *testing.T) {
	var checks atomic.Int64
	cfg := &Config{Rules: fixRules(&checks)}
	rnd := rand.New(rand.NewPCG(9, 10))
	values := []string{"bad", "worse", "risky", "manual", "clash", "loud", "reveal", "twin", "spaced", "noisy", "ok"}
	seen := map[string]int{}
	for round := range 150 {
		var b strings.Builder
		var vals []string
		want := map[string]string{} // key -> value after --fix
		rejected := map[string]bool{}
		unsafe := rnd.IntN(2) == 0
		twins := 0
		for i := range 1 + rnd.IntN(12) {
			v := values[rnd.IntN(len(values))]
			if i == 0 && v == "twin" {
				v = "ok" // k0 stays, for the clashes
			}
			vals = append(vals, v)
			k := fmt.Sprintf("k%d", i)
			fmt.Fprintf(&b, "%s: %s\n", k, v)
			switch v {
			case "bad", "worse":
				want[k] = "fine"
			case "risky":
				want[k] = map[bool]string{true: "fine", false: "risky"}[unsafe]
			case "reveal":
				want[k] = "noisy"
			case "clash":
				want[k] = v
				if i > 0 {
					rejected[k+" is clash"] = true
				}
			case "loud":
				want[k] = v
				rejected[k+" is loud"] = true
			case "twin":
				if twins++; twins == 1 {
					delete(want, k)
					want["same"] = v
				} else {
					want[k] = v
					rejected[k+" is twin"] = true
				}
			default:
				want[k] = v
			}
			seen[v]++
		}
		src := []byte(b.String())
		f := &File{Path: ".greyhound/config.yaml", Source: src}
		res := Analyze(context.Background(), f, cfg)
		before := slices.Clone(res.Diagnostics)
		for i := range before {
			before[i].Fixes = slices.Clone(before[i].Fixes)
		}
		checks.Store(0)
		fr := FixFile(context.Background(), f, cfg, res, unsafe)
		var got map[string]string
		if err := yaml.Unmarshal(fr.Source, &got); err != nil {
			t.Fatalf("round %d: --fix of\n%s wrote text that does not load: %v\n%s", round, src, err, fr.Source)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d (unsafe %v): --fix of\n%s gives %v, want %v\n%s", round, unsafe, src, got, want, fr.Source)
		}
		if n := checks.Load(); n > maxFixChecks {
			t.Fatalf("round %d: %d analyses, more than %d", round, n, maxFixChecks)
		}
		// The result is the analysis of the source.
		again := Analyze(context.Background(), &File{Path: f.Path, Source: fr.Source}, cfg)
		if len(again.Diagnostics) != len(fr.Result.Diagnostics) {
			t.Fatalf("round %d: FixFile's result %v, the analysis of its source %v", round, fr.Result.Diagnostics, again.Diagnostics)
		}
		// What was rejected, and why.
		gotRejected := map[string]bool{}
		for _, r := range fr.Rejected {
			gotRejected[r.Diagnostic.Message] = true
			if r.Lines == nil || !strings.HasPrefix(r.Reason, "not applied: it would add ") {
				t.Errorf("round %d: rejected %v with reason %q", round, r.Diagnostic, r.Reason)
			}
			if wantRule := map[bool]string{true: "duplicate-key", false: "noise"}[!strings.HasSuffix(r.Diagnostic.Message, "loud")]; !strings.HasPrefix(r.Reason, "not applied: it would add "+wantRule+" (") {
				t.Errorf("round %d: %q rejected: %s", round, r.Diagnostic.Message, r.Reason)
			}
		}
		if fmt.Sprint(gotRejected) != fmt.Sprint(rejected) {
			t.Fatalf("round %d: --fix of\n%s rejected %v, want %v\n%s", round, src, gotRejected, rejected, fr.Source)
		}
		// The fixes left: Manual when rejected, as they were otherwise.
		applied := 0
		for _, d := range fr.Result.Diagnostics {
			if d.Rule != "fixme" {
				continue
			}
			if _, auto := d.AutoFix(unsafe); auto && rejected[d.Message] {
				t.Errorf("round %d: %q is still marked as one --fix repairs", round, d.Message)
			}
			if _, auto := d.AutoFix(unsafe); !auto && !rejected[d.Message] && !strings.HasSuffix(d.Message, "manual") && !strings.HasSuffix(d.Message, "risky") && !strings.HasSuffix(d.Message, "spaced") {
				t.Errorf("round %d: %q lost its fix: %v", round, d.Message, d.Fixes)
			}
		}
		for _, v := range vals {
			switch {
			case v == "bad" || v == "reveal" || v == "spaced" || v == "risky" && unsafe:
				applied++
			case v == "worse":
				applied += 2
			}
		}
		if twins > 0 {
			applied++
		}
		if fr.Applied != applied {
			t.Errorf("round %d: --fix of\n%s applied %d fixes, want %d", round, src, fr.Applied, applied)
		}
		// Unmarked makes the rejected fixes of the findings before Manual,
		// and no other; NotApplied makes every fix Manual; neither changes
		// what it is given.
		um := fr.Unmarked(res.Diagnostics)
		na := NotApplied(res.Diagnostics)
		for i, d := range res.Diagnostics {
			if fmt.Sprint(d) != fmt.Sprint(before[i]) {
				t.Fatalf("round %d: the findings FixFile was given changed: %v, was %v", round, d, before[i])
			}
			for j, f := range d.Fixes {
				wantSafety := f.Safety
				if rejected[d.Message] {
					wantSafety = Manual
				}
				if um[i].Fixes[j].Safety != wantSafety || na[i].Fixes[j].Safety != Manual {
					t.Errorf("round %d: %q fix %d: Unmarked %v (want %v), NotApplied %v", round, d.Message, j, um[i].Fixes[j].Safety, wantSafety, na[i].Fixes[j].Safety)
				}
			}
		}
	}
	for _, v := range values {
		if seen[v] < 50 {
			t.Errorf("only %d cases of %s", seen[v], v)
		}
	}
}

// TestFixFileStaysWithinItsChecks: a file whose fixes all add findings
// costs at most maxFixChecks analyses; the fixes it could not check are
// rejected as such, never applied.
func TestFixFileStaysWithinItsChecks(t *testing.T) {
	var checks atomic.Int64
	cfg := &Config{Rules: fixRules(&checks)}
	var b strings.Builder
	b.WriteString("k0: ok\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&b, "k%d: %s\n", i, []string{"clash", "loud"}[i%2])
	}
	f := &File{Path: ".greyhound/config.yaml", Source: []byte(b.String())}
	res := Analyze(context.Background(), f, cfg)
	checks.Store(0)
	fr := FixFile(context.Background(), f, cfg, res, false)
	if n := checks.Load(); n != maxFixChecks {
		t.Errorf("%d analyses, want %d", n, maxFixChecks)
	}
	if string(fr.Source) != b.String() || fr.Applied != 0 {
		t.Errorf("%d fixes applied", fr.Applied)
	}
	tooMany := 0
	for _, r := range fr.Rejected {
		if strings.Contains(r.Reason, "too many fixes") {
			tooMany++
		}
	}
	if len(fr.Rejected) != 120 || tooMany == 0 || tooMany == 120 {
		t.Errorf("%d rejected, %d of them unchecked; want 120, some checked", len(fr.Rejected), tooMany)
	}
	for _, d := range fr.Result.Diagnostics {
		if _, ok := d.AutoFix(true); ok {
			t.Fatalf("%v is still marked as one --fix repairs", d)
		}
	}
	// Fixes fine alone but not together (each renames its key to the
	// same name): the checks stop at the budget too, and one is kept.
	b.Reset()
	for i := range 120 {
		fmt.Fprintf(&b, "k%d: twin\n", i)
	}
	f = &File{Path: ".greyhound/config.yaml", Source: []byte(b.String())}
	res = Analyze(context.Background(), f, cfg)
	checks.Store(0)
	fr = FixFile(context.Background(), f, cfg, res, false)
	if n := checks.Load(); n > maxFixChecks || fr.Applied != 1 || !strings.HasPrefix(string(fr.Source), "same: twin\n") {
		t.Errorf("%d analyses (at most %d), %d fixes applied (want 1):\n%.40s", n, maxFixChecks, fr.Applied, fr.Source)
	}
	// A file with nothing --fix applies costs no analysis.
	f = &File{Path: ".greyhound/config.yaml", Source: []byte("k0: ok\nk1: manual\nk2: risky\n")}
	res = Analyze(context.Background(), f, cfg)
	checks.Store(0)
	if fr = FixFile(context.Background(), f, cfg, res, false); checks.Load() != 0 || string(fr.Source) != string(f.Source) {
		t.Errorf("%d analyses of a file with nothing to fix", checks.Load())
	}
	// Fixes that change nothing are checked once, and none is counted.
	f = &File{Path: ".greyhound/config.yaml", Source: []byte("k0: noop\nk1: noop\n")}
	res = Analyze(context.Background(), f, cfg)
	checks.Store(0)
	if fr = FixFile(context.Background(), f, cfg, res, false); checks.Load() != 1 || fr.Applied != 0 {
		t.Errorf("%d analyses and %d fixes applied for fixes that change nothing, want 1 and 0", checks.Load(), fr.Applied)
	}
}

// TestSharedYAMLMakesFixesUnsafe: a Safe fix whose edit touches shared
// YAML (an alias, an anchored node, a merge key or its value; an
// insertion touches the bytes on either side) is made Unsafe, and no
// other fix changes, on random edits of random files with anchors,
// aliases and merges: the same as an overlap test against each shared
// range.
func TestSharedYAMLMakesFixesUnsafe(t *testing.T) {
	parts := []string{
		"base: &b {image: x, n: 1}\n",
		"svc:\n  name: api\n  <<: *b\n",
		"list: &l [a, b]\n",
		"more: [*l, c]\n",
		"plain: v\n",
		"deep:\n  inner: &i\n    k: v\n  other:\n    <<: [*i]\n    z: 1\n",
		"tagged: !!str &t word\n",
		"ref: *t\n",
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	unsafe, safe := 0, 0
	for range 300 {
		var b strings.Builder
		used := map[int]bool{}
		for range 1 + rnd.IntN(6) {
			i := rnd.IntN(len(parts))
			if used[i] || (i == 1 && !used[0]) || (i == 3 && !used[2]) || (i == 7 && !used[6]) {
				continue // each once, anchors before their aliases
			}
			used[i] = true
			b.WriteString(parts[i])
		}
		src := b.String()
		if src == "" {
			continue
		}
		n := len(src)
		var edits []Edit
		for range 20 {
			s := rnd.IntN(n + 1)
			edits = append(edits, Edit{Range: Range{s, min(s+rnd.IntN(4), n)}, NewText: "x"})
		}
		rule := &Rule{ID: "edits", Severity: Warning, Run: func(p *Pass) {
			for i, e := range edits {
				p.Report(Diagnostic{Range: e.Range, Message: fmt.Sprint("edit ", i), Fixes: []Fix{{Title: "edit", Edits: []Edit{e}, Safety: Safe}, {Title: "manual", Edits: []Edit{e}}}})
			}
		}}
		res := Analyze(context.Background(), &File{Path: ".greyhound/config.yaml", Source: []byte(src)}, &Config{Rules: []*Rule{rule}})
		var shared []Range
		var walk func(x *yaml.Node)
		walk = func(x *yaml.Node) {
			if x.Anchor != "" || x.Kind == yaml.AliasNode {
				shared = append(shared, res.Doc.Range(x))
			}
			for i, c := range x.Content {
				if x.Kind == yaml.MappingNode && i%2 == 0 && c.Value == "<<" {
					shared = append(shared, res.Doc.Range(c), res.Doc.Range(x.Content[i+1]))
				}
				walk(c)
			}
		}
		walk(res.Doc.Root)
		for _, d := range res.Diagnostics {
			if d.Rule != "edits" {
				t.Fatalf("%q: %v", src, d)
			}
			e := d.Fixes[0].Edits[0].Range
			s, end := e.Start, e.End
			if s == end {
				s, end = max(s-1, 0), min(end+1, n)
			}
			want := Safe
			for _, r := range shared {
				if r.Start < end && s < r.End {
					want = Unsafe
				}
			}
			if d.Fixes[0].Safety != want || d.Fixes[1].Safety != Manual {
				t.Fatalf("%q: the fix editing %v (%q) is %v, want %v (shared: %v)", src, e, src[e.Start:e.End], d.Fixes[0].Safety, want, shared)
			}
			if want == Unsafe {
				unsafe++
			} else {
				safe++
			}
		}
	}
	if unsafe < 500 || safe < 500 {
		t.Errorf("%d fixes made unsafe, %d kept safe: one side is missing", unsafe, safe)
	}
}
