package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/config"
)

// N3: a .greyhound link that leaves the directory holding it is no
// .greyhound directory for RootOf, ConfigNames and Walk alike; one that
// stays inside is one for all three.
func TestGreyhoundLinkAgreesEverywhere(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "outside/api-config.yaml"), "services: []\n")
	write(t, filepath.Join(base, "in/deploy/greyhound/api-config.yaml"), "services: []\n")
	write(t, filepath.Join(base, "out/sub/x.yaml"), "a: 1\n")
	write(t, filepath.Join(base, "in/sub/x.yaml"), "a: 1\n")
	if err := os.Symlink("../outside", filepath.Join(base, "out/.greyhound")); err != nil {
		t.Skip(err)
	}
	os.Symlink("deploy/greyhound", filepath.Join(base, "in/.greyhound"))
	for _, c := range []struct {
		dir  string
		want bool
	}{{"out", false}, {"in", true}} {
		dir := filepath.Join(base, c.dir)
		cfg := &config.File{Path: filepath.Join(dir, ".greylint.yaml"), Repository: "o/" + c.dir}
		w := New(dir, cfg)
		names := w.ConfigNames("o/" + c.dir)
		walked := Walk(dir, func(s string) string { return s }, nil)
		root := RootOf(filepath.Join(dir, "sub", "x.yaml"))
		ok, why := HasGreyhoundDir(dir)
		if got := slices.Contains(names, ".greyhound/api-config.yaml"); got != c.want {
			t.Errorf("%s: ConfigNames %v", c.dir, names)
		}
		if got := len(walked) == 1; got != c.want {
			t.Errorf("%s: Walk %v", c.dir, walked)
		}
		if got := root == dir; got != c.want {
			t.Errorf("%s: RootOf %s", c.dir, root)
		}
		if ok != c.want || (!c.want && !strings.Contains(why, "outside")) {
			t.Errorf("%s: HasGreyhoundDir %v %q", c.dir, ok, why)
		}
	}
}

// A mapped checkout whose path is shorter than the root's and not under
// it (aa next to bbbb) is read as its own root: an in-checkout link of it
// is followed (the old checkoutOf compared lengths and took the root).
func TestMappedCheckoutIsItsOwnRoot(t *testing.T) {
	base := t.TempDir()
	root, mapped := filepath.Join(base, "bbbb"), filepath.Join(base, "aa")
	write(t, filepath.Join(root, ".greyhound/config.yaml"), "services: []\n")
	write(t, filepath.Join(mapped, "deploy/real.yaml"), "services:\n  - name: web\n    image: nginx\n")
	os.MkdirAll(filepath.Join(mapped, ".greyhound"), 0o755)
	if err := os.Symlink("../deploy/real.yaml", filepath.Join(mapped, ".greyhound/config.yaml")); err != nil {
		t.Skip(err)
	}
	w := New(root, &config.File{Repository: "o/root", Repositories: map[string]string{"o/mapped": mapped}})
	f, ok := w.Open("o/mapped", ".greyhound/config.yaml")
	if !ok || f == nil || f.Doc == nil {
		t.Fatalf("the mapped checkout's config was not read: %+v", f)
	}
	if r := w.RootFor(filepath.Join(mapped, ".greyhound/config.yaml")); r.Dir() != mapped || !r.ReadOnly() {
		t.Errorf("root %s (read-only %v), want %s read-only", r.Dir(), r.ReadOnly(), mapped)
	}
	if r := w.RootFor(filepath.Join(base, "elsewhere.yaml")); !r.IsZero() {
		t.Errorf("a file in no checkout has root %s", r.Dir())
	}
}
