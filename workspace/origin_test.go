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

// originConfig is a .git/config whose origin is owner/name.
func originConfig(url string) string {
	return "[core]\n\tbare = false\n[remote \"origin\"]\n\tpushurl = git@github.com:push/only.git\n\turl = " + url + "\n"
}

// TestOrigin: the repository is identified from the origin remote of its
// git configuration, wherever the .git entry leads (a directory, a gitdir:
// file absolute or relative, a worktree's commondir absolute, relative or
// blank); when it cannot be read, Self is "" and Unidentified says why;
// when there is simply no origin (no configuration, no remote), Self is ""
// and nothing is said. Every layout, with the answer beside it.
func TestOrigin(t *testing.T) {
	const url = "git@github.com:Acme/API.git"
	type layout struct {
		name  string
		files map[string]string // relative to the case's directory; "root/" is the checkout
		self  string            // want Self
		why   string            // a word of Unidentified, "" for none
	}
	long := "[remote \"origin\"]\n\turl = " + strings.Repeat("x", 2<<20) + "\n"
	for _, c := range []layout{
		{"no .git", map[string]string{"root/.greyhound/config.yaml": ""}, "", ""},
		{".git directory", map[string]string{"root/.git/config": originConfig(url)}, "acme/api", ""},
		{".git directory without a config", map[string]string{"root/.git/HEAD": "ref: refs/heads/main\n"}, "", ""},
		{"no origin", map[string]string{"root/.git/config": "[remote \"upstream\"]\n\turl = git@github.com:up/stream.git\n"}, "", ""},
		{"origin in another section's way", map[string]string{"root/.git/config": "[remote \"origin\"]\n\tfetch = +refs/heads/*\n[remote \"fork\"]\n\turl = git@github.com:fork/api.git\n"}, "", ""},
		{"origin without owner/name", map[string]string{"root/.git/config": originConfig("/srv/git/api")}, "", "names no owner/name"},
		{"include, no origin", map[string]string{"root/.git/config": "[include]\n\tpath = other.config\n"}, "", "[include]"},
		{"includeIf, no origin", map[string]string{"root/.git/config": "[includeIf \"gitdir:~/\"]\n\tpath = other.config\n"}, "", "[include]"},
		{"include and origin", map[string]string{"root/.git/config": "[include]\n\tpath = x\n" + originConfig(url)}, "acme/api", ""},
		{"a line too long", map[string]string{"root/.git/config": long}, "", "cannot be read"},
		{"gitdir: absolute", map[string]string{"root/.git": "gitdir: {abs}/real.git\n", "real.git/config": originConfig(url)}, "acme/api", ""},
		{"gitdir: relative", map[string]string{"root/.git": "gitdir: ../real.git\n", "real.git/config": originConfig(url)}, "acme/api", ""},
		{"gitdir: with spaces and a second line", map[string]string{"root/.git": "  gitdir:   ../real.git  \nignored\n", "real.git/config": originConfig(url)}, "acme/api", ""},
		{"worktree, relative commondir", map[string]string{
			"root/.git":                             "gitdir: ../main/.git/worktrees/feature\n",
			"main/.git/worktrees/feature/HEAD":      "ref: refs/heads/feature\n",
			"main/.git/worktrees/feature/commondir": "../..\n",
			"main/.git/config":                      originConfig(url),
		}, "acme/api", ""},
		{"worktree, absolute commondir", map[string]string{
			"root/.git":     "gitdir: ../wt\n",
			"wt/commondir":  "{abs}/common\n",
			"common/config": originConfig(url),
		}, "acme/api", ""},
		{"worktree, blank commondir", map[string]string{
			"root/.git":    "gitdir: ../wt\n",
			"wt/commondir": "  \n",
			"wt/config":    originConfig(url),
		}, "acme/api", ""},
		{"worktree whose common config is missing", map[string]string{
			"root/.git":    "gitdir: ../wt\n",
			"wt/commondir": "../common\n",
			"wt/config":    originConfig("git@github.com:wrong/one.git"),
		}, "", "cannot be read"},
		{"gitdir leads nowhere", map[string]string{"root/.git": "gitdir: ../gone\n"}, "", "cannot be read"},
		{".git file without gitdir:", map[string]string{"root/.git": "worktree ../x\n"}, "", "gitdir:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for f, text := range c.files {
				write(t, filepath.Join(dir, f), strings.ReplaceAll(text, "{abs}", dir))
			}
			root := filepath.Join(dir, "root")
			os.MkdirAll(root, 0o755)
			w := New(root, nil)
			if w.Self != c.self {
				t.Errorf("Self %q, want %q", w.Self, c.self)
			}
			if c.why == "" && w.Unidentified != "" || !strings.Contains(w.Unidentified, c.why) {
				t.Errorf("Unidentified %q, want it to say %q", w.Unidentified, c.why)
			}
			if c.self != "" && !w.Visible(c.self) {
				t.Errorf("%s is not visible as this repository", c.self)
			}
		})
	}
}

