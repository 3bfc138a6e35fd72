package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/config"
)

// An application as the test writes it: its repository, its config_source
// ("" when absent), and what the file there holds ("" when missing).
type appCase struct {
	repo, source, holds string
}

// TestResolution: every application of an applications file resolves to
// its config in the checkout of its repository (this one, or one mapped
// under repositories:) when that checkout is visible and config_source
// is a relative path that stays inside it; Named, Referenced, Referrers
// and ConfigFiles follow. Generated over every repository x
// config_source x content, with the expectations stated once.
func TestResolution(t *testing.T) {
	top := t.TempDir()
	self := filepath.Join(top, "api")
	pay := filepath.Join(top, "pay")
	if err := os.MkdirAll(filepath.Join(self, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	checkouts := map[string]string{"acme/api": self, "Acme/Pay": pay, "acme/unseen": ""}
	sources := []string{"", ".greyhound/worker.yaml", "deploy/x.yaml", "../escape.yaml", "/abs.yaml", "C:/x.yaml", ".greyhound/${env}.yaml", ".greyhound/w.json", "./.greyhound/./dot.yml"}
	contents := map[string]string{"": "", "config": "services:\n  - name: s\n    image: x\n", "manifest": "apiVersion: v1\nkind: ConfigMap\n"}
	var apps []appCase
	var yaml strings.Builder
	yaml.WriteString("applications:\n")
	n := 0
	for repo := range checkouts {
		for _, src := range sources {
			for holds := range contents {
				if src == "" && holds != "" {
					continue // the default source is left missing
				}
				n++
				// Each application gets its own file: a source names it
				// with the application's number.
				s := src
				if s != "" && holds != "" && ValidRel(s) {
					s = strings.Replace(s, ".y", fmt.Sprintf("-%d.y", n), 1)
				}
				apps = append(apps, appCase{repo, s, holds})
				fmt.Fprintf(&yaml, "  - name: a%d\n    repository: %s\n    branch: main\n", n, repo)
				if s != "" {
					fmt.Fprintf(&yaml, "    config_source: %q\n", s)
				}
				if dir := checkouts[repo]; dir != "" && holds != "" && ValidRel(s) {
					write(t, filepath.Join(dir, filepath.FromSlash(s)), contents[holds])
				}
			}
		}
	}
	write(t, filepath.Join(self, ".greyhound", "applications.yaml"), yaml.String())
	w := New(self, &config.File{Repository: "acme/api", Repositories: map[string]string{"acme/pay": pay}})

	// want, stated once: the absolute path of an application's config, or
	// "" when greylint cannot see it.
	want := func(a appCase) string {
		dir := checkouts[a.repo]
		src := a.source
		if src == "" {
			src = DefaultConfigSource
		}
		if dir == "" || !ValidRel(src) {
			return ""
		}
		return filepath.Join(dir, filepath.FromSlash(filepath.ToSlash(filepath.Clean(src))))
	}
	got := w.Apps()
	if len(got) != len(apps) {
		t.Fatalf("%d applications, want %d", len(got), len(apps))
	}
	var wantConfigs []string
	referrers := map[string]int{}
	for i, a := range apps {
		g := got[i]
		if g.Name != fmt.Sprintf("a%d", i+1) || g.Repository != a.repo {
			t.Fatalf("application %d: %+v", i+1, g)
		}
		if src := cmpOr(a.source, DefaultConfigSource); g.ConfigSource != src {
			t.Errorf("a%d: config source %q, want %q", i+1, g.ConfigSource, src)
		}
		p := want(a)
		if g.Config != p {
			t.Errorf("a%d (%s, %q): config %q, want %q", i+1, a.repo, a.source, g.Config, p)
		}
		if p == "" {
			continue
		}
		if !w.Referenced(p) {
			t.Errorf("a%d: %s not referenced", i+1, p)
		}
		if named := a.holds == "config"; w.Named(p) != named {
			t.Errorf("a%d: Named(%s) = %v, want %v (it holds %q)", i+1, p, w.Named(p), named, a.holds)
		}
		if a.holds == "config" && !slices.Contains(wantConfigs, p) {
			wantConfigs = append(wantConfigs, p)
		}
		if strings.EqualFold(a.repo, "acme/api") {
			referrers[p]++
		}
	}
	if gotConfigs := w.ConfigFiles(); !slices.Equal(gotConfigs, wantConfigs) {
		t.Errorf("ConfigFiles:\n got %q\nwant %q", gotConfigs, wantConfigs)
	}
	// Referrers counts this repository's applications naming a file in
	// .greyhound/ directly, and is not known for an application of this
	// repository whose config_source cannot be resolved: ${...} here.
	for p := range referrers {
		if n, known := w.Referrers(p); known {
			t.Errorf("Referrers(%s) = %d, known, though an application of this repository names its config through ${...}", p, n)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Referrers is known once every application of this repository resolves,
// counts only this repository's applications, and only files directly in
// .greyhound/.
func TestReferrers(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".greyhound", "applications.yaml"), `applications:
  - {name: a, repository: Acme/API, branch: main}
  - {name: b, repository: acme/api, branch: main, config_source: .greyhound/config.yaml}
  - {name: c, repository: acme/other, branch: main}
  - {name: d, repository: acme/api, branch: main, config_source: deploy/d.yaml}
`)
	for _, f := range []string{".greyhound/config.yaml", ".greyhound/unused.yaml", "deploy/d.yaml"} {
		write(t, filepath.Join(dir, f), "services: []\n")
	}
	w := New(dir, &config.File{Repository: "acme/api", Repositories: map[string]string{"acme/other": dir}})
	for f, want := range map[string]int{".greyhound/config.yaml": 2, ".greyhound/unused.yaml": 0} {
		if n, known := w.Referrers(filepath.Join(dir, f)); !known || n != want {
			t.Errorf("Referrers(%s) = %d, %v; want %d, known", f, n, known, want)
		}
	}
	if _, known := w.Referrers(filepath.Join(dir, "deploy/d.yaml")); known {
		t.Error("a file outside .greyhound/ has known referrers")
	}
	if _, known := New(dir, nil).Referrers(filepath.Join(dir, ".greyhound/config.yaml")); known {
		t.Error("referrers known without knowing this repository")
	}
	other := t.TempDir()
	write(t, filepath.Join(other, ".greyhound", "applications.yaml"), "applications:\n  - {name: c, repository: acme/other, branch: main}\n")
	if _, known := New(other, &config.File{Repository: "acme/api"}).Referrers(filepath.Join(other, ".greyhound/config.yaml")); known {
		t.Error("referrers known though no application of this repository is listed")
	}
}

// ValidRel, at the edges of each of its conditions.
func TestValidRel(t *testing.T) {
	for rel, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "d/a.yaml": true, "./a.yaml": true, "a/../b.yaml": true,
		"": false, "a.json": false, "a.yaml.bak": false, "../a.yaml": false, "a/../../b.yaml": false, "..": false,
		"/a.yaml": false, `\a.yaml`: false, "C:a.yaml": false, "c:/a.yaml": false, "${x}.yaml": false, "a${x}.yaml": false,
		"x": false, ":": false, "a:b.yaml": false, "ab:c.yaml": true,
	} {
		if got := ValidRel(rel); got != want {
			t.Errorf("ValidRel(%q) = %v, want %v", rel, got, want)
		}
	}
}

// RootOf: the directory above .greyhound/; else the nearest directory with
// .greyhound/ or .git; else the file's directory.
func TestRootOf(t *testing.T) {
	top := t.TempDir()
	write(t, filepath.Join(top, "repo", ".greyhound", "config.yaml"), "")
	write(t, filepath.Join(top, "repo", "deploy", "deep", "x.yaml"), "")
	write(t, filepath.Join(top, "git", ".git", "HEAD"), "")
	write(t, filepath.Join(top, "git", "a", "x.yaml"), "")
	write(t, filepath.Join(top, "none", "x.yaml"), "")
	for f, want := range map[string]string{
		"repo/.greyhound/config.yaml": "repo",
		"repo/deploy/deep/x.yaml":     "repo",
		"git/a/x.yaml":                "git",
		"none/x.yaml":                 "none",
	} {
		if got := RootOf(filepath.Join(top, f)); got != filepath.Join(top, want) {
			t.Errorf("RootOf(%s) = %s, want %s", f, got, filepath.Join(top, want))
		}
	}
}
