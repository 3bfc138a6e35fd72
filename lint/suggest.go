package lint

import (
	"strings"
	"unicode"
)

// Suggest returns the candidate the user most likely meant by word, or "".
// A case-insensitive match or a snake_case/camelCase twin always wins
// (restartPolicy -> restart_policy, container_port -> containerPort);
// otherwise the candidate with the smallest edit distance, if that distance
// is small for the word's length.
func Suggest(word string, candidates []string) string {
	norm := normalizeName(word)
	for _, c := range candidates {
		if c != word && normalizeName(c) == norm {
			return c
		}
	}
	// A value that is part of exactly one candidate (public ->
	// nginx-public) is meant to be that candidate.
	if len(word) >= 3 {
		var part []string
		for _, c := range candidates {
			if strings.Contains(strings.ToLower(c), strings.ToLower(word)) {
				part = append(part, c)
			}
		}
		if len(part) == 1 && part[0] != word {
			return part[0]
		}
	}
	best, bestDist := "", 0
	limit := 1 + len(word)/4
	if limit > 3 {
		limit = 3
	}
	for _, c := range candidates {
		if c == word {
			continue
		}
		dist := editDistance(strings.ToLower(word), strings.ToLower(c))
		if dist <= limit && (best == "" || dist < bestDist) {
			best, bestDist = c, dist
		}
	}
	return best
}

// SameName reports whether a and b differ only in case and separators
// (restartPolicy and restart_policy).
func SameName(a, b string) bool { return normalizeName(a) == normalizeName(b) }

// normalizeName lower-cases and drops separators, so that restartPolicy,
// restart_policy, RESTART-POLICY all compare equal.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r == '-' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// editDistance is the Damerau-Levenshtein (optimal string alignment)
// distance: a transposition of two neighbours counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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
