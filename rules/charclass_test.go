package rules

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// findingsOf lints a config file and returns the findings of one rule.
func findingsOf(t *testing.T, cfg *lint.Config, rule *lint.Rule, src string) []lint.Diagnostic {
	t.Helper()
	var out []lint.Diagnostic
	for _, d := range lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg).Diagnostics {
		if d.Rule == lint.Internal.ID {
			t.Errorf("crash: %s\n%s", d.Message, src)
		}
		if d.Rule == rule.ID {
			out = append(out, d)
		}
	}
	return out
}

// TestInvalidPathFirstCharacter: an ingress path starting with each
// printable ASCII character but "/": the fix adds the "/", safely exactly
// when the character is a letter or a digit (a segment), else as a guess
// (*, .*: a pattern?).
func TestInvalidPathFirstCharacter(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	for c := byte(0x21); c < 0x7f; c++ {
		path := string(c) + "x"
		if c == '/' || strings.HasPrefix(path, "${") {
			continue
		}
		src := "services:\n  - name: api\n    image: nginx\nrules:\n  - service: api\n    hostnames: [a.example.com]\n    path: " + strconv.Quote(path) + "\n"
		got := findingsOf(t, cfg, InvalidPath, src)
		if len(got) != 1 || len(got[0].Fixes) != 1 || got[0].Fixes[0].Title != fmt.Sprintf("change to %q", "/"+path) {
			t.Errorf("path %q: %v", path, got)
			continue
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if safe := got[0].Fixes[0].Safety == lint.Safe; safe != alnum || !safe && got[0].Fixes[0].Safety != lint.Unsafe {
			t.Errorf("path %q: fix %s, want safe=%v", path, got[0].Fixes[0].Safety, alnum)
		}
	}
}

// TestInvalidNameRenameCharacters: a service name with each printable
// ASCII character inside, alone or with a capital: invalid-name offers the name Kubernetes takes
// (a capital lower-cased; "_", "." and " " made "-"; any other character
// dropped), and no finding when the character is already valid; and at
// the length limit and one past it, with a cut that ends in "-".
func TestInvalidNameRenameCharacters(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	service := func(name string) string {
		return "services:\n  - name: " + strconv.Quote(name) + "\n    image: nginx\n"
	}
	for c := byte(0x20); c < 0x7f; c++ {
		for _, name := range []string{"ab" + string(c) + "cd", "Ab" + string(c) + "cd"} {
			var mapped string
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-':
				mapped = string(c)
			case c >= 'A' && c <= 'Z':
				mapped = string(c + 'a' - 'A')
			case c == '_' || c == '.' || c == ' ':
				mapped = "-"
			}
			want := "ab" + mapped + "cd"
			if want == name {
				want = "" // valid: no finding
			}
			got := findingsOf(t, cfg, InvalidName, service(name))
			switch {
			case want == "" && len(got) != 0:
				t.Errorf("name %q: unexpected %s", name, got[0].Message)
			case want != "" && (len(got) != 1 || len(got[0].Fixes) != 1 || got[0].Fixes[0].Title != fmt.Sprintf("rename to %q", want)):
				t.Errorf("name %q: %v, want the rename to %q", name, got, want)
			}
		}
	}
	for _, tc := range []struct{ name, want string }{
		{repeat("a", 63) + "_", repeat("a", 63)},
		{repeat("a", 62) + "_b", repeat("a", 62)},
		{repeat("a", 64), repeat("a", 63)},
		{"_" + repeat("a", 63), repeat("a", 63)},
		{"_" + repeat("a", 62) + "_", repeat("a", 62)},
		{"A" + repeat("a", 62), "a" + repeat("a", 62)},
	} {
		got := findingsOf(t, cfg, InvalidName, service(tc.name))
		if len(got) != 1 || len(got[0].Fixes) != 1 || got[0].Fixes[0].Title != fmt.Sprintf("rename to %q", tc.want) {
			t.Errorf("name of %d characters %q: %v, want the rename to %q", len(tc.name), tc.name, got, tc.want)
		}
	}
}
