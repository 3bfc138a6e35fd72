package lint

// Workspace is what a rule sees beyond the file it checks: the other
// greyhound files of the repository and of the checkouts the user mapped in
// .greylint.yaml (package workspace implements it). File.Workspace is nil
// when a file is checked alone (standard input, an untitled buffer); the
// cross-file rules are then silent.
type Workspace interface {
	// Open finds the file at rel (slash-separated, relative to the root of
	// the checkout) in repository repo (GitHub owner/name). visible is
	// false when greylint sees no checkout of repo, and then nothing may be
	// said about the file. f is nil when the file does not exist there.
	Open(repo, rel string) (f *WorkspaceFile, visible bool)
	// Referrers says how many applications of this repository name the
	// file at path (as in File.Path) as their config, and whether that is
	// known: this repository is identified, and its applications files list
	// at least one application of it.
	Referrers(path string) (n int, known bool)
}

// WorkspaceFile is a file another file refers to.
type WorkspaceFile struct {
	Path string    // as shown in messages
	Doc  *Document // its parse; nil when it could not be read (too large, not a regular file)
	Kind Kind      // by path and content
}
