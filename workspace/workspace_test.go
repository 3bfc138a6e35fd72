package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

func TestRepoFromURL(t *testing.T) {
	// Every form git accepts (and one with an empty scheme), over hosts
	// (with a port, empty) and paths of one, two and three segments:
	// owner/name is the last two segments after the host, and a path of
	// one segment names no repository.
	for _, form := range []string{"://%s/%s", "https://%s/%s", "https://user:token@%s/%s.git", "ssh://git@%s/%s", "git://%s/%s.git/", "git@%s:%s.git", "%s:%s"} {
		for _, host := range []string{"github.com", "ghe.example.com:8443", ""} {
			if strings.HasSuffix(host, ":8443") && !strings.Contains(form, "://") {
				continue // the scp form has no port
			}
			for path, want := range map[string]string{"Acme/API": "acme/api", "group/Acme/API": "acme/api", "api": "", "": ""} {
				url := fmt.Sprintf(form, host, path)
				if got := repoFromURL(url); got != want {
					t.Errorf("repoFromURL(%q) = %q, want %q", url, got, want)
				}
			}
		}
	}
	for url, want := range map[string]string{
		"git@github.com:Acme-Corp/API.git":       "acme-corp/api",
		"https://github.com/acme-corp/api":       "acme-corp/api",
		"https://github.com/acme-corp/api.git/":  "acme-corp/api",
		"ssh://git@github.com/acme-corp/api.git": "acme-corp/api",
		"https://token@github.com/acme-corp/api": "acme-corp/api",
		"/srv/git/api.git":                       "",
		"git@github.com:api":                     "",
		"https://github.com":                     "",
	} {
		if got := repoFromURL(url); got != want {
			t.Errorf("repoFromURL(%q) = %q, want %q", url, got, want)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The repository comes from .greylint.yaml's repository:, else from the
// origin remote; the checkout root is where .greyhound/ is.
func TestSelfAndRoot(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".git", "config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = git@github.com:other/fork.git\n[remote \"origin\"]\n\turl = git@github.com:acme-corp/api.git\n")
	write(t, filepath.Join(dir, ".greyhound", "config.yaml"), "services: []\n")
	write(t, filepath.Join(dir, "deploy", "api.yaml"), "services: []\n")
	if got := RootOf(filepath.Join(dir, ".greyhound", "config.yaml")); got != dir {
		t.Errorf("RootOf(.greyhound/config.yaml) = %s, want %s", got, dir)
	}
	if got := RootOf(filepath.Join(dir, "deploy", "api.yaml")); got != dir {
		t.Errorf("RootOf(deploy/api.yaml) = %s, want %s", got, dir)
	}
	if w := New(dir, nil); w.Self != "acme-corp/api" || !w.Visible("Acme-Corp/API") {
		t.Errorf("from origin: Self %q", w.Self)
	}
	if w := New(dir, &config.File{Repository: "Acme-Corp/Renamed"}); w.Self != "acme-corp/renamed" {
		t.Errorf("from the setting: Self %q", w.Self)
	}
}

// Open never reads through a link out of the checkout, and refuses paths
// that leave it.
func TestOpenStaysInTheCheckout(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	write(t, outside, "services: [{name: leaked}]\n")
	write(t, filepath.Join(dir, ".greyhound", "config.yaml"), "services: [{name: api}]\n")
	if err := os.Symlink(outside, filepath.Join(dir, ".greyhound", "link.yaml")); err != nil {
		t.Skip(err)
	}
	w := New(dir, &config.File{Repository: "acme-corp/api"})
	f, visible := w.Open("acme-corp/api", ".greyhound/link.yaml")
	if !visible || f == nil || f.Doc != nil {
		t.Errorf("a link out of the checkout: %+v, visible %v; want a file that exists and was not read", f, visible)
	}
	if f, _ := w.Open("acme-corp/api", ".greyhound/config.yaml"); f == nil || f.Doc == nil || f.Kind != lint.KindConfig {
		t.Errorf("config.yaml: %+v", f)
	}
	for _, rel := range []string{"../secret.yaml", "/etc/passwd.yaml", ".greyhound/${env}.yaml", ".greyhound/config.json"} {
		if f, visible := w.Open("acme-corp/api", rel); visible || f != nil {
			t.Errorf("Open(%q) = %+v, %v; want nothing", rel, f, visible)
		}
	}
	if _, visible := w.Open("acme-corp/other", ".greyhound/config.yaml"); visible {
		t.Error("a repository with no checkout is visible")
	}
}

// An open document's text wins over the file on disk, and the
// applications file's edits change what is referenced.
func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	apps := filepath.Join(dir, ".greyhound", "applications.yaml")
	write(t, apps, "applications:\n  - {name: api, repository: acme-corp/api, branch: main}\n")
	write(t, filepath.Join(dir, ".greyhound", "config.yaml"), "services: []\n")
	worker := filepath.Join(dir, ".greyhound", "worker.yaml")
	write(t, worker, "services: []\n")
	w := New(dir, &config.File{Repository: "acme-corp/api"})
	if n, known := w.Referrers(worker); !known || n != 0 {
		t.Fatalf("worker.yaml: %d referrers, known %v", n, known)
	}
	w.SetOverlay(apps, []byte("applications:\n  - {name: api, repository: acme-corp/api, branch: main}\n  - {name: worker, repository: acme-corp/api, branch: main, config_source: .greyhound/worker.yaml}\n"))
	if n, _ := w.Referrers(worker); n != 1 {
		t.Errorf("after the edit, worker.yaml has %d referrers, want 1", n)
	}
	if !w.Named(worker) {
		t.Error("worker.yaml is not named after the edit")
	}
	w.ClearOverlay(apps)
	if n, _ := w.Referrers(worker); n != 0 {
		t.Errorf("after closing the edit, worker.yaml has %d referrers, want 0", n)
	}
}

// An edit of an open document (every keystroke) does not walk the
// checkout again; a change on disk (Forget) does.
func TestEditsDoNotWalk(t *testing.T) {
	dir := t.TempDir()
	apps := filepath.Join(dir, ".greyhound", "applications.yaml")
	write(t, apps, "applications: []\n")
	w := New(dir, &config.File{Repository: "acme-corp/api"})
	if n := len(w.Files()); n != 1 {
		t.Fatalf("%d files", n)
	}
	write(t, filepath.Join(dir, ".greyhound", "new.yaml"), "services: []\n")
	w.SetOverlay(apps, []byte("applications: [{name: a, repository: acme-corp/api, branch: main}]\n"))
	w.Referrers(filepath.Join(dir, ".greyhound", "new.yaml"))
	if n := len(w.Files()); n != 1 {
		t.Errorf("an edit walked the checkout again: %d files", n)
	}
	w.Forget()
	if n := len(w.Files()); n != 2 {
		t.Errorf("after Forget, %d files, want 2", n)
	}
}
