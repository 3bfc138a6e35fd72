package main

import (
	"path/filepath"
	"sync"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// configs finds and loads the .greylint.yaml of each linted file once.
type configs struct {
	explicit string // --config
	strict   bool   // --strict

	mu     sync.Mutex
	loaded map[string]*loadedConfig // by configuration path ("" = defaults)
	byDir  map[string]string        // directory -> configuration path
	broken bool                     // a configuration file has an error
}

type loadedConfig struct {
	file  *config.File
	diags []lint.Diagnostic
	err   error
}

// pathFor returns the path of the configuration file that applies to the
// file at path, or "" for the defaults.
func (c *configs) pathFor(path string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pathForLocked(path)
}

func (c *configs) pathForLocked(path string) string {
	if c.explicit != "" {
		return c.explicit
	}
	dir := filepath.Dir(path)
	if c.byDir == nil {
		c.byDir = map[string]string{}
	}
	p, ok := c.byDir[dir]
	if !ok {
		p, _ = config.Find(dir)
		c.byDir[dir] = p
	}
	return p
}

// forPath returns the configuration that applies to the file at path.
func (c *configs) forPath(path string) *config.File {
	c.mu.Lock()
	defer c.mu.Unlock()
	cfgPath := c.pathForLocked(path)
	if cfgPath == "" {
		return config.Default()
	}
	l, ok := c.loaded[cfgPath]
	if !ok {
		l = &loadedConfig{}
		l.file, l.diags, l.err = config.Load(cfgPath)
		for _, d := range l.diags {
			if d.Severity == lint.Error {
				c.broken = true
			}
		}
		if l.err != nil {
			c.broken = true
			l.file = config.Default()
		}
		c.loaded[cfgPath] = l
	}
	return l.file
}

// results returns the findings of the configuration files themselves.
func (c *configs) results() []*result {
	if c.explicit != "" {
		c.forPath(c.explicit)
	}
	var out []*result
	for path, l := range c.loaded {
		r := &result{path: displayPath(path), err: l.err}
		if l.err == nil && len(l.diags) > 0 {
			src, _ := readFile(path)
			r.src, r.lines, r.diags = src, lint.NewLines(src), l.diags
		}
		if r.err != nil || len(r.diags) > 0 {
			out = append(out, r)
		}
	}
	return out
}
