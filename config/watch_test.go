package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestResolverWatchChanges: a watching resolver (the server) reads a
// configuration file again exactly when its modification time or its size
// changed, and when it is gone, looks for the one that applies now (a
// configuration further up; a --config that is gone is said); a file
// left alone is not read again. Each
// change beside what the next ask must see.
func TestResolverWatchChanges(t *testing.T) {
	for _, c := range []struct {
		name     string
		explicit bool
		change   func(t *testing.T, sub, top string)
		reread   bool // a new File
		strict   bool // what it says
		path     string
	}{
		{"left alone", false, func(*testing.T, string, string) {}, false, false, "sub"},
		{"same size, later time", false, func(t *testing.T, sub, _ string) {
			write(t, sub, "strict: true \n") // as long as "strict: false\n"
			touch(t, sub, time.Now().Add(2*time.Second))
		}, true, true, "sub"},
		{"other size, same time", false, func(t *testing.T, sub, _ string) {
			st, _ := os.Stat(sub)
			write(t, sub, "strict: true\n")
			touch(t, sub, st.ModTime())
		}, true, true, "sub"},
		{"removed: the one above applies", false, func(t *testing.T, sub, _ string) { os.Remove(sub) }, true, true, "top"},
		{"explicit, other size", true, func(t *testing.T, sub, _ string) {
			st, _ := os.Stat(sub)
			write(t, sub, "strict: true\n")
			touch(t, sub, st.ModTime())
		}, true, true, "sub"},
		{"explicit, removed: the defaults", true, func(t *testing.T, sub, _ string) { os.Remove(sub) }, true, false, "sub"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			os.Mkdir(filepath.Join(root, ".git"), 0o755)
			top := filepath.Join(root, FileName)
			sub := filepath.Join(root, "app", FileName)
			write(t, top, "strict: true\n")
			write(t, sub, "strict: false\n")
			file := filepath.Join(root, "app", ".greyhound", "config.yaml")
			r := &Resolver{Watch: true}
			if c.explicit {
				r.Explicit = sub
			}
			before := r.Config(file)
			if before.Strict || before.Path != sub {
				t.Fatalf("before: %+v", before)
			}
			c.change(t, sub, top)
			after := r.Config(file)
			if reread := after != before; reread != c.reread {
				t.Errorf("read again: %v, want %v", reread, c.reread)
			}
			if _, err := os.Stat(after.Path); err == nil {
				if again := r.Config(file); again != after {
					t.Error("read again with no change since")
				}
			} else if !r.Broken() {
				t.Error("a --config that is gone is not said")
			}
			want := map[string]string{"sub": sub, "top": top}[c.path]
			if after.Strict != c.strict || (after.Path != want && !(c.explicit && !c.strict && after.Path == "")) {
				t.Errorf("after: strict %v from %q, want %v from %s", after.Strict, after.Path, c.strict, want)
			}
			if got := r.PathFor(file); got != want {
				t.Errorf("PathFor = %q, want %q", got, want)
			}
		})
	}
}

func touch(t *testing.T, p string, at time.Time) {
	t.Helper()
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestBroken: the run fails on its configuration when a file read has an
// error or cannot be read, not for a warning; a --config is read (and
// judged) even when no file was linted. Each file beside the answer.
func TestBroken(t *testing.T) {
	for _, c := range []struct {
		name, text string // text "" : no file there
		broken     bool
	}{
		{"valid", "strict: true\n", false},
		{"a warning only", "repositories:\n  acme/x: ./not-a-checkout\n", false},
		{"an error", "rules:\n  no-such-rule: off\n", true},
		{"missing", "", true},
		{"a directory", "/", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, FileName)
			switch c.text {
			case "":
			case "/":
				os.Mkdir(p, 0o755)
			default:
				write(t, p, c.text)
			}
			r := &Resolver{Explicit: p}
			l := r.Loaded()
			if len(l) != 1 || l[0].Path != p {
				t.Fatalf("Loaded before any lint: %+v", l)
			}
			if c.text == "" || c.text == "/" {
				if l[0].Err == nil || l[0].File == nil {
					t.Errorf("an unreadable --config: %+v", l[0])
				}
			} else if warn := len(l[0].Diags) > 0 && !c.broken; warn != (c.name == "a warning only") {
				t.Errorf("findings %v", l[0].Diags)
			}
			if r.Broken() != c.broken {
				t.Errorf("Broken() = %v, want %v", r.Broken(), c.broken)
			}
		})
	}
	if r := (&Resolver{}); len(r.Loaded()) != 0 || r.Broken() {
		t.Error("a resolver that read nothing")
	}
}
