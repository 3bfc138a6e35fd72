package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/userfs"
)

// dirReads counts the directories read through the file layer so far: a
// walk reads every directory of a checkout, a cached answer none.
func dirReads() int64 { d, _ := userfs.Counts(); return d }

// TestSetWorkspaces: a Set holds one workspace per checkout root, made
// with the .greylint.yaml that applies there; For finds the checkout of a
// file; Drop and Forget let go of them.
func TestSetWorkspaces(t *testing.T) {
	base := t.TempDir()
	api, pay := filepath.Join(base, "api"), filepath.Join(base, "pay")
	write(t, filepath.Join(api, config.FileName), "repository: acme/api\nrepositories:\n  acme/pay: ../pay\n")
	write(t, filepath.Join(api, ".greyhound", "config.yaml"), "services: []\n")
	write(t, filepath.Join(api, "deploy", "x.yaml"), "services: []\n")
	write(t, filepath.Join(pay, ".greyhound", "config.yaml"), "services: []\n")

	s := &Set{Configs: &config.Resolver{}}
	w := s.For(filepath.Join(api, "deploy", "x.yaml"))
	if w.Root != api || w.Self != "acme/api" || !w.Visible("acme/pay") {
		t.Fatalf("For(deploy/x.yaml): root %s, self %q, pay visible %v", w.Root, w.Self, w.Visible("acme/pay"))
	}
	if s.At(api) != w || s.For(filepath.Join(api, ".greyhound", "config.yaml")) != w {
		t.Error("a second workspace for the same checkout")
	}
	p := s.At(pay)
	if p == w || p.Self != "" {
		t.Errorf("pay: %+v", p)
	}
	if all := s.All(); len(all) != 2 || !slices.Contains(all, w) || !slices.Contains(all, p) {
		t.Errorf("All: %d workspaces", len(all))
	}
	s.Drop(pay)
	if all := s.All(); len(all) != 1 || all[0] != w {
		t.Errorf("after Drop: %d workspaces", len(all))
	}
	if s.At(pay) == p {
		t.Error("a dropped workspace came back")
	}
	s.Forget()
	if len(s.All()) != 0 || s.At(api) == w {
		t.Error("Forget kept a workspace")
	}
	// Without a resolver, no configuration: the origin alone.
	if w := (&Set{}).At(api); w.Self != "" || w.Visible("acme/pay") {
		t.Errorf("no resolver: self %q", w.Self)
	}
}

// TestSetOverlay: an open document's text is what every workspace of the
// set reads for that file (made before or after it was opened, and the
// checkouts that map it), until it is closed; opening or closing it
// forgets what was derived from it, and nothing else.
func TestSetOverlay(t *testing.T) {
	base := t.TempDir()
	api, pay := filepath.Join(base, "api"), filepath.Join(base, "pay")
	payConfig := filepath.Join(pay, ".greyhound", "config.yaml")
	apiConfig := filepath.Join(api, ".greyhound", "config.yaml")
	write(t, filepath.Join(api, config.FileName), "repository: acme/api\nrepositories:\n  acme/pay: ../pay\n")
	write(t, apiConfig, "services: []\n")
	write(t, payConfig, "services:\n  - name: disk\n")
	s := &Set{Configs: &config.Resolver{}}
	w := s.At(api)
	before, _ := w.Open("acme/pay", ".greyhound/config.yaml")
	own := w.Parsed(apiConfig)
	s.SetOverlay(payConfig, []byte("services:\n  - name: editor\n"))
	later := s.At(pay)
	for name, ws := range map[string]*Workspace{"api": w, "pay": later} {
		f := ws.Parsed(payConfig)
		if f == nil || f.Doc == nil || !contains(f.Doc.Source, "editor") {
			t.Errorf("%s reads %+v, want the open document", name, f)
		}
	}
	if after, _ := w.Open("acme/pay", ".greyhound/config.yaml"); after == before {
		t.Error("the parse from disk was kept after the document was opened")
	}
	if w.Parsed(apiConfig) != own {
		t.Error("opening another file forgot this one's parse")
	}
	s.ClearOverlay(payConfig)
	for name, ws := range map[string]*Workspace{"api": w, "pay": later} {
		if f := ws.Parsed(payConfig); f == nil || f.Doc == nil || !contains(f.Doc.Source, "disk") {
			t.Errorf("%s reads %+v after close, want the file on disk", name, f)
		}
	}
}

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

