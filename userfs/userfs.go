package userfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
)

// DefaultMaxFileSize is the largest file greylint checks unless told
// otherwise (--max-file-size): a greyhound config of that size is already
// generated, not written.
const DefaultMaxFileSize = 10 << 20

// ErrTooLarge says a file is larger than the limit; it is reported as a
// finding of the file (file-too-large), never silently cut.
type ErrTooLarge struct{ Limit int64 }

func (e ErrTooLarge) Error() string {
	return fmt.Sprintf("the file is larger than %s, the most greylint checks (--max-file-size)", FormatSize(e.Limit))
}

// ErrOutside says a path, or a symbolic link on it, leads out of its Root.
type ErrOutside struct {
	Root string // the root's directory
	Link bool   // a link leads out (else the path itself is not below the root)
}

func (e ErrOutside) Error() string {
	if e.Link {
		return "a symbolic link that leaves " + e.Root
	}
	return "it is outside " + e.Root
}

// ErrReadOnly is a write refused because the root is read-only.
var ErrReadOnly = errors.New("it is in a checkout greylint only reads (a repositories: mapping of .greylint.yaml), and greylint never writes there")

// Root is a directory user files are read and written beneath.
type Root struct {
	dir      string // absolute and clean
	cwd      string // the working directory relative paths are taken from
	readOnly bool
}

// At returns the root at dir (made absolute). A relative path given to
// the root later is taken from the working directory of this call: the
// working directory is looked up once per root, not per operation
// (os.Getwd stats "." and $PWD each time: 2 of the 28 stats per file of
// a CLI run over a thousand checkouts).
func At(dir string) Root {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = ""
	}
	abs := filepath.Clean(dir)
	if !filepath.IsAbs(abs) {
		if cwd == "" {
			if a, err := filepath.Abs(dir); err == nil {
				abs = a
			}
		} else {
			abs = filepath.Join(cwd, dir)
		}
	}
	return Root{dir: abs, cwd: cwd}
}

// ReadOnlyAt returns the root at dir, which refuses every write.
func ReadOnlyAt(dir string) Root {
	r := At(dir)
	r.readOnly = true
	return r
}

// Dir is the root's directory, absolute.
func (r Root) Dir() string { return r.dir }

// ReadOnly reports whether the root refuses writes.
func (r Root) ReadOnly() bool { return r.readOnly }

// IsZero reports whether r is no root at all.
func (r Root) IsZero() bool { return r.dir == "" }

// Contains reports whether p (relative to the working directory, or
// absolute) names the root or a path below it, by its name alone.
func (r Root) Contains(p string) bool {
	_, err := r.rel(p)
	return err == nil
}

// rel turns p into a path relative to the root, by names alone; a path
// outside is refused.
func (r Root) rel(p string) (string, error) {
	if r.dir == "" {
		return "", errors.New("no root to read it from")
	}
	abs := filepath.Clean(p)
	if !filepath.IsAbs(abs) {
		if r.cwd == "" {
			a, err := filepath.Abs(p)
			if err != nil {
				return "", err
			}
			abs = a
		} else {
			abs = filepath.Join(r.cwd, p)
		}
	}
	rel, err := filepath.Rel(r.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", ErrOutside{Root: r.dir}
	}
	return rel, nil
}

// open opens the root's directory (one descriptor per operation: a run
// over a thousand checkouts never holds a thousand).
func (r Root) open() (*os.Root, error) {
	return os.OpenRoot(r.dir)
}

// counters of what went to disk (a test counts directory reads to hold
// walks linear; see Counts).
var dirReads, fileReads atomic.Int64

// walks counts resolve's link walks (a test holds reads of link-free
// paths to none; see followed).
var walks atomic.Int64

// Counts returns how many directories were listed and files read through
// the layer since the process started.
func Counts() (dirs, files int64) { return dirReads.Load(), fileReads.Load() }

// wrap turns os.Root's errors into what greylint says: a path that
// escapes the root becomes ErrOutside; a path error loses its path
// (the caller names the file itself).
func (r Root) wrap(err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	if err != nil && strings.Contains(err.Error(), "path escapes from parent") {
		return ErrOutside{Root: r.dir, Link: true}
	}
	return err
}

