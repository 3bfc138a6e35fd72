package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/userfs"
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
// under root, through the file layer rooted at root: it does not follow
// symbolic links to directories, but a .greyhound that is a link to a
// directory inside root is listed (as GreyhoundFiles lists it, so that
// `greylint .` and `greylint` agree), and one that leaves root is said and
// skipped; a link to a file outside root is said and skipped; a directory
// it cannot read is said and passed over, and the rest is linted.
func Walk(root string, display func(string) string, dv *Skipped) []string {
	var out []string
	r := userfs.At(root)
	r.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
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
			if d.Name() == ".greyhound" && d.Type()&fs.ModeSymlink != 0 {
				// A .greyhound link: listed when it stays inside root
				// (a walk from below may refuse it: noted as a link).
				if dv != nil {
					dv.Links = append(dv.Links, path)
				}
				out = append(out, greyhoundFiles(r, path, display, dv)...)
				return nil
			}
			// A file of a .greyhound directory: its type came with the
			// directory's read (reading it again was a tenth of a run
			// over 1,000 small repositories).
			if filepath.Base(filepath.Dir(path)) == ".greyhound" && greyhoundEntry(r, path, d, display, dv) {
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
// symbolic link that leaves root (said in dv). A dir that is itself a
// link leaving root is said and skipped.
func GreyhoundFiles(dir, root string, display func(string) string, dv *Skipped) []string {
	return greyhoundFiles(userfs.At(root), dir, display, dv)
}

func greyhoundFiles(r userfs.Root, dir string, display func(string) string, dv *Skipped) []string {
	entries, err := r.ReadDir(dir) // sorted
	if err != nil {
		if why := outsideWhy(err, "directory", display); why != "" {
			dv.add("skipped %s: %s", display(dir), why)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if p := filepath.Join(dir, e.Name()); greyhoundEntry(r, p, e, display, dv) {
			out = append(out, p)
		}
	}
	return out
}

// outsideWhy says why err refused a path that leaves its root, or "";
// what is "file" or "directory".
func outsideWhy(err error, what string, display func(string) string) string {
	var oe userfs.ErrOutside
	if errors.As(err, &oe) {
		if oe.Link {
			return "a symbolic link to a " + what + " outside " + display(oe.Root)
		}
		return "it is outside " + display(oe.Root)
	}
	return ""
}

// greyhoundEntry reports whether the entry p of a .greyhound directory is
// a greyhound file: a .yaml or .yml file that is not greylint's own
// configuration and, when it is a symbolic link, stays inside the root
// (else said in dv) and leads to a file. A regular file costs no system
// call: its type comes with the directory's entries.
func greyhoundEntry(r userfs.Root, p string, e fs.DirEntry, display func(string) string, dv *Skipped) bool {
	name := e.Name()
	if name == config.FileName || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
		return false
	}
	switch t := e.Type(); {
	case t.IsRegular():
	case t&fs.ModeSymlink != 0:
		st, err := r.Stat(p)
		if why := outsideWhy(err, "file", display); why != "" {
			dv.add("skipped %s: %s", display(p), why)
			return false
		}
		if err != nil {
			dv.add("skipped %s: a symbolic link that leads nowhere", display(p))
			return false
		}
		if dv != nil {
			dv.Links = append(dv.Links, p)
		}
		if st.IsDir() {
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

// HasGreyhoundDir reports whether dir holds a .greyhound directory: a
// directory, or a link to one that stays inside dir (a link that leaves
// it is no .greyhound directory, and why says so).
func HasGreyhoundDir(dir string) (ok bool, why string) {
	p := filepath.Join(dir, ".greyhound")
	lst, err := os.Lstat(p)
	switch {
	case err != nil:
		return false, ""
	case lst.IsDir():
		return true, ""
	case lst.Mode()&fs.ModeSymlink == 0:
		return false, ""
	}
	st, err := userfs.At(dir).Stat(p)
	if w := outsideWhy(err, "directory", func(s string) string { return s }); w != "" {
		return false, w
	}
	return err == nil && st.IsDir(), ""
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
