package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greylint/greylint/config"
)

// Skipped is what a walk passed over, and why (the CLI says it on standard
// error; an unreadable directory makes its exit code 3).
type Skipped struct {
	Messages   []string
	Unreadable bool
	// Links are the symbolic links to files the walk took (inside its
	// root): a walk from a directory below may not take them.
	Links []string
}

func (s *Skipped) add(format string, args ...any) {
	if s != nil {
		s.Messages = append(s.Messages, fmt.Sprintf(format, args...))
	}
}

var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// Walk finds the YAML files directly inside every .greyhound directory
// under root. It does not follow symbolic links to directories (WalkDir
// never does), nor to files outside root; a directory it cannot read is
// said and passed over, and the rest is linted.
func Walk(root string, display func(string) string, dv *Skipped) []string {
	var out []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			dv.add("cannot read %s: %v", display(path), unwrapPathError(err))
			if dv != nil {
				dv.Unreadable = true
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && skipDirs[d.Name()] {
			return filepath.SkipDir
		}
		if d.Name() == ".greyhound" {
			out = append(out, GreyhoundFiles(path, root, display, dv)...)
		}
		return nil
	})
	return out
}

// GreyhoundFiles returns the YAML files of a .greyhound directory, but not
// greylint's own configuration, which is never a greyhound file, nor a
// symbolic link that leaves root (said in dv).
func GreyhoundFiles(dir, root string, display func(string) string, dv *Skipped) []string {
	// One directory read: the entries' types come with it, so a regular
	// file costs no stat (two globs, an lstat and a stat per file were a
	// tenth of a run over 1,000 small repositories).
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		name := e.Name()
		if name == config.FileName || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		p := filepath.Join(dir, name)
		switch t := e.Type(); {
		case t.IsRegular():
		case t&fs.ModeSymlink != 0:
			if ok, why := InsideRoot(root, p); !ok {
				dv.add("skipped %s: %s", display(p), why)
				continue
			}
			if dv != nil {
				dv.Links = append(dv.Links, p)
			}
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				continue
			}
		case t.IsDir():
			continue
		default:
			// A FIFO, socket or device is listed like a file (the reader
			// refuses it with a message, never blocking on it).
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