// TestSeed: a workspace given the files of a walk from above does not walk
// again, keeps its own copy, and a walk already made wins.
func TestSeed(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	write(t, filepath.Join(root, ".greyhound", "config.yaml"), "services: []\n")
	files := Walk(base, func(s string) string { return s }, nil)
	s := &Set{}
	s.Seed(root, files)
	files[0] = "changed by the caller"
	walks := Walks()
	if got := s.At(root).Files(); len(got) != 1 || got[0] != filepath.Join(root, ".greyhound", "config.yaml") {
		t.Errorf("Files after Seed: %q", got)
	}
	if Walks() != walks {
		t.Error("a seeded workspace walked its checkout")
	}
	s.Seed(root, []string{"other"})
	if got := s.At(root).Files(); len(got) != 1 || got[0] == "other" {
		t.Errorf("a second Seed replaced the list: %q", got)
	}
	// No checkout: nothing listed and no walk.
	none := filepath.Join(base, "none")
	write(t, filepath.Join(none, "x.yaml"), "a: 1\n")
	if got := New(none, nil).Files(); got == nil || len(got) != 0 || Walks() != walks {
		t.Errorf("a directory that is no checkout: %q, %d walks", got, Walks()-walks)
	}
	if got := New(root, nil).Files(); len(got) != 1 || Walks() != walks+1 {
		t.Errorf("a checkout: %q, %d walks", got, Walks()-walks)
	}
}

