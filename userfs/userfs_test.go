package userfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree is a root with an outside sibling holding a sentinel, and every
// link shape the hostile rounds used.
func tree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "repo"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside, filepath.Join(root, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.yaml"), "SENTINEL: 1\n")
	write(filepath.Join(root, "sub", "in.yaml"), "a: 1\n")
	links := map[string]string{
		"dirout":      "../outside",
		"absdir":      outside,
		"procroot":    "/proc/self/root",
		"fileout":     "../outside/secret.yaml",
		"absfile":     filepath.Join(outside, "secret.yaml"),
		"zero":        "/dev/zero",
		"environ":     "/proc/self/environ",
		"dotdot":      "sub/../../outside/secret.yaml",
		"filein":      "sub/in.yaml",
		"dirin":       "sub",
		"loop":        "loop",
		"devzero.rel": "../../../../../../../../dev/zero",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.yaml"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	return root, outside
}

// Every link that leaves the root, every non-regular file, is refused
// without blocking; links inside are followed.
func TestReadStaysInsideTheRoot(t *testing.T) {
	root, _ := tree(t)
	r := At(root)
	for _, name := range []string{"dirout/secret.yaml", "absdir/secret.yaml", "procroot/etc/passwd", "fileout", "absfile", "zero", "environ", "dotdot", "loop", "devzero.rel", "../outside/secret.yaml", "fifo.yaml", "sub", "sub/../../outside/secret.yaml"} {
		done := make(chan struct{})
		var b []byte
		var err error
		go func() {
			defer close(done)
			b, err = r.ReadFile(filepath.Join(root, name), 1<<20)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the read blocks", name)
		}
		if err == nil || strings.Contains(string(b), "SENTINEL") {
			t.Errorf("%s: read %q, %v; want refused", name, b, err)
		}
	}
	var oe ErrOutside
	if _, err := r.ReadFile(filepath.Join(root, "dirout/secret.yaml"), 100); !errors.As(err, &oe) || !oe.Link {
		t.Errorf("dirout/secret.yaml: %v, want a link that leaves the root", err)
	}
	for _, name := range []string{"filein", "dirin/in.yaml", "sub/in.yaml"} {
		if b, err := r.ReadFile(filepath.Join(root, name), 100); err != nil || string(b) != "a: 1\n" {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if _, err := r.ReadFile(filepath.Join(root, "sub/in.yaml"), 3); !errors.As(err, new(ErrTooLarge)) {
		t.Errorf("over the limit: %v", err)
	}
}

// A walk never leaves the root and never follows a link; listing a
// directory through a link that leaves the root is refused.
func TestWalkAndListStayInside(t *testing.T) {
	root, _ := tree(t)
	r := At(root)
	var seen []string
	r.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			seen = append(seen, p)
		}
		return nil
	})
	for _, p := range seen {
		if !Within(root, p) || strings.Contains(p, "secret") || strings.HasPrefix(p, filepath.Join(root, "dirin")+string(filepath.Separator)) {
			t.Errorf("walked %s", p)
		}
	}
	// What is inside is walked: the file, and the links as entries (not
	// followed).
	for _, want := range []string{filepath.Join(root, "sub", "in.yaml"), filepath.Join(root, "dirin"), filepath.Join(root, "filein")} {
		if !slices.Contains(seen, want) {
			t.Errorf("did not walk %s (walked %q)", want, seen)
		}
	}
	if _, err := r.ReadDir(filepath.Join(root, "dirout")); err == nil {
		t.Error("listed a directory outside through a link")
	}
	if e, err := r.ReadDir(filepath.Join(root, "dirin")); err != nil || len(e) != 1 {
		t.Errorf("dirin: %v, %v", e, err)
	}
}

