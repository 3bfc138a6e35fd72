package lint

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

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

// IsConfig reports whether a file that was read reads as a greyhound
// config: a mapping with one of its sections (or an empty file, which
// greyhound reads as a config without workloads), and not an applications
// file; why says what it is instead. A file that does not parse counts as
// a config: its own findings say what is wrong.
func (f *WorkspaceFile) IsConfig() (ok bool, why string) {
	if f.Doc == nil {
		return false, "it could not be read"
	}
	if f.Kind == KindApplications {
		return false, "it is an applications file"
	}
	root := f.Doc.Root
	if root == nil {
		return true, ""
	}
	if root.Kind != yaml.MappingNode {
		return false, "it is not a mapping of greyhound sections"
	}
	if len(root.Content) == 0 || LooksLikeGreyhound(root) {
		return true, ""
	}
	keys := []string{}
	for i := 0; i+1 < len(root.Content) && len(keys) < 3; i += 2 {
		keys = append(keys, Cut(root.Content[i].Value, MaxQuoted/4)) // three keys in one bounded quote
	}
	return false, fmt.Sprintf("its top-level keys (%q) are none of %s", strings.Join(keys, ", "), strings.Join(SectionKeys(KindConfig), ", "))
}
