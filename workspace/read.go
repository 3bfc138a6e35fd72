package workspace

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// ReadRegular reads a file that must be a regular file: a FIFO, a device
// or a socket is refused without blocking on it, and at most limit bytes
// are read.
func ReadRegular(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("it is not a regular file (%s); greylint reads only regular files", fileType(st.Mode()))
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil || !st.Mode().IsRegular() { // replaced meanwhile
		return nil, errors.New("it is not a regular file; greylint reads only regular files")
	}
	if st.Size() > limit {
		return nil, ErrTooLarge{Limit: limit}
	}
	return readSized(f, st.Size(), limit)
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

// InsideRoot reports whether path, with its symbolic links resolved,
// stays inside root (itself resolved): the walk never reads through a
// link that leaves the tree it was asked to lint (a committed
// .greyhound/config.yaml -> /proc/self/environ would print the CI job's
// environment in a syntax error).
func InsideRoot(root, path string) (bool, string) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false, "a symbolic link that leads nowhere"
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false, "its directory cannot be resolved"
	}
	r, _ = filepath.Abs(r)
	target, _ = filepath.Abs(target)
	if Within(r, target) {
		return true, ""
	}
	return false, "a symbolic link to a file outside " + filepath.Clean(root)
}

// Within reports whether path is dir or lies below it, by their names
// alone (both absolute and clean; links are not followed).
func Within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
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