// Replace rewrites a link's target inside the root and keeps the link;
// it refuses a link out, and a read-only root writes nothing.
func TestReplace(t *testing.T) {
	root, outside := tree(t)
	r := At(root)
	if err := r.Replace(filepath.Join(root, "filein"), []byte("a: 1\n"), []byte("a: 2\n")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(filepath.Join(root, "filein")); st.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link is no longer a link")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "sub/in.yaml")); string(b) != "a: 2\n" {
		t.Errorf("target: %q", b)
	}
	for _, name := range []string{"fileout", "absfile", "dotdot", "dirout/secret.yaml"} {
		if err := r.Replace(filepath.Join(root, name), []byte("SENTINEL: 1\n"), []byte("x: 1\n")); err == nil {
			t.Errorf("%s: written", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret.yaml")); string(b) != "SENTINEL: 1\n" {
		t.Errorf("outside changed: %q", b)
	}
	if err := ReadOnlyAt(root).Replace(filepath.Join(root, "sub/in.yaml"), []byte("a: 2\n"), []byte("a: 3\n")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only root: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "sub"))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A file that grows between the stat and the read is read past its stated
// size, up to the limit, and refused beyond it.
func TestReadSizedBeyondTheStatedSize(t *testing.T) {
	for _, c := range []struct {
		text        string
		size, limit int64
		tooLarge    bool
	}{
		{"0123456789", 10, 20, false},
		{"012345678901234", 10, 20, false},
		{"01234567890123456789", 10, 20, false},
		{"012345678901234567890", 10, 20, true},
		{strings.Repeat("x", 1000), 10, 20, true},
		{"", 0, 20, false},
	} {
		b, err := readSized(strings.NewReader(c.text), c.size, c.limit)
		var tl ErrTooLarge
		switch {
		case c.tooLarge && !errors.As(err, &tl):
			t.Errorf("%d bytes stated as %d, limit %d: got %d bytes, %v; want too large", len(c.text), c.size, c.limit, len(b), err)
		case !c.tooLarge && (err != nil || string(b) != c.text):
			t.Errorf("%d bytes stated as %d, limit %d: got %q, %v", len(c.text), c.size, c.limit, b, err)
		}
	}
}

// WalkDir visits what filepath.WalkDir visits, in the same order, with the
// same answers to fs.SkipDir and fs.SkipAll, on generated trees whose
// names include bytes that are not UTF-8 (which os.Root's fs.FS view
// refuses: such a directory made the whole walk fail).
func TestWalkDirIsFilepathWalkDir(t *testing.T) {
	names := []string{"a", "b.yaml", "inv\xffalid", "z z", ".greyhound", "c"}
	for seed := range 20 {
		root := t.TempDir()
		var build func(dir string, depth, n int)
		build = func(dir string, depth, n int) {
			for i, name := range names {
				if (seed+i*7+depth*3+n)%3 == 0 {
					continue
				}
				p := filepath.Join(dir, name)
				if depth < 3 && (seed+i+n)%2 == 0 {
					if err := os.Mkdir(p, 0o755); err != nil {
						t.Fatal(err)
					}
					build(p, depth+1, n+i)
				} else if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		build(root, 0, seed)
		// Skip some directories, stop at some file: decided by the path,
		// so both walks decide alike.
		decide := func(p string, d fs.DirEntry) error {
			h := len(p) + seed
			switch {
			case d.IsDir() && p != root && h%5 == 0:
				return fs.SkipDir
			case !d.IsDir() && h%11 == 0 && seed%4 == 0:
				return fs.SkipAll
			case !d.IsDir() && h%13 == 0:
				return fs.SkipDir // skips the rest of the parent
			}
			return nil
		}
		var want, got []string
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatalf("filepath.WalkDir: %v", err)
			}
			want = append(want, p)
			return decide(p, d)
		})
		At(root).WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatalf("WalkDir: %v", err)
			}
			got = append(got, p)
			return decide(p, d)
		})
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: WalkDir visited\n%q\nfilepath.WalkDir\n%q", seed, got, want)
		}
	}
}

// Reads go straight to os.Root, which follows the links that stay inside
// by itself; only an absolute link (os.Root refuses every one) makes the
// layer walk the path's links itself, and one naming a path inside the
// root is then followed. A relative path is taken from the working
// directory the root was made in.
func TestReadsWalkLinksOnlyWhenOSRootRefuses(t *testing.T) {
	root, _ := tree(t)
	for name, target := range map[string]string{"absin": filepath.Join(root, "sub", "in.yaml"), "absdirin": filepath.Join(root, "sub")} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	r := At(root)
	read := func(name string) int64 {
		t.Helper()
		before := walks.Load()
		p := filepath.Join(root, name)
		if b, err := r.ReadFile(p, 100); err != nil || string(b) != "a: 1\n" {
			t.Errorf("ReadFile %s: %q, %v", name, b, err)
		}
		if st, err := r.Stat(p); err != nil || !st.Mode().IsRegular() {
			t.Errorf("Stat %s: %v, %v", name, st, err)
		}
		if st, err := r.Lstat(p); err != nil || st.Name() != filepath.Base(name) {
			t.Errorf("Lstat %s: %v, %v", name, st, err)
		}
		if es, err := r.ReadDir(filepath.Dir(p)); err != nil || len(es) == 0 {
			t.Errorf("ReadDir of %s's directory: %v, %v", name, es, err)
		}
		return walks.Load() - before
	}
	for _, name := range []string{"sub/in.yaml", "filein", "dirin/in.yaml"} {
		if n := read(name); n != 0 {
			t.Errorf("%s: %d link walks, want none (os.Root follows links inside)", name, n)
		}
	}
	for _, name := range []string{"absin", "absdirin/in.yaml"} {
		if n := read(name); n == 0 {
			t.Errorf("%s: no link walk, yet os.Root refuses an absolute link", name)
		}
	}
	t.Chdir(filepath.Join(root, "sub"))
	r = At("..")
	t.Chdir(t.TempDir())
	if b, err := r.ReadFile(filepath.Join("..", "sub", "in.yaml"), 100); err != nil || string(b) != "a: 1\n" {
		t.Errorf("a relative path was not taken from the root's working directory: %q, %v", b, err)
	}
	if b, err := r.ReadFile(filepath.Join(root, "sub", "in.yaml"), 100); err != nil || string(b) != "a: 1\n" {
		t.Errorf("absolute path after a chdir: %q, %v", b, err)
	}
}
