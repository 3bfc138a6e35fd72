//go:build !unix

package userfs

import "os"

// owner is what Replace keeps of the file it replaces; on systems
// without Unix owners only the mode is kept.
type owner struct {
	known    bool
	uid, gid int
	links    uint64
}

func ownerOf(os.FileInfo) owner { return owner{links: 1} }

func writable(string) bool { return true }

func isRoot() bool { return false }

// Identity is a map key that two FileInfos of the same file share (size
// and modification time here); os.SameFile says whether two of one key
// are the same file.
func Identity(st os.FileInfo) any { return [2]int64{st.Size(), st.ModTime().UnixNano()} }
