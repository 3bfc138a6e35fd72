//go:build !unix

package workspace

import "os"

func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
