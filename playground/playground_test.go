package playground

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// The page indexes its text in UTF-16 code units: a finding's From/To
// and a fix's edits must land on the same characters there as the byte
// ranges do in Go, whatever comes before them (astral characters are two
// units, a multi-byte character one).
func TestUTF16Ranges(t *testing.T) {
	for _, prefix := range []string{"", "é", "🚀", "漢字", "🚀é漢\t", strings.Repeat("🚀", 40)} {
		config := "# " + prefix + "\nbuilds:\n  - name: api-build # " + prefix + "\nservices:\n  - name: api # " + prefix + prefix +
			"\n    image_from_build: api-bild\n    ports:\n      - containerPort: 80\n"
		out := Lint(config, "")
		i := slices.IndexFunc(out.Files[0].Findings, func(f Finding) bool { return f.Rule == "unknown-build" })
		if i < 0 {
			t.Fatalf("prefix %q: no unknown-build finding in %+v", prefix, out.Files[0].Findings)
		}
		f := out.Files[0].Findings[i]
		units := utf16.Encode([]rune(config))
		if got := string(utf16.Decode(units[f.From:f.To])); got != "api-bild" {
			t.Errorf("prefix %q: the finding's UTF-16 range holds %q, want %q", prefix, got, "api-bild")
		}
		if len(f.Fixes) == 0 {
			t.Fatalf("prefix %q: no fix", prefix)
		}
		for _, e := range slices.Backward(f.Fixes[0].Edits) {
			units = slices.Concat(units[:e.From], utf16.Encode([]rune(e.Text)), units[e.To:])
		}
		fixed := string(utf16.Decode(units))
		if want := strings.Replace(config, "api-bild", "api-build", 1); fixed != want {
			t.Errorf("prefix %q: the fix applied in UTF-16 gives\n%s\nwant\n%s", prefix, fixed, want)
		}
	}
}

// The safe fixes are shown as the text after them and its diff.
func TestSafeFixesAndDiff(t *testing.T) {
	config := "rules:\n  - service: api\n    path: api\nservices:\n  - name: api\n    image: nginx\n    ports:\n      - containerPort: 80\n"
	f := Lint(config, "").Files[0]
	if !strings.Contains(f.Fixed, "path: /api") || !strings.Contains(f.Diff, "-    path: api\n+    path: /api\n") {
		t.Errorf("fixed:\n%s\ndiff:\n%s", f.Fixed, f.Diff)
	}
	clean := Lint(f.Fixed, "").Files[0]
	if clean.Diff != "" || clean.Fixed != f.Fixed {
		t.Errorf("a text with nothing to fix has a diff: %q", clean.Diff)
	}
	if big := Lint(strings.Repeat("#", MaxSize+1), "").Files[0]; len(big.Findings) != 1 || big.Findings[0].Rule != "file-too-large" {
		t.Errorf("a text over MaxSize: %+v", big.Findings)
	}
}
