package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Match says how a guess was found, which decides how far it can be
// trusted: a Twin names the same thing, the others are guesses.
type Match int

const (
	NoMatch Match = iota
	// Twin: the word differs from the candidate only in letter case and
	// '-'/'_' separators (restartPolicy and restart_policy).
	Twin
	// Near: a small edit distance (imgae and image).
	Near
	// Part: the word is part of exactly one candidate (public and
	// nginx-public).
	Part
)

// A Guess is what a word was most likely meant to be.
type Guess struct {
	// Names are the candidates, equally likely; empty when there is none.
	Names []string
	Match Match
}

// Best returns the one candidate, or "" when there is none or several
// are equally likely.
func (g Guess) Best() string {
	if len(g.Names) == 1 {
		return g.Names[0]
	}
	return ""
}

// Phrase quotes the candidates for a message: "a", or "a" or "b".
func (g Guess) Phrase() string {
	q := make([]string, len(g.Names))
	for i, n := range g.Names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Fixes turns the guess into fixes, each made by fix(name). A single twin
// is Safe when twinSafe (the caller has checked that the twin means the
// same thing where it stands); any other single candidate is Unsafe;
// several equally likely candidates are each a Manual choice, never
// applied by the CLI.
func (g Guess) Fixes(twinSafe bool, fix func(name string) Fix) []Fix {
	var out []Fix
	for _, n := range g.Names {
		f := fix(n)
		switch {
		case len(g.Names) > 1:
			f.Safety = Manual
		case g.Match == Twin && twinSafe:
			f.Safety = Safe
		default:
			f.Safety = Unsafe
		}
		out = append(out, f)
	}
	return out
}

// Suggest returns the one candidate the user most likely meant by word,
// or "" when there is none or several are equally likely (GuessName).
func Suggest(word string, candidates []string) string {
	return GuessName(word, candidates).Best()
}

// Limits that keep a guess cheap on hostile input: longer words are not
// compared by edit distance (no real name is that long), and one guess
// computes at most maxDistances edit distances (2,000 bad references
// against 2,000 names cost 4,000,000 of them).
const (
	maxGuessLen  = 64
	maxDistances = 128
	// maxPartNames bounds the search for the one name a word is part of
	// (a substring test against every name): a longer list gets no such
	// guess, so that n bad references against n names stay linear.
	maxPartNames = 1000
)

// GuessName returns what word was most likely meant to be among
// candidates. A snake_case/camelCase or case twin always wins
// (restartPolicy -> restart_policy, container_port -> containerPort);
// then the candidates at the smallest edit distance, if that distance is
// small for the word's length; then the one candidate the word is part of
// (public -> nginx-public). An exact match is no guess.
func GuessName(word string, candidates []string) Guess {
	var twins []string
	for _, c := range candidates {
		if c == word {
			return Guess{}
		}
		if SameName(c, word) && !slices.Contains(twins, c) {
			twins = append(twins, c)
		}
	}
	return guess(word, candidates, nil, nil, twins)
}

// Candidates are names indexed once for many guesses: a file's
// definitions, against which every bad reference is guessed. Looking a
// word's twins up by its folded form keeps n guesses against n names
// linear, where GuessName compares each word with every name.
type Candidates struct {
	names []string
	twins map[string][]string // names by fold, in order, without repeats

	guessOnce sync.Once     // the rest is built for the first guess
	lower     []string      // names in lower case
	byLen     map[int][]int // indices of the names by length in runes, ascending
}

// NewCandidates indexes names.
func NewCandidates(names []string) *Candidates {
	c := &Candidates{names: names, twins: make(map[string][]string, len(names))}
	for _, n := range names {
		k := fold(n)
		if !slices.Contains(c.twins[k], n) {
			c.twins[k] = append(c.twins[k], n)
		}
	}
	return c
}

// guessIndex builds what a guess reads besides the twins (a valid file
// makes no guess and pays nothing for it).
func (c *Candidates) guessIndex() {
	c.guessOnce.Do(func() {
		c.lower, c.byLen = make([]string, len(c.names)), map[int][]int{}
		for i, n := range c.names {
			c.lower[i] = strings.ToLower(n)
			l := utf8.RuneCountInString(n)
			c.byLen[l] = append(c.byLen[l], i)
		}
	})
}

// near returns the names (their indices, ascending in each list) whose
// length is within limit of wl: guess reads them in order, merged, instead
// of scanning every name.
func (c *Candidates) near(wl, limit int, buf *[7][]int) [][]int {
	n := 0
	for l := max(wl-limit, 0); l <= wl+limit && n < len(buf); l++ {
		if b := c.byLen[l]; len(b) > 0 {
			buf[n] = b
			n++
		}
	}
	return buf[:n]
}

// Names returns the names, in the order given.
func (c *Candidates) Names() []string { return c.names }

// Has reports whether name is one of the names.
func (c *Candidates) Has(name string) bool { return slices.Contains(c.twins[fold(name)], name) }

// Guess is GuessName(word, c.Names()).
func (c *Candidates) Guess(word string) Guess {
	twins := c.twins[fold(word)]
	if slices.Contains(twins, word) {
		return Guess{}
	}
	c.guessIndex()
	wl := utf8.RuneCountInString(word)
	var buf [7][]int
	return guess(word, c.names, c.lower, c.near(wl, min(1+wl/4, 3), &buf), twins)
}

// fold is the form SameName compares: lower case, without '_' and '-'.
func fold(s string) string {
	plain := true // lower-case ASCII without '_' and '-': already folded
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c < 0x80 && c != '_' && c != '-' && !(c >= 'A' && c <= 'Z')
	}
	if plain {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != '_' && r != '-' {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// guess is GuessName once the twins of word (no exact match among them)
// are known. lower, when not nil, holds the names in lower case; near,
// when not nil, lists the indices of the names within reach of word's
// length (Candidates.near), else every name is considered.
func guess(word string, names, lower []string, near [][]int, twins []string) Guess {
	var g Guess
	if len(twins) > 0 {
		g.Names = slices.Clone(twins)
		g.Match = Twin
		return g
	}
	lowerAt := func(i int) string {
		if lower != nil {
			return lower[i]
		}
		return strings.ToLower(names[i])
	}
	wl := utf8.RuneCountInString(word)
	if wl <= maxGuessLen {
		limit := min(1+wl/4, 3)
		lowerWord := strings.ToLower(word)
		best := limit + 1
		computed := 0
		consider := func(i int) bool {
			c := names[i]
			if cl := utf8.RuneCountInString(c); cl-wl > limit || wl-cl > limit {
				return true // the distance is at least the difference in length
			}
			if computed++; computed > maxDistances {
				return false
			}
			dist := editDistance(lowerWord, lowerAt(i))
			switch {
			case dist < best:
				best, g.Names = dist, []string{c}
			case dist == best && dist <= limit && !slices.Contains(g.Names, c):
				g.Names = append(g.Names, c)
			}
			return true
		}
		if near != nil {
			// The lists merged in index order: the names a scan would
			// reach first.
			var pos [7]int
			for {
				next := -1
				for k, b := range near {
					if pos[k] < len(b) && (next < 0 || b[pos[k]] < near[next][pos[next]]) {
						next = k
					}
				}
				if next < 0 || !consider(near[next][pos[next]]) {
					break
				}
				pos[next]++
			}
		} else {
			for i := range names {
				if !consider(i) {
					break
				}
			}
		}
		if len(g.Names) > 0 {
			g.Match = Near
			return g
		}
	}
	if wl >= 3 && len(names) <= maxPartNames {
		lowerWord := strings.ToLower(word)
		for i, c := range names {
			if strings.Contains(lowerAt(i), lowerWord) && !slices.Contains(g.Names, c) {
				g.Names = append(g.Names, c)
			}
		}
		if len(g.Names) == 1 {
			g.Match = Part
			return g
		}
	}
	return Guess{}
}

// SameName reports whether a and b differ only in case and separators
// (restartPolicy, restart_policy and RESTART-POLICY), without allocating.
func SameName(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] == '_' || a[i] == '-') {
			i++
		}
		for j < len(b) && (b[j] == '_' || b[j] == '-') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, sa := utf8.DecodeRuneInString(a[i:])
		rb, sb := utf8.DecodeRuneInString(b[j:])
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		i, j = i+sa, j+sb
	}
}

// editDistance is the Damerau-Levenshtein (optimal string alignment)
// distance: a transposition of two neighbours counts as one edit.
func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

func editDistance(a, b string) int {
	// Guessed names are short (maxGuessLen runes, candidates within 3 of
	// that): the runes and the three rows fit in arrays on the stack, so
	// that a guess allocates nothing (8,000 bad references allocated
	// 236 MB here).
	const short = maxGuessLen + 4
	var bufA, bufB [short]rune
	var rows [3][short + 1]int
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	var prev2, prev, cur []int
	if len(rb) < short {
		prev2, prev, cur = rows[0][:len(rb)+1], rows[1][:len(rb)+1], rows[2][:len(rb)+1]
	} else {
		prev2, prev, cur = make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
