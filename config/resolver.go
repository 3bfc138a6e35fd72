package config

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/greylint/greylint/lint"
)

// Overlay is what a front end puts on top of the configuration file: the
// CLI's flags, the editor's settings. Both go through Resolver.For, so a
// file is configured the same way in the CLI and the editor.
type Overlay struct {
	// Strict, when set, replaces the file's strict (--strict,
	// --strict=false, the editor's "strict": true).
	Strict *bool
	// Severity overrides the file's severity per rule (lint.Off turns a
	// rule off).
	Severity map[string]lint.Severity
	// Select and Ignore, when not nil, replace the file's select and
	// ignore lists (--select, --ignore).
	Select, Ignore []string
	// Shellcheck, when not empty, replaces the file's shellcheck: setting
	// (--shellcheck).
	Shellcheck string
}

// Loaded is a configuration file as the resolver read it.
type Loaded struct {
	Path  string // as found (relative when the linted path is)
	File  *File
	Diags []lint.Diagnostic // the file's own mistakes
	Err   error             // the file could not be read

	mod  time.Time
	size int64
}

// Resolver finds the configuration file of each linted file (--config, or
// .greylint.yaml from the file's directory up to the repository root),
// loads each file once, and applies the overlay. It is safe for
// concurrent use.
type Resolver struct {
	Explicit string // --config; "" to discover
	// Watch re-reads a configuration file whose modification time or size
	// changed since it was loaded (the server, which runs for hours).
	Watch bool

	mu      sync.Mutex
	overlay Overlay            // applied on top of every file
	byDir   map[string]string  // directory -> configuration path ("" = none)
	loaded  map[string]*Loaded // configuration path -> file
	finder  finder             // what each directory holds (a run; not when watching)
}

// For returns the engine configuration for the file at path, and skip
// when the configuration's ignore list skips the file entirely.
func (r *Resolver) For(path string) (cfg *lint.Config, skip bool) {
	f := r.file(path)
	if all, _ := f.Skip(path); all {
		return nil, true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	selected, ignored := f.Select, f.Ignore
	if r.overlay.Select != nil {
		selected = r.overlay.Select
	}
	if r.overlay.Ignore != nil {
		ignored = r.overlay.Ignore
	}
	cfg = f.lintWith(path, selected, ignored, r.overlay.Severity)
	if r.overlay.Strict != nil {
		cfg.Strict = *r.overlay.Strict
	}
	if r.overlay.Shellcheck != "" {
		cfg.Shellcheck = r.overlay.Shellcheck
	}
	return cfg, false
}

// SetOverlay replaces what is put on top of every configuration file.
func (r *Resolver) SetOverlay(o Overlay) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.overlay = o
}

// Load finds and reads the configuration file of path (once), so that its
// mistakes are known before any file is linted.
func (r *Resolver) Load(path string) { r.file(path) }

// Analyze lints one file with its configuration: what the CLI does for
// each file and the server for each document, so that both give the same
// findings. skip is set (and the result nil) when the configuration's
// ignore list skips the file entirely.
func (r *Resolver) Analyze(ctx context.Context, f *lint.File) (res *lint.Result, skip bool) {
	cfg, skip := r.For(f.Path)
	if skip {
		return nil, true
	}
	return lint.Analyze(ctx, f, cfg), false
}

// Config returns the configuration file that applies to path (the
// defaults when there is none), without the overlay.
func (r *Resolver) Config(path string) *File { return r.file(path) }

// FailOn returns the fail_on of the configuration file that applies to
// path, or 0 when it sets none.
func (r *Resolver) FailOn(path string) lint.Severity { return r.file(path).FailOn }

// PathFor returns the configuration file that applies to path, or "" for
// the defaults.
func (r *Resolver) PathFor(path string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pathLocked(path)
}

func (r *Resolver) pathLocked(path string) string {
	if r.Explicit != "" {
		return r.Explicit
	}
	if r.byDir == nil {
		r.byDir = map[string]string{}
	}
	dir := filepath.Dir(path)
	p, ok := r.byDir[dir]
	if !ok {
		if r.Watch {
			p, _ = Find(dir) // a file may appear or go at any time
		} else {
			p, _ = r.finder.find(dir)
		}
		r.byDir[dir] = p
	}
	return p
}

// file returns the loaded configuration for path (the defaults when there
// is none, or when it cannot be read: Loaded says why).
func (r *Resolver) file(path string) *File {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.pathLocked(path)
	if p == "" {
		return Default()
	}
	if r.loaded == nil {
		r.loaded = map[string]*Loaded{}
	}
	l := r.loaded[p]
	if l != nil && r.Watch {
		if st, err := os.Stat(p); err != nil || !st.ModTime().Equal(l.mod) || st.Size() != l.size {
			l = nil // changed or removed: read again, and look again next time
			if r.Explicit == "" {
				delete(r.byDir, filepath.Dir(path))
				if p = r.pathLocked(path); p == "" {
					return Default()
				}
			}
		}
	}
	if l == nil {
		l = &Loaded{Path: p}
		if st, err := os.Stat(p); err == nil {
			l.mod, l.size = st.ModTime(), st.Size()
		}
		l.File, l.Diags, l.Err = Load(p)
		if l.Err != nil {
			l.File = Default()
		}
		r.loaded[p] = l
	}
	return l.File
}

// Loaded returns the configuration files read so far, by path: their
// findings are reported in a deterministic order.
func (r *Resolver) Loaded() []*Loaded {
	if r.Explicit != "" {
		r.file(r.Explicit) // read even when no file was linted
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Loaded, 0, len(r.loaded))
	for _, l := range r.loaded {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *Loaded) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Broken reports whether a configuration file read so far has an error or
// cannot be read.
func (r *Resolver) Broken() bool {
	for _, l := range r.Loaded() {
		if l.Err != nil {
			return true
		}
		for _, d := range l.Diags {
			if d.Severity == lint.Error {
				return true
			}
		}
	}
	return false
}

// Forget drops what is known about configuration files (the client says
// files changed).
func (r *Resolver) Forget() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byDir, r.loaded, r.finder = nil, nil, finder{}
}
