package lsp

import (
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// The server reads the same .greylint.yaml as the CLI (found from the
// document's directory up to the repository root) and notices when it
// changes: each lint run checks the file's modification time. Editor
// settings apply on top of it.

type configCache struct {
	mu    sync.Mutex
	byDir map[string]string        // document directory -> config path ("" = none)
	files map[string]*cachedConfig // config path -> loaded file
}

type cachedConfig struct {
	mod  time.Time
	size int64
	file *config.File
}

// file returns the configuration for a document path.
func (c *configCache) file(path string) *config.File {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byDir == nil {
		c.byDir, c.files = map[string]string{}, map[string]*cachedConfig{}
	}
	dir := filepath.Dir(path)
	p, ok := c.byDir[dir]
	if !ok {
		p, _ = config.Find(dir)
		c.byDir[dir] = p
	}
	if p == "" {
		return config.Default()
	}
	st, err := os.Stat(p)
	if err != nil {
		delete(c.byDir, dir) // removed: look again next time
		return config.Default()
	}
	cc := c.files[p]
	if cc == nil || !cc.mod.Equal(st.ModTime()) || cc.size != st.Size() {
		f, _, err := config.Load(p) // its mistakes show when the file itself is open
		if err != nil {
			f = config.Default()
		}
		cc = &cachedConfig{mod: st.ModTime(), size: st.Size(), file: f}
		c.files[p] = cc
	}
	return cc.file
}

// forget drops what is known about configuration files, after the client
// reports that files changed.
func (c *configCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byDir, c.files = nil, nil
}

// configFor is the lint configuration for a document: its .greylint.yaml,
// then the editor settings on top. ignored is set when the configuration's
// ignore list skips the file entirely.
func (s *Server) configFor(path string) (cfg *lint.Config, ignored bool) {
	f := s.configs.file(path)
	if all, _ := f.Skip(path); all {
		return nil, true
	}
	cfg = f.Lint(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg.Strict = cfg.Strict || s.settings.Strict
	for id, v := range s.settings.Rules {
		if sev, ok := parseLevel(v); ok {
			cfg.Severity[id] = sev
		}
	}
	return cfg, false
}

// isConfigFile reports whether a document is greylint's own configuration.
func isConfigFile(path string) bool { return filepath.Base(path) == config.FileName }
