package main

import (
	"bytes"
	"fmt"
	"unicode/utf8"
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

// writeFixed replaces the file of in, which held original when it was
// read, with text, through the file layer's root of the input (see
// userfs.Root.Replace: atomic, links, modes and owners kept, a concurrent
// edit never lost, a link out of the root or a read-only root refused).
func writeFixed(in input, original, text []byte) error {
	if err := in.root.Replace(in.path, original, text); err != nil {
		return fmt.Errorf("not fixing %s: %w", in.path, err)
	}
	return nil
}
