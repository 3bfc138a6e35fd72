package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// TestUnknownRuleIDs: a rule ID under rules: that names no rule is an
// error at the key; when greylint can guess the rule, the message names
// the guesses and each is a fix, Safe when it is the only one (a rule ID
// in greylint's own configuration changes no deployment) and a choice
// when several are as close; applied, a Safe fix gives a file with no
// finding that sets the rule it names. Generated from every registered
// rule ID, each with a character dropped, doubled or changed, and words
// close to nothing.
func TestUnknownRuleIDs(t *testing.T) {
	var words []string
	for _, r := range rules.All() {
		id := r.ID
		m := len(id) / 2
		words = append(words, id[:m]+id[m+1:], id[:m]+id[m:m+1]+id[m:], id[:m]+"x"+id[m+1:], strings.ToUpper(id[:1])+id[1:]+"s")
	}
	// Two IDs two edits apart around one place (duplicate-port,
	// duplicate-import): the word one edit from each is a tie.
	for _, a := range rules.All() {
		for _, b := range rules.All() {
			p, s := commonPrefix(a.ID, b.ID), commonSuffix(a.ID, b.ID)
			if p+s > min(len(a.ID), len(b.ID)) {
				continue
			}
			x, y := a.ID[p:len(a.ID)-s], b.ID[p:len(b.ID)-s]
			switch {
			case len(x) == 2 && len(y) == 0:
				words = append(words, a.ID[:p]+x[:1]+a.ID[len(a.ID)-s:])
			case len(x) == 2 && len(y) == 2:
				words = append(words, a.ID[:p]+x[:1]+y[1:]+a.ID[len(a.ID)-s:])
			}
		}
	}
	words = append(words, "zzzzzzzz", "qwertyuiop")
	seen := map[string]bool{}
	var one, several, none int
	for _, w := range words {
		if seen[w] || rules.ByID(w) != nil {
			continue
		}
		seen[w] = true
		src := fmt.Sprintf("rules:\n  %s: off\n", w)
		f, diags := Parse("/repo/.greylint.yaml", []byte(src))
		if len(diags) != 1 || diags[0].Rule != rules.InvalidValue.ID || diags[0].Severity != lint.Error {
			t.Errorf("%s: %v, want one invalid-value error", w, diags)
			continue
		}
		d := diags[0]
		if got := src[d.Range.Start:d.Range.End]; got != w {
			t.Errorf("%s: the finding is at %q, want the key", w, got)
		}
		if len(f.Severity) != 0 {
			t.Errorf("%s: severities %v set from a rule that does not exist", w, f.Severity)
		}
		switch len(d.Fixes) {
		case 0:
			none++
			if strings.Contains(d.Message, "did you mean") || !strings.Contains(d.Message, "greylint rules lists them") {
				t.Errorf("%s, no guess: %q", w, d.Message)
			}
		case 1:
			one++
			fix := d.Fixes[0]
			if fix.Safety != lint.Safe || len(fix.Edits) != 1 {
				t.Errorf("%s: the one guess %q is %v, want Safe", w, fix.Title, fix.Safety)
				continue
			}
			guess := fix.Edits[0].NewText
			if want := fmt.Sprintf("did you mean %q?", guess); !strings.Contains(d.Message, want) {
				t.Errorf("%s: %q, want it to say %s", w, d.Message, want)
			}
			fixed, n := lint.ApplyFixes([]byte(src), d.Fixes)
			g, again := Parse("/repo/.greylint.yaml", fixed)
			if n != 1 || len(again) != 0 || g.Severity[guess] != lint.Off {
				t.Errorf("%s fixed to %q: %v, severities %v", w, fixed, again, g.Severity)
			}
		default:
			several++
			for _, fix := range d.Fixes {
				if fix.Safety != lint.Manual || !strings.Contains(d.Message, fmt.Sprintf("%q", fix.Edits[0].NewText)) {
					t.Errorf("%s: guess %q is %v (a choice among %d: Manual) or not in %q", w, fix.Title, fix.Safety, len(d.Fixes), d.Message)
				}
			}
		}
	}
	if one < 50 || several == 0 || none == 0 {
		t.Errorf("%d words with one guess, %d with several, %d with none: the generator does not reach each case", one, several, none)
	}
	t.Logf("%d words: %d one guess, %d several, %d none", len(seen), one, several, none)
}

// Outside a git repository and a .greyhound/ project, discovery stops at
// the working directory: a configuration above it (a home directory's)
// does not apply to the files below it.
func TestFindStopsAtTheWorkingDirectory(t *testing.T) {
	base := t.TempDir()
	os.WriteFile(filepath.Join(base, FileName), []byte("strict: true\n"), 0o644)
	wd := filepath.Join(base, "work")
	deep := filepath.Join(wd, "a", "b")
	os.MkdirAll(deep, 0o755)
	t.Chdir(wd)
	if p, ok := Find(deep); ok {
		t.Errorf("found %s above the working directory", p)
	}
	if p, ok := Find(base); !ok || p != filepath.Join(base, FileName) {
		t.Errorf("Find(%s) = %s %v, want its own configuration", base, p, ok)
	}
	os.WriteFile(filepath.Join(wd, FileName), []byte("strict: true\n"), 0o644)
	if p, ok := Find(deep); !ok || p != filepath.Join(wd, FileName) {
		t.Errorf("Find = %s %v, want the working directory's", p, ok)
	}
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}
