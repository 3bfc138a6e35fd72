package greylint_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docs/ARCHITECTURE.md draws the packages and their imports in an
// "imports" block; it must match the code: every package drawn exists,
// every arrow is a direct import, and every import between the module's
// packages is drawn.
func TestArchitectureImports(t *testing.T) {
	src, err := os.ReadFile("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```imports\n(.*?)```").FindSubmatch(src)
	if m == nil {
		t.Fatal("docs/ARCHITECTURE.md has no imports block")
	}
	const mod = "github.com/greylint/greylint/"
	drawn := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(m[1])), "\n") {
		pkg, deps, ok := strings.Cut(line, "->")
		if !ok {
			t.Fatalf("not an arrow: %q", line)
		}
		pkg = strings.TrimSpace(pkg)
		drawn[pkg] = true
		var want []string
		for _, d := range strings.Split(deps, ",") {
			if d = strings.TrimSpace(d); d != "" {
				want = append(want, d)
			}
		}
		out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, "./"+pkg).Output()
		if err != nil {
			t.Errorf("%s: drawn, but go list fails: %v", pkg, err)
			continue
		}
		var got []string
		for _, imp := range strings.Fields(string(out)) {
			if strings.HasPrefix(imp, mod) {
				got = append(got, strings.TrimPrefix(imp, mod))
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("%s imports %v; docs/ARCHITECTURE.md draws %v", pkg, got, want)
		}
	}
	out, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p = strings.TrimPrefix(p, mod); p != "github.com/greylint/greylint" && !drawn[p] {
			t.Errorf("package %s is not in docs/ARCHITECTURE.md", p)
		}
	}
}

// Every relative link of the README and docs/ resolves to a file of the
// repository (and, with a #fragment, to a heading of it).
func TestDocLinks(t *testing.T) {
	files, _ := filepath.Glob("docs/*.md")
	files = append(files, "README.md")
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllSubmatch(src, -1) {
			target := string(m[1])
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, frag, _ := strings.Cut(target, "#")
			if path == "" {
				path = f
			} else {
				path = filepath.Join(filepath.Dir(f), path)
			}
			abs, _ := filepath.Abs(path)
			root, _ := filepath.Abs(".")
			if !strings.HasPrefix(abs, root+string(filepath.Separator)) {
				t.Errorf("%s: link %q leaves the repository", f, target)
				continue
			}
			body, err := os.ReadFile(path)
			if err != nil {
				if st, serr := os.Stat(path); serr == nil && st.IsDir() {
					continue
				}
				t.Errorf("%s: link %q: %v", f, target, err)
				continue
			}
			if frag != "" && strings.HasSuffix(path, ".md") && !hasAnchor(string(body), frag) {
				t.Errorf("%s: link %q: no heading #%s in %s", f, target, frag, path)
			}
		}
	}
}

// hasAnchor reports whether markdown has a heading whose GitHub anchor is
// frag (lower-case, spaces to '-', punctuation dropped).
func hasAnchor(markdown, frag string) bool {
	for _, line := range strings.Split(markdown, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range h {
			switch {
			case r == ' ':
				b.WriteByte('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				b.WriteRune(r)
			}
		}
		if b.String() == frag {
			return true
		}
	}
	return false
}
