package lint

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSuggest(t *testing.T) {
	fields := []string{"restart_policy", "replicas", "image", "image_from_build", "mount_path", "containerPort"}
	tests := []struct{ word, want string }{
		{"restartPolicy", "restart_policy"},
		{"RESTART_POLICY", "restart_policy"},
		{"replica", "replicas"},
		{"imgae", "image"},
		{"imageFromBuild", "image_from_build"},
		{"container_port", "containerPort"},
		{"mountPath", "mount_path"},
		{"livenessProbe", ""},
		{"image", ""}, // an exact match is not a suggestion
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, fields); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Suggest("public", []string{"nginx-internal", "nginx-public"}); got != "nginx-public" {
		t.Errorf("Suggest(public) = %q, want nginx-public", got)
	}
}

func TestGuessName(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		names      []string
		match      Match
	}{
		{"restartPolicy", []string{"restart_policy", "replicas"}, []string{"restart_policy"}, Twin},
		{"imgae", []string{"image", "image_from_build"}, []string{"image"}, Near},
		// Two candidates at the same distance: a tie, never one guess.
		{"apx", []string{"api", "app", "web"}, []string{"api", "app"}, Near},
		{"public", []string{"nginx-internal", "nginx-public"}, []string{"nginx-public"}, Part},
		{"api", []string{"api", "api2"}, nil, NoMatch}, // an exact match is no guess
		// A hostile name is not compared by edit distance.
		{strings.Repeat("a", 100_000), []string{strings.Repeat("a", 99_999)}, nil, NoMatch},
	}
	for _, tt := range tests {
		g := GuessName(tt.word, tt.candidates)
		if !slices.Equal(g.Names, tt.names) || g.Match != tt.match {
			t.Errorf("GuessName(%.20q) = %v %v, want %v %v", tt.word, g.Names, g.Match, tt.names, tt.match)
		}
	}
	if got := (Guess{Names: []string{"a", "b", "c"}}).Phrase(); got != `"a", "b" or "c"` {
		t.Errorf("Phrase = %s", got)
	}
}

func TestGuessFixesSafety(t *testing.T) {
	mk := func(s string) Fix { return Fix{Title: s} }
	tests := []struct {
		g        Guess
		twinSafe bool
		want     []Safety
	}{
		{Guess{[]string{"restart_policy"}, Twin}, true, []Safety{Safe}},
		{Guess{[]string{"restart_policy"}, Twin}, false, []Safety{Unsafe}},
		{Guess{[]string{"image"}, Near}, true, []Safety{Unsafe}},
		{Guess{[]string{"nginx-public"}, Part}, true, []Safety{Unsafe}},
		{Guess{[]string{"api", "app"}, Near}, true, []Safety{Manual, Manual}},
	}
	for _, tt := range tests {
		var got []Safety
		for _, f := range tt.g.Fixes(tt.twinSafe, mk) {
			got = append(got, f.Safety)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v twinSafe=%v: got %v, want %v", tt.g, tt.twinSafe, got, tt.want)
		}
	}
}

func TestApplyFixesSkipsOverlaps(t *testing.T) {
	src := []byte("abcdef")
	fixes := []Fix{
		{Edits: []Edit{{Range: Range{0, 2}, NewText: "X"}}},
		{Edits: []Edit{{Range: Range{1, 3}, NewText: "Y"}}}, // overlaps the first
		{Edits: []Edit{{Range: Range{5, 6}, NewText: "W"}}},
	}
	got, n := ApplyFixes(src, fixes)
	if string(got) != "XcdeW" || n != 2 {
		t.Errorf("got %q (%d fixes), want %q (2)", got, n, "XcdeW")
	}
}

func TestAutoFix(t *testing.T) {
	d := func(s ...Safety) Diagnostic {
		var fs []Fix
		for _, x := range s {
			fs = append(fs, Fix{Safety: x})
		}
		return Diagnostic{Fixes: fs}
	}
	tests := []struct {
		d            Diagnostic
		safe, unsafe bool
	}{
		{d(Safe), true, true},
		{d(Unsafe), false, true},
		{d(Manual), false, false},
		{d(Manual, Manual), false, false},
		{d(), false, false},
	}
	for i, tt := range tests {
		_, s := tt.d.AutoFix(false)
		_, u := tt.d.AutoFix(true)
		if s != tt.safe || u != tt.unsafe {
			t.Errorf("case %d: AutoFix(false)=%v AutoFix(true)=%v, want %v %v", i, s, u, tt.safe, tt.unsafe)
		}
	}
}