// resolved runs fn with the root open and res, p relative to it with its
// links resolved inside the root: the way in of every operation that
// follows p's links (Stat, OpenRegular, ReadDir, Resolve, Replace).
func (r Root) resolved(p string, fn func(root *os.Root, res string) error) error {
	rel, err := r.rel(p)
	if err != nil {
		return err
	}
	root, err := r.open()
	if err != nil {
		return r.wrap(err)
	}
	defer root.Close()
	res, err := r.resolve(root, rel)
	if err != nil {
		return err
	}
	return fn(root, res)
}

// followed runs fn with the root open and p relative to it, for a read
// that follows p's links: os.Root follows by itself every link that stays
// inside, at one openat per component. Only when it refuses one (an
// absolute link, which os.Root never follows, though it may name a path
// inside the root) does resolve walk p's links itself, an Lstat per
// component, each opening the directories above it, and fn runs again on
// the resolved path, which has no links left. fn must be safe to run
// twice. Resolving first for every read (as resolved does) made a CLI run
// over a thousand checkouts cost 18,011 openat where 3,009 did before the
// file layer.
func (r Root) followed(p string, fn func(root *os.Root, rel string) error) error {
	rel, err := r.rel(p)
	if err != nil {
		return err
	}
	root, err := r.open()
	if err != nil {
		return r.wrap(err)
	}
	defer root.Close()
	err = fn(root, rel)
	var out ErrOutside
	if !errors.As(err, &out) || !out.Link {
		return err
	}
	res, err := r.resolve(root, rel)
	if err != nil {
		return err
	}
	return fn(root, res)
}

// Stat returns the file at p, its links followed inside the root.
func (r Root) Stat(p string) (st fs.FileInfo, err error) {
	err = r.followed(p, func(root *os.Root, res string) error {
		st, err = root.Stat(res)
		return r.wrap(err)
	})
	return st, err
}

// Lstat returns the file at p itself (a link is not followed; links on
// the way to it are, inside the root).
func (r Root) Lstat(p string) (fs.FileInfo, error) {
	rel, err := r.rel(p)
	if err != nil {
		return nil, err
	}
	root, err := r.open()
	if err != nil {
		return nil, r.wrap(err)
	}
	defer root.Close()
	st, err := root.Lstat(rel)
	var out ErrOutside
	if err = r.wrap(err); !errors.As(err, &out) || !out.Link {
		return st, err
	}
	dir, err := r.resolve(root, filepath.Dir(rel)) // see followed
	if err != nil {
		return nil, err
	}
	st, err = root.Lstat(filepath.Join(dir, filepath.Base(rel)))
	return st, r.wrap(err)
}