// TestRepositoryRoot: a .greyhound/ nested in a repository belongs to the
// repository whose .git is the nearest above it, up to the directory of
// the .greylint.yaml that applies (inside the repository); the
// repository's origin is read there, and its config_source paths are
// read from there. A root with its own .git, no configuration file, or a
// configuration file at or outside the root is its own repository.
func TestRepositoryRoot(t *testing.T) {
	for _, c := range []struct {
		name   string
		git    []string // directories (relative) with a .git directory whose origin is acme/<dir's base>
		cfg    string   // the .greylint.yaml's directory, relative; "-" for no configuration file, "!" for one without a path
		root   string   // the checkout root, relative
		repo   string   // want: the repository's root, relative
		nested bool
	}{
		{"the root's own .git", []string{"top", "top/sub"}, "top", "top/sub", "top/sub", false},
		{"git at the top", []string{"top"}, "top", "top/sub", "top", true},
		{"git at the top, two levels up", []string{"top"}, "top", "top/a/sub", "top", true},
		{"git halfway", []string{"top", "top/mid"}, "top", "top/mid/sub", "top/mid", true},
		{"no git: the configuration's directory", nil, "top", "top/mid/sub", "top", true},
		{"no configuration file", []string{"top"}, "-", "top/sub", "top/sub", false},
		{"a configuration without a path", []string{"top"}, "!", "top/sub", "top/sub", false},
		{"configuration at the root", []string{"top"}, "top/sub", "top/sub", "top/sub", false},
		{"configuration beside the root", []string{"top"}, "top/other", "top/sub", "top/sub", false},
		{"configuration below the root", []string{"top"}, "top/sub/deep", "top/sub", "top/sub", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			for _, g := range c.git {
				write(t, filepath.Join(base, g, ".git", "config"), originConfig("https://github.com/acme/"+filepath.Base(g)))
			}
			root := filepath.Join(base, c.root)
			write(t, filepath.Join(root, ".greyhound", "config.yaml"), "services: []\n")
			var cfg *config.File
			switch c.cfg {
			case "-":
			case "!":
				cfg = &config.File{}
			default:
				cfg = &config.File{Path: filepath.Join(base, c.cfg, config.FileName)}
			}
			w := New(root, cfg)
			if w.Nested() != c.nested {
				t.Errorf("Nested() = %v, want %v", w.Nested(), c.nested)
			}
			repo := filepath.Join(base, c.repo)
			// The origin is the repository's, when it has a .git.
			wantSelf := ""
			if slices.Contains(c.git, c.repo) {
				wantSelf = "acme/" + filepath.Base(repo)
			}
			if w.Self != wantSelf {
				t.Errorf("Self %q, want %q", w.Self, wantSelf)
			}
			// A config_source is read from the repository's root, and
			// the repository's files through it.
			write(t, filepath.Join(repo, "deploy", "x.yaml"), "services: []\n")
			if r := w.RootFor(filepath.Join(repo, "deploy", "x.yaml")); r.Dir() != repo {
				t.Errorf("RootFor(deploy/x.yaml) = %q, want %q", r.Dir(), repo)
			}
			if wantSelf != "" {
				if p, ok := w.Path(wantSelf, "deploy/x.yaml"); !ok || p != filepath.Join(repo, "deploy", "x.yaml") {
					t.Errorf("deploy/x.yaml of %s is at %q (%v), want under %s", wantSelf, p, ok, repo)
				}
			}
			// Which applications are this repository's is not known from
			// a nested .greyhound/.
			write(t, filepath.Join(root, ".greyhound", "applications.yaml"), fmt.Sprintf("applications:\n  - {name: a, repository: %s, branch: main}\n", cmpOr(wantSelf, "x/y")))
			if _, known := w.Referrers(filepath.Join(root, ".greyhound", "config.yaml")); known != (wantSelf != "" && !c.nested) {
				t.Errorf("Referrers known %v (Self %q, nested %v)", known, wantSelf, c.nested)
			}
		})
	}
}

// IsCheckout: a .greyhound directory or a .git entry (a file too).
func TestIsCheckout(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "gh", ".greyhound", "config.yaml"), "")
	write(t, filepath.Join(base, "git", ".git", "HEAD"), "")
	write(t, filepath.Join(base, "gitfile", ".git"), "gitdir: elsewhere\n")
	write(t, filepath.Join(base, "ghfile", ".greyhound"), "not a directory\n")
	write(t, filepath.Join(base, "none", "x.yaml"), "")
	for dir, want := range map[string]bool{"gh": true, "git": true, "gitfile": true, "ghfile": false, "none": false, "missing": false} {
		if got := IsCheckout(filepath.Join(base, dir)); got != want {
			t.Errorf("IsCheckout(%s) = %v, want %v", dir, got, want)
		}
	}
}

// New makes a relative root absolute (the server and the CLI compare
// roots and paths as absolute).
func TestNewRelativeRoot(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "repo", ".greyhound", "config.yaml"), "services: []\n")
	t.Chdir(base)
	w := New("repo", nil)
	if want := filepath.Join(base, "repo"); w.Root != want {
		t.Errorf("Root %q, want %q", w.Root, want)
	}
	if f := w.Parsed(filepath.Join(base, "repo", ".greyhound", "config.yaml")); f == nil || f.Doc == nil {
		t.Errorf("the config of a relative root was not read: %+v", f)
	}
}