// TestChanged: an event for a file on disk forgets, in every workspace,
// what was derived from it and nothing else: its parse, the index of
// applications for an applications file, the list of greyhound files when
// a greyhound file or a directory is created or deleted under the
// checkout. Each event beside what it must (and must not) cost.
func TestChanged(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	gh := filepath.Join(root, ".greyhound")
	apps := filepath.Join(gh, "applications.yaml")
	cfgFile := filepath.Join(gh, "config.yaml")
	deploy := filepath.Join(root, "deploy", "d.yaml")
	write(t, apps, "applications:\n  - {name: a, repository: acme/api, branch: main}\n")
	write(t, cfgFile, "services: []\n")
	write(t, deploy, "services: []\n")
	write(t, filepath.Join(base, "elsewhere.yaml"), "a: 1\n")
	write(t, filepath.Join(root, config.FileName), "repository: acme/api\n")
	s := &Set{Configs: &config.Resolver{}}
	w := s.At(root)

	type state struct {
		walked           bool // Files walked the checkout again
		cfgRead, depRead bool // the parse of config.yaml / deploy/d.yaml was made again
		appsIndexedAgain bool // Apps was computed again
	}
	for _, c := range []struct {
		name string
		p    string
		c    Change
		do   func() // on disk, before the event
		want state
	}{
		{"config.yaml edited", cfgFile, Changed, func() { write(t, cfgFile, "services: [] # edited\n") }, state{cfgRead: true}},
		{"deploy/d.yaml edited", deploy, Changed, nil, state{depRead: true}},
		{"applications.yaml edited", apps, Changed, func() {
			write(t, apps, "applications:\n  - {name: b, repository: acme/api, branch: main}\n")
		}, state{appsIndexedAgain: true}},
		{"a file elsewhere changed", filepath.Join(base, "elsewhere.yaml"), Changed, nil, state{}},
		{"a greyhound file created", filepath.Join(gh, "new.yaml"), Created, func() { write(t, filepath.Join(gh, "new.yaml"), "services: []\n") }, state{walked: true, appsIndexedAgain: true}},
		{"a greyhound file deleted", filepath.Join(gh, "new.yaml"), Deleted, func() { os.Remove(filepath.Join(gh, "new.yaml")) }, state{walked: true, appsIndexedAgain: true}},
		{"a yaml file created outside .greyhound", filepath.Join(root, "deploy", "e.yaml"), Created, nil, state{}},
		{"a directory created", filepath.Join(root, "deploy"), Created, nil, state{walked: true, depRead: true, appsIndexedAgain: true}},
		{"a directory deleted outside the checkout", filepath.Join(base, "other"), Deleted, nil, state{}},
		{"the checkout itself deleted", root, Deleted, nil, state{walked: true, cfgRead: true, depRead: true, appsIndexedAgain: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := w.Files()
			cfgParse, depParse := w.Parsed(cfgFile), w.Parsed(deploy)
			ix := w.indexed()
			if c.do != nil {
				c.do()
			}
			walks := Walks()
			s.Changed(c.p, c.c)
			got := state{}
			after := w.Files()
			got.walked = Walks() != walks
			if !got.walked && !slices.Equal(after, files) {
				t.Errorf("the list changed without a walk: %q", after)
			}
			got.cfgRead = w.Parsed(cfgFile) != cfgParse
			got.depRead = w.Parsed(deploy) != depParse
			got.appsIndexedAgain = w.indexed() != ix
			if disk, _ := os.ReadFile(cfgFile); !bytes.Equal(w.Parsed(cfgFile).Doc.Source, disk) {
				t.Errorf("config.yaml's parse is of %q, the file holds %q", w.Parsed(cfgFile).Doc.Source, disk)
			}
			if got != c.want {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
	if n := len(w.Apps()); n != 1 || w.Apps()[0].Name != "b" {
		t.Errorf("Apps after the edits: %+v", w.Apps())
	}
}

// TestExtra: the files: globs of .greylint.yaml name files outside
// .greyhound/, found by one walk of the configuration's directory per run
// (shared by the workspaces of a set), which skips .git, node_modules and
// vendor, never leaves the tree through a link, and never lists the
// configuration file itself. A file created under the directory is found
// after its event; a change of content costs no walk.
func TestExtra(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	write(t, filepath.Join(repo, config.FileName), "files: [\"**/*.greyhound.yaml\", \"*.yaml\"]\n")
	for _, f := range []string{"a.greyhound.yaml", "deploy/b.greyhound.yaml", "deploy/deep/c.greyhound.yaml", "top.yaml",
		"deploy/not.yaml", "node_modules/n.greyhound.yaml", "vendor/v.greyhound.yaml", ".git/g.greyhound.yaml"} {
		write(t, filepath.Join(repo, f), "services: []\n")
	}
	write(t, filepath.Join(base, "secret.greyhound.yaml"), "services: []\n")
	if err := os.Symlink("../secret.greyhound.yaml", filepath.Join(repo, "out.greyhound.yaml")); err != nil {
		t.Skip(err)
	}
	os.Symlink("deploy/b.greyhound.yaml", filepath.Join(repo, "in.greyhound.yaml"))
	os.Symlink("deploy", filepath.Join(repo, "dir.greyhound.yaml"))
	want := []string{"a.greyhound.yaml", "deploy/b.greyhound.yaml", "deploy/deep/c.greyhound.yaml", "in.greyhound.yaml", "top.yaml"}
	for i, f := range want {
		want[i] = filepath.Join(repo, filepath.FromSlash(f))
	}
	s := &Set{Configs: &config.Resolver{}}
	w := s.At(repo)
	got := w.Extra()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Extra:\n got %q\nwant %q", got, want)
	}
	for _, f := range want {
		if !w.IsExtra(f) {
			t.Errorf("IsExtra(%s) = false", f)
		}
	}
	if w.IsExtra(filepath.Join(repo, "deploy", "not.yaml")) {
		t.Error("IsExtra(deploy/not.yaml)")
	}
	reads := dirReads()
	sub := filepath.Join(repo, "deploy")
	os.MkdirAll(filepath.Join(sub, ".greyhound"), 0o755)
	if got := s.At(sub).Extra(); len(got) != len(want) || dirReads() != reads {
		t.Errorf("a second workspace under the same configuration walked again (%d reads) or found %d files", dirReads()-reads, len(got))
	}
	write(t, filepath.Join(repo, "new.greyhound.yaml"), "services: []\n")
	s.Changed(filepath.Join(repo, "top.yaml"), Changed)
	if got := w.Extra(); len(got) != len(want) || dirReads() != reads {
		t.Errorf("a change of content walked again (%d reads)", dirReads()-reads)
	}
	s.Changed(filepath.Join(repo, "new.greyhound.yaml"), Created)
	if got := w.Extra(); !slices.Contains(got, filepath.Join(repo, "new.greyhound.yaml")) {
		t.Errorf("a created file is not found: %q", got)
	}
	write(t, filepath.Join(repo, "newer.greyhound.yaml"), "services: []\n")
	w.Forget()
	if got := w.Extra(); !slices.Contains(got, filepath.Join(repo, "newer.greyhound.yaml")) {
		t.Errorf("after Forget, a new file is not found: %q", got)
	}
	if New(repo, nil).Extra() != nil || New(repo, &config.File{}).Extra() != nil || New(repo, &config.File{Path: filepath.Join(repo, config.FileName)}).Extra() != nil {
		t.Error("Extra without files: globs")
	}
}

// TestIndexReadsEachFileOnce: the server's start-up index parses every
// greyhound file, and what it parsed is what later asks get.
func TestIndexReadsEachFileOnce(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"config.yaml", "worker.yaml", "applications.yaml"} {
		write(t, filepath.Join(root, ".greyhound", f), "services: []\n")
	}
	w := New(root, nil)
	w.Index()
	_, files := userfs.Counts()
	for _, f := range w.Files() {
		if p := w.Parsed(f); p == nil || p.Doc == nil {
			t.Errorf("%s: not parsed", f)
		}
	}
	if _, after := userfs.Counts(); after != files {
		t.Errorf("%d files read again after Index", after-files)
	}
}

// TestParsed: a file of the checkout is shown by its path relative to the
// checkout and read through it; its kind comes from its path, and from its
// content only when the path does not say (a config_source outside
// .greyhound/); a file in no checkout is never read and shown whole. A
// workspace that does not know its repository still reads its own files.
func TestParsed(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	for f, text := range map[string]string{
		".greyhound/config.yaml":       "applications: []\n", // the path says config
		".greyhound/applications.yaml": "services: []\n",     // the path says applications
		"deploy/svc.yaml":              "services: []\n",
		"deploy/apps.yaml":             "applications: []\n",
		"deploy/manifest.yaml":         "kind: ConfigMap\n",
	} {
		write(t, filepath.Join(root, filepath.FromSlash(f)), text)
	}
	write(t, filepath.Join(base, "outside.yaml"), "services: []\n")
	w := New(root, nil)
	for f, kind := range map[string]lint.Kind{
		".greyhound/config.yaml": lint.KindConfig, ".greyhound/applications.yaml": lint.KindApplications,
		"deploy/svc.yaml": lint.KindConfig, "deploy/apps.yaml": lint.KindApplications, "deploy/manifest.yaml": lint.KindConfig, // checked as a config: IsConfig says what it is
	} {
		p := w.Parsed(filepath.Join(root, filepath.FromSlash(f)))
		if p == nil || p.Doc == nil || p.Path != f || p.Kind != kind {
			t.Errorf("%s: %+v, want it read, shown as %s, kind %v", f, p, f, kind)
		}
	}
	out := filepath.Join(base, "outside.yaml")
	if p := w.Parsed(out); p == nil || p.Doc != nil || p.Path != out {
		t.Errorf("outside.yaml: %+v, want it shown whole and not read", p)
	}
}

// TestModelOncePerText: the model of a file is built once per text (the
// server asks for the same files on every request) and again when the
// text changes.
func TestModelOncePerText(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, ".greyhound", "config.yaml")
	write(t, p, "services:\n  - name: a\n    image: x\n")
	w := New(root, nil)
	f1, m1 := w.Model(p)
	f2, m2 := w.Model(p)
	if m1 == nil || f1 != f2 || m1 != m2 {
		t.Fatalf("the model was built twice for one text")
	}
	w.SetOverlay(p, []byte("services:\n  - name: b\n    image: x\n"))
	_, m3 := w.Model(p)
	if m3 == m1 || len(m3.Services) != 1 || m3.Services[0].NameString() != "b" {
		t.Errorf("after an edit: the old model, or %+v", m3)
	}
	if f, m := w.Model(filepath.Join(root, ".greyhound", "missing.yaml")); f != nil || m != nil {
		t.Error("a model of a missing file")
	}
}

// TestRootFor: this repository's files are read and written through its
// own checkout even when .greylint.yaml maps the same directory under
// another name (a renamed repository); a mapped checkout's are read-only.
func TestRootFor(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "api")
	write(t, filepath.Join(root, ".greyhound", "config.yaml"), "services: []\n")
	p := filepath.Join(root, ".greyhound", "config.yaml")
	// Map iteration order decides which of two equal candidates a loop
	// meets last: ask often enough to meet both orders.
	for range 32 {
		w := New(root, &config.File{Repository: "acme/api", Repositories: map[string]string{"acme/old-name": root, "acme/other": root}})
		if r := w.RootFor(p); r.Dir() != root || r.ReadOnly() {
			t.Fatalf("RootFor: %s, read-only %v", r.Dir(), r.ReadOnly())
		}
	}
	if r := New(root, nil).RootFor(p); r.Dir() != root || r.ReadOnly() {
		t.Errorf("unknown repository: RootFor %s, read-only %v", r.Dir(), r.ReadOnly())
	}
}