// ReadFile reads the regular file at p: a FIFO, a device or a socket is
// refused without blocking on it, and at most limit bytes are read
// (ErrTooLarge past it).
func (r Root) ReadFile(p string, limit int64) ([]byte, error) {
	f, size, err := r.OpenRegular(p, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(f, size, limit)
}

// OpenRegular opens the regular file at p for reading (the caller closes
// it and reads no more than limit bytes), with its size.
func (r Root) OpenRegular(p string, limit int64) (f *os.File, size int64, err error) {
	err = r.followed(p, func(root *os.Root, res string) error {
		st, err := root.Stat(res)
		if err != nil {
			return r.wrap(err)
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("it is not a regular file (%s); greylint reads only regular files", fileType(st.Mode()))
		}
		f, err = root.OpenFile(res, os.O_RDONLY|nonBlock, 0)
		if err != nil {
			return r.wrap(err)
		}
		st, err = f.Stat()
		if err != nil || !st.Mode().IsRegular() { // replaced meanwhile
			f.Close()
			f = nil
			return errors.New("it is not a regular file; greylint reads only regular files")
		}
		if st.Size() > limit {
			f.Close()
			f = nil
			return ErrTooLarge{Limit: limit}
		}
		size = st.Size()
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	fileReads.Add(1)
	return f, size, nil
}

// ReadDir lists the directory at p (links on the way followed inside the
// root), sorted by name.
func (r Root) ReadDir(p string) (entries []fs.DirEntry, err error) {
	err = r.followed(p, func(root *os.Root, res string) error {
		entries, err = readDir(root, res)
		return r.wrap(err)
	})
	return entries, err
}

// WalkDir walks the tree at p as filepath.WalkDir does (lexical order,
// links never followed, fn's paths joined to p, fs.SkipDir and fs.SkipAll
// honoured), but inside the root. It reads directories through the
// os.Root itself, not its fs.FS view, which refuses names that are not
// UTF-8: such a directory is a user's to name, and is walked like any.
func (r Root) WalkDir(p string, fn fs.WalkDirFunc) error {
	rel, err := r.rel(p)
	if err != nil {
		return fn(p, nil, err)
	}
	root, err := r.open()
	if err != nil {
		return fn(p, nil, r.wrap(err))
	}
	defer root.Close()
	info, err := root.Lstat(rel)
	if err != nil {
		err = fn(p, nil, &fs.PathError{Op: "lstat", Path: p, Err: r.wrap(err)})
	} else {
		err = r.walk(root, rel, p, fs.FileInfoToDirEntry(info), fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// walk visits d (at rel in root, full as fn sees it) and, for a
// directory, its entries in lexical order, as fs.WalkDir does.
func (r Root) walk(root *os.Root, rel, full string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(full, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := readDir(root, rel)
	if err != nil {
		// As fs.WalkDir: a second call with the error, which may skip
		// the directory or stop the walk.
		if err = fn(full, d, &fs.PathError{Op: "open", Path: full, Err: r.wrap(err)}); err != nil {
			if err == fs.SkipDir {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := r.walk(root, filepath.Join(rel, e.Name()), filepath.Join(full, e.Name()), e, fn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// readDir lists the directory rel of root, sorted by name, and counts the
// read (Counts).
func readDir(root *os.Root, rel string) ([]fs.DirEntry, error) {
	f, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dirReads.Add(1)
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Resolve returns p with its symbolic links resolved inside the root, as
// a path below the root's directory; a link that leaves the root (or is
// absolute to a path outside) is ErrOutside. A missing last component is
// allowed.
func (r Root) Resolve(p string) (resolved string, err error) {
	err = r.resolved(p, func(_ *os.Root, res string) error {
		resolved = filepath.Join(r.dir, res)
		return nil
	})
	return resolved, err
}

// resolve follows the links of rel one component at a time, never
// leaving the root.
func (r Root) resolve(root *os.Root, rel string) (string, error) {
	walks.Add(1)
	parts := strings.Split(filepath.ToSlash(rel), "/")
	cur := ""
	hops := 0
	for len(parts) > 0 {
		c := parts[0]
		parts = parts[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if cur == "" {
				return "", ErrOutside{Root: r.dir, Link: true}
			}
			cur = filepath.Dir(cur)
			if cur == "." {
				cur = ""
			}
			continue
		}
		next := filepath.Join(cur, c)
		st, err := root.Lstat(next)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && len(parts) == 0 {
				return next, nil
			}
			return "", r.wrap(err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			if hops++; hops > 40 {
				return "", errors.New("too many levels of symbolic links")
			}
			target, err := root.Readlink(next)
			if err != nil {
				return "", r.wrap(err)
			}
			if filepath.IsAbs(target) {
				// Absolute: followed only to a path below the root,
				// by its name (os.Root checks the result again).
				t, err := filepath.Rel(r.dir, filepath.Clean(target))
				if err != nil || t == ".." || strings.HasPrefix(t, ".."+string(filepath.Separator)) {
					return "", ErrOutside{Root: r.dir, Link: true}
				}
				target, cur = t, ""
			}
			parts = append(strings.Split(filepath.ToSlash(target), "/"), parts...)
			continue
		}
		cur = next
	}
	if cur == "" {
		return ".", nil
	}
	return cur, nil
}

// readSized reads r to its end into a buffer of size bytes, grown if it
// holds more (a regular file read in one buffer of its size: io.ReadAll
// grows from 512 bytes, eight copies for a 40 KB file), and fails with
// ErrTooLarge past limit.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // +1: the read that sees the end
	for {
		if int64(len(b)) > limit {
			return nil, ErrTooLarge{Limit: limit}
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):min(cap(b), int(limit+1))])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// ReadLimited reads r up to limit bytes, and fails with ErrTooLarge past
// it (standard input, /dev/zero behind a name, a huge file).
func ReadLimited(r io.Reader, limit int64) ([]byte, error) { return readSized(r, 0, limit) }

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// FormatSize writes a byte count the way people read it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Within reports whether path is dir or lies below it, by their names
// alone (both absolute and clean; links are not followed).
func Within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}
