//go:build unix

package userfs

import "syscall"

// nonBlock opens a file without blocking, even if it turned into a FIFO
// after it was checked: the opened file is checked again (fstat) before
// it is read.
const nonBlock = syscall.O_NONBLOCK
