//go:build unix

package userfs

import (
	"os"
	"syscall"
)

// owner is what Replace keeps of the file it replaces.
type owner struct {
	known    bool
	uid, gid int
	links    uint64
}

func ownerOf(st os.FileInfo) owner {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{links: 1}
	}
	return owner{known: true, uid: int(s.Uid), gid: int(s.Gid), links: uint64(s.Nlink)}
}

// writable asks the system whether the user may write path (for root it
// says yes; Replace checks the mode bits as well).
func writable(path string) bool { return syscall.Access(path, 2 /* W_OK */) == nil }

func isRoot() bool { return os.Geteuid() == 0 }

// Identity is a map key that two FileInfos of the same file share (device
// and inode); os.SameFile says whether two of one key are the same file.
func Identity(st os.FileInfo) any {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return [2]int64{st.Size(), st.ModTime().UnixNano()}
	}
	return [2]uint64{uint64(s.Dev), s.Ino}
}
