package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"
)

// notUTF8 says why src cannot be fixed by byte offsets into its decoded
// text, or "" when it is UTF-8 (with or without a BOM). Linting such a file
// works; writing it back with UTF-8 edits would destroy it.
func notUTF8(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}), bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}):
		return "it is UTF-32 text, and greylint only rewrites UTF-8"
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}), bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return "it is UTF-16 text, and greylint only rewrites UTF-8"
	case !utf8.Valid(src):
		return "it is not valid UTF-8, and greylint only rewrites UTF-8"
	}
	return ""
}

// writeFixed replaces the file at path, which held original when it was
// read, with text. Nothing the user owns is lost:
//
//   - a symbolic link stays a link: its target is rewritten;
//   - only a regular file with one link is rewritten (rewriting a hard
//     link would split it), and only one the user may write (a read-only
//     file is refused even for root);
//   - the new text is written to a temporary file beside the target with
//     the same mode bits (setuid, setgid and sticky too) and, for root, the
//     same owner and group, then renamed over it, so the file is never
//     half-written;
//   - right before the rename the target is read again: if it no longer
//     holds original (an editor saved it meanwhile), nothing is replaced.
func writeFixed(path string, original, text []byte) error {
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("not fixing %s: %s", path, fmt.Sprintf(format, args...))
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return refuse("%v", unwrapPathError(err))
	}
	st, err := os.Lstat(target)
	if err != nil {
		return refuse("%v", unwrapPathError(err))
	}
	if !st.Mode().IsRegular() {
		return refuse("it is not a regular file")
	}
	own := ownerOf(st)
	if own.links > 1 {
		return refuse("it has %d hard links, and replacing it would split them; apply the fixes by hand, or run greylint --diff and patch it", own.links)
	}
	if st.Mode().Perm()&0o222 == 0 || !writable(target) {
		return refuse("it is read-only (mode %04o); make it writable first if it should be fixed", st.Mode().Perm())
	}
	if own.known && !isRoot() && own.uid != os.Geteuid() {
		return refuse("it belongs to another user, and replacing it would make it yours")
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".greylint-*")
	if err != nil {
		return refuse("%v", unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return refuse("%v", err)
	}
	mode := st.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := errors.Join(chown(tmp, own), tmp.Chmod(mode), tmp.Sync(), tmp.Close()); err != nil {
		return refuse("%v", err)
	}
	beforeRecheck(target)
	current, err := os.ReadFile(target)
	if err != nil {
		return refuse("%v", unwrapPathError(err))
	}
	if !bytes.Equal(current, original) {
		return refuse("it changed while greylint was fixing it; run greylint again")
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return refuse("%v", unwrapPathError(err))
	}
	return nil
}

// beforeRecheck runs right before writeFixed reads the target again; tests
// use it to play an editor that saves in between.
var beforeRecheck = func(string) {}

// chown gives the temporary file the owner and group of the file it
// replaces, where the user may (root); elsewhere the owner is the user
// already (writeFixed refuses other users' files).
func chown(f *os.File, own owner) error {
	if !own.known || !isRoot() {
		return nil
	}
	return f.Chown(own.uid, own.gid)
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// writeDiff prints a unified diff from a to b (an anchored diff, which takes
// O(n log n) time and linear memory whatever the number of changes).
func writeDiff(w io.Writer, path string, a, b []byte) {
	p := filepath.ToSlash(path)
	w.Write(diff.Diff("a/"+p, a, "b/"+p, b))
}
