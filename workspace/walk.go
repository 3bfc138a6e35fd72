package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
			// A file of a .greyhound directory: its type came with the
			// directory's read (reading it again was a tenth of a run
			// over 1,000 small repositories).
			if filepath.Base(filepath.Dir(path)) == ".greyhound" && greyhoundEntry(path, d, root, display, dv) {
				out = append(out, path)
			}
			return nil
		}
		if path != root && skipDirs[d.Name()] {
			return filepath.SkipDir
		}
		return nil
	})
	return out
}

// GreyhoundFiles returns the YAML files of a .greyhound directory, but not
// greylint's own configuration, which is never a greyhound file, nor a
// symbolic link that leaves root (said in dv).
func GreyhoundFiles(dir, root string, display func(string) string, dv *Skipped) []string {
	entries, _ := os.ReadDir(dir) // sorted
	var out []string
	for _, e := range entries {
		if p := filepath.Join(dir, e.Name()); greyhoundEntry(p, e, root, display, dv) {
			out = append(out, p)
		}
	}
	return out
}

// greyhoundEntry reports whether the entry p of a .greyhound directory is
// a greyhound file: a .yaml or .yml file that is not greylint's own
// configuration and, when it is a symbolic link, stays inside root (else
// said in dv) and leads to a file. A regular file costs no system call:
// its type comes with the directory's entries.
func greyhoundEntry(p string, e fs.DirEntry, root string, display func(string) string, dv *Skipped) bool {
	name := e.Name()
	if name == config.FileName || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
		return false
	}
	switch t := e.Type(); {
	case t.IsRegular():
	case t&fs.ModeSymlink != 0:
		if ok, why := InsideRoot(root, p); !ok {
			dv.add("skipped %s: %s", display(p), why)
			return false
		}
		if dv != nil {
			dv.Links = append(dv.Links, p)
		}
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return false
		}
	case t.IsDir():
		return false
	default:
		// A FIFO, socket or device is listed like a file (the reader
		// refuses it with a message, never blocking on it).
	}
	return true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
