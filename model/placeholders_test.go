package model

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// placeholdersByScan is Placeholders as it was written first: one search
// for "}" per "${" (quadratic on a value of unclosed ones), kept as the
// reference the one-search version must agree with.
func placeholdersByScan(s string) []Placeholder {
	var out []Placeholder
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '$' {
			continue
		}
		if s[i+1] == '$' {
			i++
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		end := strings.IndexAny(s[i+2:], "}")
		next := strings.Index(s[i+2:], "${")
		if end < 0 || (next >= 0 && next < end) {
			stop := len(s)
			if next >= 0 {
				stop = i + 2 + next
			}
			out = append(out, Placeholder{Index: i, Text: s[i:stop], Name: s[i+2 : stop]})
			i = stop - 1
			continue
		}
		out = append(out, Placeholder{Index: i, Text: s[i : i+2+end+1], Name: s[i+2 : i+2+end], Closed: true})
		i += 2 + end
	}
	return out
}

func TestPlaceholdersAgreeWithTheScan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	atoms := []string{"$", "{", "}", "a", "${", "$$", "${x}", " "}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(atoms[rnd.IntN(len(atoms))])
		}
		s := b.String()
		if got, want := Placeholders(s), placeholdersByScan(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Placeholders(%q) = %+v, want %+v", s, got, want)
		}
	}
}
