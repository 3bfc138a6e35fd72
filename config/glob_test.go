package config

import (
	"path"
	"strings"
	"testing"
)

// globRegexp says what path.Match says for every pattern without "**",
// on every pattern and path of up to four characters from an alphabet
// around its syntax; "**" crosses directories; the length limit holds at
// its edge.
func TestGlobAgreesWithPathMatch(t *testing.T) {
	var strs func(alphabet string, n int) []string
	strs = func(alphabet string, n int) []string {
		out := []string{""}
		if n == 0 {
			return out
		}
		for _, s := range strs(alphabet, n-1) {
			for _, c := range alphabet {
				out = append(out, s+string(c))
			}
		}
		return out
	}
	paths := strs("ab/.", 4)
	for _, pattern := range strs("a/*?.", 4) {
		if strings.Contains(pattern, "**") {
			continue
		}
		re, err := globRegexp(pattern)
		if err != nil {
			t.Fatalf("%q: %v", pattern, err)
		}
		for _, p := range paths {
			want, _ := path.Match(strings.TrimPrefix(pattern, "./"), p)
			if got := re.MatchString(p); got != want {
				t.Fatalf("glob %q on %q: %v, path.Match says %v", pattern, p, got, want)
			}
		}
	}
	for pattern, cases := range map[string]map[string]bool{
		"a/**":    {"a/x": true, "a/x/y": true, "a": false, "b/a/x": false},
		"**/b":    {"b": true, "x/b": true, "x/y/b": true, "xb": false},
		"a/**/b":  {"a/b": true, "a/x/b": true, "a/x/y/b": true, "ab": false},
		"a**":     {"a": true, "ax/y": true, "b": false},
		"./a/*.y": {"a/x.y": true, "a/b/x.y": false},
	} {
		re, err := globRegexp(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for p, want := range cases {
			if got := re.MatchString(p); got != want {
				t.Errorf("glob %q on %q: %v, want %v", pattern, p, got, want)
			}
		}
	}
	if _, err := globRegexp(strings.Repeat("a", maxGlob)); err != nil {
		t.Errorf("a pattern of %d bytes: %v", maxGlob, err)
	}
	if _, err := globRegexp(strings.Repeat("a", maxGlob+1)); err == nil {
		t.Errorf("a pattern of %d bytes was accepted", maxGlob+1)
	}
}
