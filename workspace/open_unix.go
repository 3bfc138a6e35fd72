//go:build unix

package workspace

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without blocking, even if it turned
// into a FIFO after it was checked: the caller checks the opened file
// again (fstat) before reading it.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
