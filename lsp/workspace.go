package lsp

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/workspace"
)

// The server decides which documents are greyhound files, so that a client
// that sends it every YAML document (Helix, Zed, Neovim with filetypes =
// yaml, VS Code's extension) gets nothing for Kubernetes manifests, compose
// files and workflows: a document is a greyhound file when it is in a
// .greyhound/ directory, named by a visible application's config_source,
// matched by a files: glob of .greylint.yaml, or an untitled buffer whose
// top-level keys are greyhound's. greylint's own .greylint.yaml is
// answered for too.

// isFileURI reports whether a document is a file on disk (not untitled).
func isFileURI(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "file"
}

// greyhound reports whether the server answers for document d; root is its
// parsed top level (for an untitled buffer).
func (s *Server) greyhound(d *document, root *yaml.Node) bool {
	switch {
	case isConfigFile(d.path):
		return true
	case !d.file:
		return lint.LooksLikeGreyhound(root)
	case filepath.Base(filepath.Dir(d.path)) == ".greyhound":
		return true
	}
	w := s.set.At(d.root) // the root was found once, at didOpen
	return w.Named(d.path) || w.IsExtra(d.path)
}

// workspaceOf returns the workspace of a file document, nil for an
// untitled one.
func (s *Server) workspaceOf(d *document) *workspace.Workspace {
	if !d.file {
		return nil
	}
	return s.set.At(d.root)
}

// dependents are the other open documents of d's checkout: their
// cross-file findings may change when d does.
func (s *Server) dependents(d *document) []*document {
	if !d.file {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*document
	for _, o := range s.docs {
		if o != d && o.file && o.root == d.root {
			out = append(out, o)
		}
	}
	return out
}

// folders are the workspace folders of the session: from workspaceFolders,
// else rootUri.
func folders(params *protocol.InitializeParams) []string {
	var out []string
	if fs, ok := params.WorkspaceFolders.Get(); ok {
		for _, f := range fs {
			if isFileURI(string(f.URI)) {
				out = append(out, filepath.Clean(pathOf(f.URI)))
			}
		}
	}
	//lint:ignore SA1019 clients without workspace folders (Neovim 0.7) send only rootUri
	if root := params.RootURI; len(out) == 0 && root != nil && isFileURI(string(*root)) {
		out = append(out, filepath.Clean(pathOf(*root)))
	}
	return out
}

// indexFolders reads the greyhound files of each workspace folder's
// checkout once at start-up, so that cross-file findings, navigation and
// workspace symbols need no walk later. A folder that is not a checkout
// root (a parent of several) is indexed for the checkouts found in it;
// the root of the file system and the home directory only when they are
// a checkout themselves (a client that falls back to / as its root made
// the server read every greyhound file of the machine).
func (s *Server) indexFolders(dirs []string) {
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if tooWide(dir) {
			s.logf(protocol.MessageTypeInfo, "not indexing the workspace folder %s: it is not a checkout, and walking it would read the whole machine; open a repository instead", dir)
			continue
		}
		roots := map[string]bool{}
		for _, f := range workspace.Walk(dir, func(p string) string { return p }, nil) {
			roots[workspace.RootOf(f)] = true
		}
		for root := range roots {
			s.mu.Lock()
			removed := !slices.Contains(s.folders, dir)
			s.mu.Unlock()
			if removed {
				break // the folder left the session while it was walked
			}
			s.set.At(root).Index()
			s.mu.Lock()
			if !slices.Contains(s.roots, root) {
				s.roots = append(s.roots, root)
			}
			s.mu.Unlock()
		}
	}
}

// tooWide reports whether dir is the root of the file system or the home
// directory without being a checkout.
func tooWide(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	home, _ := os.UserHomeDir()
	if filepath.Dir(abs) != abs && abs != filepath.Clean(home) {
		return false
	}
	return !workspace.IsCheckout(abs)
}

// release drops the workspace of root when no open document is in it and
// no workspace folder holds it: per-directory state lives as long as
// something needs it (a long session opened files in thousands of
// directories, each kept, and each visited on every keystroke).
func (s *Server) release(root string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Contains(s.roots, root) {
		return
	}
	for _, d := range s.docs {
		if d.file && d.root == root {
			return
		}
	}
	s.set.Drop(root)
}

// workspaces are the checkouts of the workspace folders and of the open
// documents; a folder's checkout is made again after the set forgot it
// (files changed on disk).
func (s *Server) workspaces() []*workspace.Workspace {
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	seen := map[*workspace.Workspace]bool{}
	var out []*workspace.Workspace
	for _, r := range roots {
		if w := s.set.At(r); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range s.set.All() {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// DidChangeWorkspaceFolders indexes the folders added to the session and
// drops the checkouts of the folders removed from it (those no open
// document is in).
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	var added, removed []string
	for _, f := range params.Event.Removed {
		if isFileURI(string(f.URI)) {
			removed = append(removed, filepath.Clean(pathOf(f.URI)))
		}
	}
	for _, f := range params.Event.Added {
		if isFileURI(string(f.URI)) {
			added = append(added, filepath.Clean(pathOf(f.URI)))
		}
	}
	s.mu.Lock()
	s.folders = slices.DeleteFunc(s.folders, func(f string) bool { return slices.Contains(removed, filepath.Clean(f)) })
	var dropped []string
	s.roots = slices.DeleteFunc(s.roots, func(r string) bool {
		for _, f := range removed {
			if r == f || strings.HasPrefix(r, f+string(filepath.Separator)) {
				dropped = append(dropped, r)
				return true
			}
		}
		return false
	})
	var todo []string
	for _, dir := range added {
		if !slices.Contains(s.folders, dir) {
			s.folders = append(s.folders, dir)
			todo = append(todo, dir)
		}
	}
	s.mu.Unlock()
	for _, r := range dropped {
		s.release(r)
	}
	s.indexInBackground(todo)
	return nil
}

// indexInBackground indexes folders on a goroutine counted with the lint
// runs (serve waits for them before it returns).
func (s *Server) indexInBackground(dirs []string) {
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		s.indexFolders(dirs)
		s.watchConfigSources() // the folders added or removed may name others
	}()
}
