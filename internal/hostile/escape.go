package hostile

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Escape is a generated checkout holding every link shape of the hostile
// rounds (issue #19), with sentinel files outside it: the escape tests run
// every CLI mode and the server's file features on it and check that no
// sentinel byte is ever printed and no file outside changes.
type Escape struct {
	Base     string // holds Repo and Outside
	Repo     string // the checkout (a git worktree: .git is a gitdir: file)
	Outside  string // what must never be printed (Sentinel) or changed
	Mapped   string // a checkout mapped by repositories: (read, never written), in Outside
	Sentinel string // a random token in every file of Outside but Mapped and the git directory
	// GreylintLinks are checkouts beside Repo whose .greylint.yaml is a
	// link out (to a sentinel file, /proc/self/environ, /dev/zero) or a
	// FIFO: each run on them must refuse the configuration.
	GreylintLinks []string
}

// fixable has a safe fix (restartPolicy) and an unsafe one (a typo'd
// field with a nearest name), so --fix and --unsafe-fixes write.
const fixable = "jobs:\n  - name: migrate\n    image: nginx\n    restartPolicy: OnFailure\n    comand: [x]\n"

// WriteEscape writes the checkout under base.
func WriteEscape(base string) (*Escape, error) {
	var b [8]byte
	rand.Read(b[:])
	e := &Escape{Base: base, Repo: filepath.Join(base, "repo"), Outside: filepath.Join(base, "outside"), Sentinel: "SENTINEL" + hex.EncodeToString(b[:])}
	e.Mapped = filepath.Join(e.Outside, "mapped")
	s := e.Sentinel
	gitdir := filepath.Join(e.Outside, "git", "worktrees", "repo")
	files := map[string]string{
		// Outside: sentinels in every shape a linter might print.
		"outside/secret.yaml":                   s + ": [\n",
		"outside/flat.yaml":                     "DATABASE_PASSWORD: " + s + "\n",
		"outside/other.yaml":                    "jobs:\n  - name: " + s + "\n    image: nginx\n    restartPolicy: OnFailure\n",
		"outside/docker-compose.yml":            "services:\n  db:\n    environment:\n      PASSWORD: " + s + "\n",
		"outside/hosts.yml":                     s + ":\n    oauth_token: x\n",
		"outside/greyhound/config.yaml":         "services:\n  - name: " + s + "\n    image: nginx\n    livenessProbe: {}\n",
		"outside/greyhound/secrets.yaml":        s + "_KEY: x\n",
		"outside/greylint.yaml":                 "strict: true\n" + s + ": 1\n",
		"outside/mapped/.greyhound/config.yaml": fixable,
		// The git directory of the worktree (outside, read for origin).
		"outside/git/config":                   "[remote \"origin\"]\n\turl = https://github.com/acme/app.git\n",
		"outside/git/worktrees/repo/commondir": "../..\n",
		"outside/git/worktrees/repo/HEAD":      "ref: refs/heads/main\n",
		// The checkout.
		"repo/.git":                   "gitdir: " + gitdir + "\n",
		"repo/.greylint.yaml":         "repositories:\n  other/mapped: " + e.Mapped + "\nfiles: [\"deploy/*.yaml\"]\n",
		"repo/.greyhound/config.yaml": fixable,
		"repo/.greyhound/applications.yaml": "applications:\n" +
			"  - {name: a, repository: acme/app, branch: main}\n" +
			"  - {name: b, repository: acme/app, branch: main, config_source: l/other.yaml}\n" +
			"  - {name: c, repository: acme/app, branch: main, config_source: l/docker-compose.yml}\n" +
			"  - {name: d, repository: acme/app, branch: main, config_source: l/hosts.yml}\n" +
			"  - {name: e, repository: acme/app, branch: main, config_source: proc" + e.Outside + "/other.yaml}\n" +
			"  - {name: f, repository: acme/app, branch: main, config_source: abs/other.yaml}\n" +
			"  - {name: g, repository: acme/app, branch: main, config_source: deploy/out.yaml}\n" +
			"  - {name: h, repository: acme/app, branch: main, config_source: deploy/zero.yaml}\n" +
			"  - {name: i, repository: acme/app, branch: main, config_source: deploy/fifo.yaml}\n" +
			"  - {name: j, repository: acme/app, branch: main, config_source: ../outside/other.yaml}\n" +
			"  - {name: k, repository: acme/app, branch: main, config_source: " + e.Outside + "/other.yaml}\n" +
			"  - {name: m, repository: other/mapped, branch: main}\n" +
			"  - {name: n, repository: other/mapped, branch: main, config_source: ../secret.yaml}\n",
		"repo/deploy/ok.yaml":             fixable,
		"repo/svc/.greyhound/config.yaml": "services:\n  - name: svc\n    image: nginx\n",
	}
	links := map[string]string{
		"repo/l":                       "../outside",
		"repo/abs":                     e.Outside,
		"repo/proc":                    "/proc/self/root",
		"repo/.greyhound/leak.yaml":    "../../outside/secret.yaml",
		"repo/.greyhound/flat.yaml":    "../../outside/flat.yaml",
		"repo/.greyhound/abs.yaml":     filepath.Join(e.Outside, "other.yaml"),
		"repo/.greyhound/proc.yaml":    "/proc/self/root" + e.Outside + "/other.yaml",
		"repo/.greyhound/environ.yaml": "/proc/self/environ",
		"repo/.greyhound/zero.yaml":    "/dev/zero",
		"repo/.greyhound/dotdot.yaml":  "../svc/../../outside/secret.yaml",
		"repo/.greyhound/in.yaml":      "../deploy/ok.yaml",
		"repo/.greyhound/twice.yaml":   "config.yaml",
		"repo/.greyhound/dir.yaml":     "../l",
		"repo/.greyhound/loop.yaml":    "loop.yaml",
		"repo/deploy/out.yaml":         "../../outside/other.yaml",
		"repo/deploy/abs.yaml":         filepath.Join(e.Outside, "docker-compose.yml"),
		"repo/deploy/zero.yaml":        "/dev/zero",
		"repo/up/.greyhound":           "../../outside/greyhound",
		"repo/procdir/.greyhound":      "/proc/self/root" + e.Outside + "/greyhound",
		"repo/absdir/.greyhound":       filepath.Join(e.Outside, "greyhound"),
	}
	fifos := []string{"repo/.greyhound/fifo.yaml", "repo/deploy/fifo.yaml"}
	// Checkouts whose .greylint.yaml leaves them.
	for i, target := range []string{"../outside/greylint.yaml", filepath.Join(e.Outside, "greylint.yaml"), "/proc/self/environ", "/dev/zero", "fifo"} {
		dir := fmt.Sprintf("cfg%d", i)
		files[dir+"/.git/HEAD"] = "ref: refs/heads/main\n"
		files[dir+"/.greyhound/config.yaml"] = fixable
		if target == "fifo" {
			fifos = append(fifos, dir+"/.greylint.yaml")
		} else {
			links[dir+"/.greylint.yaml"] = target
		}
		e.GreylintLinks = append(e.GreylintLinks, filepath.Join(base, dir))
	}
	for name, text := range files {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	for name, target := range links {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.Symlink(target, p); err != nil {
			return nil, err
		}
	}
	for _, name := range fifos {
		if err := syscall.Mkfifo(filepath.Join(base, name), 0o644); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Snapshot is every file below dir (links not followed) with its mode,
// size, mtime and content: what "no file outside changes" compares.
func Snapshot(dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		st, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		v := fmt.Sprintf("%v %d %v", st.Mode(), st.Size(), st.ModTime().UnixNano())
		if st.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			v += "\n" + string(b)
		}
		out[p] = v
		return nil
	})
	return out
}

// Changed lists what differs between two snapshots.
func Changed(before, after map[string]string) []string {
	var out []string
	for p, v := range before {
		if w, ok := after[p]; !ok {
			out = append(out, "removed "+p)
		} else if w != v {
			out = append(out, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, "added "+p)
		}
	}
	return out
}

// Leaks reports whether out holds the sentinel, or any 12 bytes of it.
func (e *Escape) Leaks(out string) bool {
	for i := 0; i+12 <= len(e.Sentinel); i++ {
		if strings.Contains(out, e.Sentinel[i:i+12]) {
			return true
		}
	}
	return false
}