// The offset map agrees with a scan of every edit, on random edits.
func TestOffsetMapMatchesAScan(t *testing.T) {
	naive := func(edits []Edit, p int) int {
		delta := 0
		for _, e := range edits {
			if e.Range.Start >= p && !(e.Range.Start == p && e.Range.End > p) {
				break
			}
			if p < e.Range.End {
				return e.Range.Start + delta
			}
			delta += len(e.NewText) - (e.Range.End - e.Range.Start)
		}
		return p + delta
	}
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		var set editSet
		for range 20 {
			s := r.IntN(200)
			set.add([]Edit{{Range: Range{s, s + r.IntN(4)}, NewText: strings.Repeat("x", r.IntN(5))}})
		}
		m := newOffsetMap(set.edits)
		for p := 0; p <= 210; p++ {
			if got, want := m.at(p), naive(set.edits, p); got != want {
				t.Fatalf("edits %v: at(%d) = %d, want %d", set.edits, p, got, want)
			}
		}
		for i := 1; i < len(set.edits); i++ {
			a, b := set.edits[i-1].Range, set.edits[i].Range
			if a.End > b.Start || a.Start == b.Start {
				t.Fatalf("the set holds overlapping edits %v and %v", a, b)
			}
		}
	}
}

// Candidates index names for many guesses; every answer must be the one
// GuessName gives by comparing the word with each name: twins across case
// and separators, exact matches, near names, parts, repeats and bytes that
// are not UTF-8.
func TestCandidatesGuessLikeGuessName(t *testing.T) {
	names := []string{"restart_policy", "restartPolicy", "api", "API", "api-v2", "web", "web", "nginx-public", "Straße", "\xff\xfeab", "a_b-c"}
	words := []string{"RESTART-POLICY", "restart_policy", "api", "Api", "apiv2", "api_v2", "wbe", "public", "STRASSE", "straße", "\xfe\xffab", "abc", "A-B_C", "nothing-like-it", "", "-"}
	c := NewCandidates(names)
	for _, w := range words {
		want := GuessName(w, names)
		if got := c.Guess(w); !slices.Equal(got.Names, want.Names) || got.Match != want.Match {
			t.Errorf("Guess(%q) = %v %v, GuessName gives %v %v", w, got.Names, got.Match, want.Names, want.Match)
		}
		if got, want := c.Has(w), slices.Contains(names, w); got != want {
			t.Errorf("Has(%q) = %v, want %v", w, got, want)
		}
	}
}

// fold returns an already folded name as it is; every other name goes
// through the rune loop. Both give what the rune loop gives.
func TestFold(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r != '_' && r != '-' {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	for _, s := range []string{"", "api", "API", "Api", "api_key", "api-key", "a9.b", "ÄPI", "é", "K", "redis0", "x_", "-"} {
		if got, want := fold(s), slow(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// A guess against many names stays bounded and allocates nothing: distances
// only for the first maxDistances+1 names within reach of the word's
// length, read from the length index (n bad references against n names scanned every name per
// reference: 8,000 of each took 1.5 s), and no search for the one name
// the word is part of past maxPartNames names. With fewer names the
// index guesses exactly as the scan does.
func TestGuessesAgainstManyNames(t *testing.T) {
	var many []string
	for i := range 8000 {
		many = append(many, fmt.Sprintf("build-%d", i))
	}
	c := NewCandidates(many)
	if a := testing.AllocsPerRun(10, func() { c.Guess("nope-12345") }); a > 2 {
		t.Errorf("a guess against %d names allocates %.0f times", len(many), a)
	}
	if g := c.Guess("d-7999"); g.Match == Part {
		t.Errorf("a part-of guess among %d names: %v", len(many), g.Names)
	}
	few := many[:300]
	cf := NewCandidates(few)
	for _, w := range []string{"build-17", "biuld-17", "build-2999", "uild-299", "nope-1", "build_17", "BUILD-17"} {
		if got, want := cf.Guess(w), GuessName(w, few); !slices.Equal(got.Names, want.Names) || got.Match != want.Match {
			t.Errorf("Guess(%q) = %v %v, GuessName says %v %v", w, got.Match, got.Names, want.Match, want.Names)
		}
	}
}

// A Near guess is within the limit for the word's length, on both sides of
// it: every name at the limit is offered and none one past it (args was
// offered ports, at distance 3 where a 4-letter word allows 2).
func TestNearGuessLimitEdges(t *testing.T) {
	alphabet := []rune("abcdefgh_")
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 3000 {
		w := word(2 + rnd.IntN(12))
		names := []string{word(1 + rnd.IntN(14)), word(1 + rnd.IntN(14)), word(1 + rnd.IntN(14))}
		limit := min(1+utf8.RuneCountInString(w)/4, 3)
		g := GuessName(w, names)
		if g.Match != Near {
			for _, n := range names {
				if d := editDistance(strings.ToLower(w), strings.ToLower(n)); d <= limit && !SameName(w, n) && g.Match != Twin {
					t.Fatalf("GuessName(%q, %q) = %v, but %q is at distance %d <= %d", w, names, g, n, d, limit)
				}
			}
			continue
		}
		for _, n := range g.Names {
			if d := editDistance(strings.ToLower(w), strings.ToLower(n)); d > limit {
				t.Fatalf("GuessName(%q, %q) offers %q at distance %d, past the limit %d", w, names, n, d, limit)
			}
		}
	}
}
