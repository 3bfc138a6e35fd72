package workspace

import (
	"github.com/greylint/greylint/userfs"
)

// DefaultMaxFileSize is the largest file greylint checks unless told
// otherwise (--max-file-size).
const DefaultMaxFileSize = userfs.DefaultMaxFileSize

// ErrTooLarge says a file is larger than the limit; it is reported as a
// finding of the file (file-too-large), never silently cut.
type ErrTooLarge = userfs.ErrTooLarge

// ReadLimited reads r up to limit bytes, and fails with ErrTooLarge past
// it (standard input, /dev/zero behind a name, a huge file).
var ReadLimited = userfs.ReadLimited

// Within reports whether path is dir or lies below it, by their names
// alone (both absolute and clean; links are not followed).
func Within(dir, path string) bool { return userfs.Within(dir, path) }
