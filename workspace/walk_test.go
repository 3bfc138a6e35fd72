package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestWalkEntries: what a walk lists of a .greyhound directory's entries,
// each kind of entry beside the answer, and what it says of the ones it
// passes over. Walk and GreyhoundFiles (ConfigNames, the server) agree on
// every entry.
func TestWalkEntries(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	gh := filepath.Join(root, ".greyhound")
	write(t, filepath.Join(base, "outside.yaml"), "services: []\n")
	write(t, filepath.Join(root, "deploy", "real.yaml"), "services: []\n")
	entries := []struct {
		name   string
		make   func(p string) error
		listed bool
		said   string // a word of what dv says of it; "" for nothing
		link   bool   // noted in dv.Links
	}{
		{"a.yaml", file, true, "", false},
		{"b.yml", file, true, "", false},
		{"c.json", file, false, "", false},
		{"d.yaml.bak", file, false, "", false},
		{".greylint.yaml", file, false, "", false},
		{"dir.yaml", func(p string) error { return os.Mkdir(p, 0o755) }, false, "", false},
		{"in.yaml", link("../deploy/real.yaml"), true, "", true},
		{"out.yaml", link("../../outside.yaml"), false, "outside", false},
		{"nowhere.yaml", link("gone.yaml"), false, "leads nowhere", false},
		{"todir.yaml", link("../deploy"), false, "", true},
		{"fifo.yaml", func(p string) error { return syscall.Mkfifo(p, 0o644) }, true, "", false},
	}
	os.MkdirAll(gh, 0o755)
	for _, e := range entries {
		if err := e.make(filepath.Join(gh, e.name)); err != nil {
			t.Skipf("%s: %v", e.name, err)
		}
	}
	id := func(s string) string { return s }
	var walkDv, dirDv Skipped
	walked := Walk(root, id, &walkDv)
	listed := GreyhoundFiles(gh, root, id, &dirDv)
	for _, dv := range []*Skipped{&walkDv, &dirDv} {
		if dv.Unreadable {
			t.Errorf("Unreadable set: %v", dv.Messages)
		}
	}
	for _, e := range entries {
		p := filepath.Join(gh, e.name)
		for what, got := range map[string][]string{"Walk": walked, "GreyhoundFiles": listed} {
			if slices.Contains(got, p) != e.listed {
				t.Errorf("%s: %s lists it %v, want %v", e.name, what, !e.listed, e.listed)
			}
		}
		for what, dv := range map[string]*Skipped{"Walk": &walkDv, "GreyhoundFiles": &dirDv} {
			said := slices.IndexFunc(dv.Messages, func(m string) bool { return strings.Contains(m, p) })
			switch {
			case e.said == "" && said >= 0:
				t.Errorf("%s: %s says %q", e.name, what, dv.Messages[said])
			case e.said != "" && (said < 0 || !strings.Contains(dv.Messages[said], e.said)):
				t.Errorf("%s: %s says %q, want it to say %q", e.name, what, dv.Messages, e.said)
			}
			if slices.Contains(dv.Links, p) != e.link {
				t.Errorf("%s: %s notes links %v", e.name, what, dv.Links)
			}
		}
	}
	// Without a place to say it, the walk lists the same.
	if got := Walk(root, id, nil); !slices.Equal(got, walked) {
		t.Errorf("without dv: %v, want %v", got, walked)
	}
}

func file(p string) error { return os.WriteFile(p, []byte("services: []\n"), 0o644) }

func link(target string) func(string) error {
	return func(p string) error { return os.Symlink(target, p) }
}

// TestWalkSkips: a walk does not go into .git, node_modules or vendor
// below its root (their .greyhound directories are not the checkout's),
// but walks a root of that name; a .greyhound link that leaves the root
// is said and skipped, one inside is listed and noted; a root that
// cannot be read is said, and makes the walk's exit code 3 (Unreadable).
func TestWalkSkips(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{"repo", "repo/sub", "repo/.git", "repo/node_modules/pkg", "repo/vendor", "repo/vendor/x", "repo/.github"} {
		write(t, filepath.Join(base, d, ".greyhound", "config.yaml"), "services: []\n")
	}
	id := func(s string) string { return s }
	got := Walk(filepath.Join(base, "repo"), id, nil)
	var want []string
	for _, d := range []string{"repo/.github", "repo", "repo/sub"} {
		want = append(want, filepath.Join(base, d, ".greyhound", "config.yaml"))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Walk:\n got %q\nwant %q", got, want)
	}
	vendor := filepath.Join(base, "repo", "vendor")
	if got := Walk(vendor, id, nil); len(got) != 2 {
		t.Errorf("a root named vendor is walked: %q", got)
	}

	// A .greyhound link leaving the root, seen from the walk and from
	// GreyhoundFiles.
	write(t, filepath.Join(base, "elsewhere", "x.yaml"), "services: []\n")
	out := filepath.Join(base, "linked")
	os.MkdirAll(out, 0o755)
	if err := os.Symlink("../elsewhere", filepath.Join(out, ".greyhound")); err != nil {
		t.Skip(err)
	}
	var dv Skipped
	if got := Walk(out, id, &dv); len(got) != 0 || len(dv.Messages) != 1 || !strings.Contains(dv.Messages[0], "outside") {
		t.Errorf("a .greyhound link out of the root: listed %q, said %q", got, dv.Messages)
	}
	dv = Skipped{}
	if got := GreyhoundFiles(filepath.Join(out, ".greyhound"), out, id, &dv); len(got) != 0 || len(dv.Messages) != 1 || !strings.Contains(dv.Messages[0], "a symbolic link to a directory outside") {
		t.Errorf("GreyhoundFiles of a link out of the root: listed %q, said %q", got, dv.Messages)
	}
	// A directory that does not exist is no directory outside: nothing said.
	dv = Skipped{}
	if got := GreyhoundFiles(filepath.Join(base, "gone", ".greyhound"), base, id, &dv); len(got) != 0 || len(dv.Messages) != 0 {
		t.Errorf("GreyhoundFiles of a missing directory: listed %q, said %q", got, dv.Messages)
	}

	dv = Skipped{}
	missing := filepath.Join(base, "missing")
	if got := Walk(missing, func(s string) string { return "<" + filepath.Base(s) + ">" }, &dv); len(got) != 0 || !dv.Unreadable ||
		len(dv.Messages) != 1 || !strings.HasPrefix(dv.Messages[0], "cannot read <missing>: ") || strings.Contains(dv.Messages[0], base) {
		t.Errorf("a root that cannot be read: listed %q, unreadable %v, said %q (the path shown as display shows it, once)", got, dv.Unreadable, dv.Messages)
	}
	if os.Geteuid() != 0 { // root reads every directory
		locked := filepath.Join(base, "repo", "locked")
		write(t, filepath.Join(locked, ".greyhound", "config.yaml"), "services: []\n")
		os.Chmod(locked, 0)
		defer os.Chmod(locked, 0o755)
		dv = Skipped{}
		got := Walk(filepath.Join(base, "repo"), id, &dv)
		if len(got) != len(want) || !dv.Unreadable {
			t.Errorf("an unreadable directory: listed %q, unreadable %v, said %q", got, dv.Unreadable, dv.Messages)
		}
	}
}
