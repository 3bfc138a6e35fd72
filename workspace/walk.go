package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/greylint/greylint/config"
)

// Skipped is what a walk passed over, and why (the CLI says it on standard
// error; an unreadable directory makes its exit code 3).
type Skipped struct {
	Messages   []string
	Unreadable bool
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
	var out []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, p := range m {
			if filepath.Base(p) == config.FileName {
				continue
			}
			if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
				if ok, why := InsideRoot(root, p); !ok {
					dv.add("skipped %s: %s", display(p), why)
					continue
				}
			}
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				out = append(out, p)
			}
		}
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
