package lsp

import (
	"context"
	"net/url"
	"os"
	"path/filepath"

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
				out = append(out, pathOf(f.URI))
			}
		}
	}
	//lint:ignore SA1019 clients without workspace folders (Neovim 0.7) send only rootUri
	if root := params.RootURI; len(out) == 0 && root != nil && isFileURI(string(*root)) {
		out = append(out, pathOf(*root))
	}
	return out
}

// indexFolders reads the greyhound files of each workspace folder's
// checkout once at start-up, so that cross-file findings, navigation and
// workspace symbols need no walk later. A folder that is not a checkout
// root (a parent of several) is indexed for the checkouts found in it.
func (s *Server) indexFolders(dirs []string) {
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		roots := map[string]bool{}
		for _, f := range workspace.Walk(dir, func(p string) string { return p }, nil) {
			roots[workspace.RootOf(f)] = true
		}
		for root := range roots {
			s.set.At(root).Index()
			s.mu.Lock()
			s.roots = append(s.roots, root)
			s.mu.Unlock()
		}
	}
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

// DidChangeWorkspaceFolders indexes the folders added to the session.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	var dirs []string
	for _, f := range params.Event.Added {
		if isFileURI(string(f.URI)) {
			dirs = append(dirs, pathOf(f.URI))
		}
	}
	s.mu.Lock()
	s.folders = append(s.folders, dirs...)
	s.mu.Unlock()
	s.indexInBackground(dirs)
	return nil
}

// indexInBackground indexes folders on a goroutine counted with the lint
// runs (serve waits for them before it returns).
func (s *Server) indexInBackground(dirs []string) {
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		s.indexFolders(dirs)
	}()
}
