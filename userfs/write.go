package userfs

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// BeforeRecheck runs right before Replace reads the target again; tests
// use it to play an editor that saves in between.
var BeforeRecheck = func(string) {}

// Replace replaces the file at p, which held original when it was read,
// with text. Nothing the user owns is lost:
//
//   - a symbolic link stays a link: its target is rewritten, when the
//     link stays inside the root (else nothing is written);
//   - only a regular file with one link is rewritten (rewriting a hard
//     link would split it), and only one the user may write (a read-only
//     file is refused even for root);
//   - the new text is written to a temporary file beside the target with
//     the same mode bits (setuid, setgid and sticky too) and, for root, the
//     same owner and group, then renamed over it inside the root, so the
//     file is never half-written;
//   - right before the rename the target is read again: if it no longer
//     holds original (an editor saved it meanwhile), nothing is replaced.
//
// The error says why nothing was written; it does not name the file.
func (r Root) Replace(p string, original, text []byte) error {
	if r.readOnly {
		return ErrReadOnly
	}
	return r.resolved(p, func(root *os.Root, target string) error {
		return r.replace(root, target, original, text)
	})
}

// replace is Replace once target (relative to root) is resolved.
func (r Root) replace(root *os.Root, target string, original, text []byte) error {
	st, err := root.Lstat(target)
	if err != nil {
		return r.wrap(err)
	}
	if !st.Mode().IsRegular() {
		return errors.New("it is not a regular file")
	}
	own := ownerOf(st)
	if own.links > 1 {
		return fmt.Errorf("it has %d hard links, and replacing it would split them; apply the fixes by hand, or run greylint --diff and patch it", own.links)
	}
	abs := filepath.Join(r.dir, target)
	if st.Mode().Perm()&0o222 == 0 || !writable(abs) {
		return fmt.Errorf("it is read-only (mode %04o); make it writable first if it should be fixed", st.Mode().Perm())
	}
	if own.known && !isRoot() && own.uid != os.Geteuid() {
		return errors.New("it belongs to another user, and replacing it would make it yours")
	}
	tmpName, tmp, err := createTemp(root, target)
	if err != nil {
		return r.wrap(err)
	}
	defer root.Remove(tmpName) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return err
	}
	mode := st.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := errors.Join(chown(tmp, own), tmp.Chmod(mode), tmp.Sync(), tmp.Close()); err != nil {
		return r.wrap(err)
	}
	BeforeRecheck(abs)
	current, err := r.ReadFile(abs, int64(len(original))+1)
	var tl ErrTooLarge
	if errors.As(err, &tl) || (err == nil && !bytes.Equal(current, original)) {
		return errors.New("it changed while greylint was fixing it; run greylint again")
	}
	if err != nil {
		return err
	}
	if err := root.Rename(tmpName, target); err != nil {
		return r.wrap(err)
	}
	return nil
}

// createTemp makes a new file beside target (".name.greylint-<random>"),
// only for the user.
func createTemp(root *os.Root, target string) (string, *os.File, error) {
	for range 10 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".greylint-"+hex.EncodeToString(b[:]))
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, errors.New("cannot make a temporary file beside it")
}

// chown gives the temporary file the owner and group of the file it
// replaces, where the user may (root); elsewhere the owner is the user
// already (Replace refuses other users' files).
func chown(f *os.File, own owner) error {
	if !own.known || !isRoot() {
		return nil
	}
	return f.Chown(own.uid, own.gid)
}

// CreateNew creates the file p, which must not exist (not even as a
// link), and writes text to it.
func (r Root) CreateNew(p string, text []byte, perm os.FileMode) error {
	if r.readOnly {
		return ErrReadOnly
	}
	rel, err := r.rel(p)
	if err != nil {
		return err
	}
	root, err := r.open()
	if err != nil {
		return r.wrap(err)
	}
	defer root.Close()
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
