package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// defaultMaxFileSize is the largest file greylint checks unless told
// otherwise (--max-file-size): a greyhound config of that size is already
// generated, not written.
const defaultMaxFileSize = 10 << 20

// errTooLarge says a file is larger than the limit; it is reported as a
// finding of the file (file-too-large), never silently cut.
type errTooLarge struct{ limit int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("the file is larger than %s, the most greylint checks (--max-file-size)", formatSize(e.limit))
}

// readRegular reads a file that must be a regular file: a FIFO, a device
// or a socket is refused without blocking on it, and at most limit bytes
// are read.
func readRegular(path string, limit int64) ([]byte, error) {
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
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() { // replaced meanwhile
		return nil, errors.New("it is not a regular file; greylint reads only regular files")
	}
	return readLimited(f, limit)
}

// readLimited reads r up to limit bytes, and fails with errTooLarge past
// it (standard input, /dev/zero behind a name, a huge file).
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooLarge{limit}
	}
	return b, nil
}

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

// insideRoot reports whether path, with its symbolic links resolved,
// stays inside root (itself resolved): the walk never reads through a
// link that leaves the tree it was asked to lint (a committed
// .greyhound/config.yaml -> /proc/self/environ would print the CI job's
// environment in a syntax error).
func insideRoot(root, path string) (bool, string) {
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
	if target == r || strings.HasPrefix(target, r+string(filepath.Separator)) {
		return true, ""
	}
	return false, "a symbolic link to a file outside " + displayPath(root)
}

// formatSize writes a byte count the way people read it.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// parseSize reads --max-file-size: bytes, or with a K, M or G suffix
// (KiB, MiB, GiB).
func parseSize(s string) (int64, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, strings.TrimSuffix(t, "K")
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, strings.TrimSuffix(t, "G")
	}
	var n int64
	if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != t {
		return 0, fmt.Errorf("--max-file-size %q: write a number of bytes, or with K, M or G (10M)", s)
	}
	return n * mult, nil
}

// visible makes text from the input safe to print on a terminal: control
// characters (C0 but tab, DEL, C1), bidirectional controls and invalid
// UTF-8 are written as escapes (\x1b, \u202e), so that no input can move
// the cursor, clear the screen, colour the output, reorder what the
// reader sees, or start a new line that looks like a finding.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}
