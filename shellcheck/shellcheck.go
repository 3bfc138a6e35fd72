// Package shellcheck runs shellcheck on the scripts of a greyhound
// configuration: the script argument of sh -c, bash -c and friends, and
// configmap entries that are shell scripts. It runs one shellcheck
// process per batch of scripts (the scripts of one file and one dialect),
// never one per script, and caches the findings of each script by the hash
// of its text, so that the server, which lints a file at every pause in
// typing, runs shellcheck only on the scripts that changed.
package shellcheck

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
)

// Script is one script to check.
type Script struct {
	Text  string
	Shell string // the dialect: sh, bash, dash, ksh (shellcheck's --shell)
}

// Comment is one shellcheck finding, as its json1 format gives it: lines
// and columns are 1-based, columns count characters (a tab is one), and
// the end is exclusive.
type Comment struct {
	Line      int    `json:"line"`
	EndLine   int    `json:"endLine"`
	Column    int    `json:"column"`
	EndColumn int    `json:"endColumn"`
	Level     string `json:"level"` // error, warning, info, style
	Code      int    `json:"code"`
	Message   string `json:"message"`
	File      string `json:"file"`
}

// Runner runs one shellcheck executable. It is safe for concurrent use.
type Runner struct {
	Path string

	mu    sync.Mutex
	cache map[[32]byte][]Comment
	runs  int // shellcheck processes started
}

// Started returns how many shellcheck processes the runner has started
// (tests hold the server to one per batch of changed scripts with it).
func (r *Runner) Started() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.runs
}

// maxCache bounds the cached scripts; past it the cache starts again.
const maxCache = 4096

var (
	runnersMu sync.Mutex
	runners   = map[string]*Runner{}
	lookPath  = exec.LookPath
	// onPath is the shellcheck on PATH, looked up once per process (every
	// file's configuration asks).
	onPath struct {
		once sync.Once
		path string
	}
)

// Off is the setting that turns shellcheck off.
const Off = "off"

// For returns the runner for a setting ("" finds shellcheck on PATH, "off"
// turns it off, anything else names the executable), shared by every
// file with that setting so they share its cache. It returns nil when
// shellcheck is off or, for "", not installed.
func For(setting string) (*Runner, error) {
	if setting == Off {
		return nil, nil
	}
	path := setting
	if path == "" {
		onPath.once.Do(func() { onPath.path, _ = lookPath("shellcheck") })
		if onPath.path == "" {
			return nil, nil // not installed: silent, as actionlint is
		}
		path = onPath.path
	}
	runnersMu.Lock()
	defer runnersMu.Unlock()
	if r := runners[path]; r != nil {
		return r, nil
	}
	if setting != "" {
		if _, err := lookPath(path); err != nil {
			return nil, fmt.Errorf("shellcheck %q: %w", path, err)
		}
	}
	r := &Runner{Path: path, cache: map[[32]byte][]Comment{}}
	runners[path] = r
	return r, nil
}

func key(s Script) [32]byte { return sha256.Sum256([]byte(s.Shell + "\x00" + s.Text)) }

// Check returns the findings of each script, running shellcheck once per
// dialect on the scripts not in the cache.
func (r *Runner) Check(ctx context.Context, scripts []Script) ([][]Comment, error) {
	out := make([][]Comment, len(scripts))
	todo := map[string][]int{} // dialect -> indexes of scripts to run
	r.mu.Lock()
	for i, s := range scripts {
		if c, ok := r.cache[key(s)]; ok {
			out[i] = c
		} else {
			todo[s.Shell] = append(todo[s.Shell], i)
		}
	}
	r.mu.Unlock()
	for shell, idx := range todo {
		found, err := r.run(ctx, shell, scripts, idx)
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		if len(r.cache)+len(idx) > maxCache {
			r.cache = map[[32]byte][]Comment{}
		}
		for k, i := range idx {
			out[i] = found[k]
			r.cache[key(scripts[i])] = found[k]
		}
		r.mu.Unlock()
	}
	return out, nil
}

// run checks scripts[idx] in one shellcheck process: each script is a file
// of a temporary directory, named by its place in idx.
func (r *Runner) run(ctx context.Context, shell string, scripts []Script, idx []int) ([][]Comment, error) {
	dir, err := os.MkdirTemp("", "greylint-shellcheck-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	args := []string{"--format=json1", "--norc", "--shell=" + shell, "--"}
	for k, i := range idx {
		name := filepath.Join(dir, strconv.Itoa(k))
		if err := os.WriteFile(name, []byte(scripts[i].Text), 0o600); err != nil {
			return nil, err
		}
		args = append(args, name)
	}
	cmd := exec.CommandContext(ctx, r.Path, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r.mu.Lock()
	r.runs++
	r.mu.Unlock()
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		// 1 means findings; anything else is a failure.
		return nil, fmt.Errorf("shellcheck: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var res struct {
		Comments []Comment `json:"comments"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("shellcheck: reading its output: %v", err)
	}
	found := make([][]Comment, len(idx))
	for _, c := range res.Comments {
		k, err := strconv.Atoi(filepath.Base(c.File))
		if err != nil || k < 0 || k >= len(idx) {
			continue
		}
		c.File = ""
		found[k] = append(found[k], c)
	}
	for k := range found {
		if found[k] == nil {
			found[k] = []Comment{} // checked, nothing found: cached as such
		}
	}
	return found, nil
}
