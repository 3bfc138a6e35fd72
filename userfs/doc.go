// Package userfs is the one way greylint touches a user's file: every
// read, directory listing, walk and write of a file that comes from a
// checkout (greyhound files, config_source targets, .greylint.yaml,
// .git/config and the gitdir: chain, mapped checkouts, files: matches)
// goes through a Root, built on os.Root.
//
// A Root is a directory: a path is resolved beneath it, symbolic links are
// followed only while they stay inside it (an absolute link target is
// followed only when it names a path below the root; the path with its
// links resolved is then opened through os.Root, which checks it again),
// only regular files
// are read, never more
// than a limit, and a FIFO or a device is refused without blocking on it.
// A read-only Root (a mapped checkout) refuses every write.
//
// Nothing else in the module opens, reads, lists, walks, renames or writes
// a user's file: TestOnlyUserfsTouchesFiles (in the module root) parses
// the code and fails on such a call elsewhere. It imports nothing of the
// module.
package userfs
