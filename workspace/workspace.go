// Package workspace is a repository's greyhound setup as a whole: the
// greyhound files of the checkout, the repository it is (owner/name), the
// checkouts of other repositories the user mapped in .greylint.yaml, and
// which application names which config file. It implements lint.Workspace
// for the cross-file rules, and the CLI and the server use it to decide
// what a greyhound file is.
package workspace

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/userfs"
)

// DefaultConfigSource is where greyhound reads an application's config
// when config_source is absent.
const DefaultConfigSource = ".greyhound/config.yaml"

// Workspace is one repository's checkout and the checkouts it can see. Its
// methods are safe for concurrent use.
type Workspace struct {
	Root string // the checkout's root, absolute
	Self string // this repository's owner/name, lower-case; "" when unknown
	// Unidentified says why the repository could not be identified when
	// it is a git repository whose origin greylint could not read (a
	// gitdir: chain that cannot be followed, a .git/config too large, an
	// origin in an [include]d file); "" otherwise. The CLI says it: the
	// cross-file checks that need Self are off there.
	Unidentified string

	repo string // the repository's root: Root, or the directory above it whose .git a nested .greyhound/ belongs to

	checkouts map[string]string // owner/name (lower-case) -> absolute root; Self -> Root
	checkout  bool              // Root holds .greyhound/ or .git: a checkout, whose tree Files walks
	limit     int64
	cfg       *config.File // the .greylint.yaml of the checkout (may be nil)

	ov    *overlays   // the texts of open editor documents (shared by a Set's workspaces)
	extra *extraCache // the files: matches, by configuration file (shared by a Set's workspaces)

	walkMu sync.Mutex // one walk at a time: runs that need the list at once share it
	mu     sync.Mutex
	files  map[string]*lint.WorkspaceFile // absolute path -> read and parsed (nil: missing)
	models map[string]cachedModel         // absolute path -> model of that parse
	index  *index                         // which application names which file; nil until needed
	found  []string                       // the greyhound files of the checkout (the walk); nil until needed
}

// index is what the applications files of the checkout say.
type index struct {
	apps       []App
	configs    map[string]int  // absolute config path -> applications of Self naming it
	named      map[string]bool // absolute path -> named by some visible application
	selfListed bool            // the applications files list an application of Self
	unsure     bool            // an application of Self names its config through ${...}
}

// App is an application of the checkout's applications files.
type App struct {
	File         string // the applications file, absolute
	Name         string
	Repository   string // as written
	ConfigSource string // as written, or DefaultConfigSource
	Config       string // absolute path of the config in a visible checkout, or ""
}

// New returns the workspace of the checkout at root, with the settings of
// the .greylint.yaml that applies there (cfg may be nil).
func New(root string, cfg *config.File) *Workspace {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	w := &Workspace{
		Root:      abs,
		checkouts: map[string]string{},
		limit:     DefaultMaxFileSize,
		ov:        &overlays{m: map[string][]byte{}},
		extra:     &extraCache{m: map[string][]string{}},
		files:     map[string]*lint.WorkspaceFile{},
		models:    map[string]cachedModel{},
	}
	w.cfg = cfg
	w.repo = repositoryRoot(abs, cfg)
	w.checkout = IsCheckout(abs)
	if cfg != nil {
		w.Self = strings.ToLower(cfg.Repository)
		for repo, dir := range cfg.Repositories {
			if d, err := filepath.Abs(dir); err == nil {
				w.checkouts[repo] = d
			}
		}
	}
	if w.Self == "" {
		w.Self, w.Unidentified = originRepository(w.repo)
	}
	if w.Self != "" {
		w.checkouts[w.Self] = w.repo
	}
	return w
}

// repositoryRoot is the root of the repository a checkout root belongs
// to: root itself, unless root holds no .git entry and a directory above
// it does, up to the directory of the .greylint.yaml that applies (which
// is inside the repository): a .greyhound/ nested in a repository is not
// that repository's root (greyhound reads .greyhound/ at the top), so
// config_source paths of the repository are read from the top, and its
// origin from the top's .git.
func repositoryRoot(root string, cfg *config.File) string {
	if _, err := os.Lstat(filepath.Join(root, ".git")); err == nil || cfg == nil || cfg.Path == "" {
		return root
	}
	top, err := filepath.Abs(filepath.Dir(cfg.Path))
	if err != nil || top == root || !Within(top, root) {
		return root
	}
	for d := filepath.Dir(root); Within(top, d); d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil || d == top {
			return d
		}
	}
	return root
}

// Nested reports whether the checkout's .greyhound/ is nested in a
// repository whose root is above it.
func (w *Workspace) Nested() bool { return w.repo != w.Root }

// RootOf returns the root of the checkout that holds path, as greyhound
// sees it: greyhound reads .greyhound/ at a repository's root, so the
// directory that holds path's .greyhound directory; for a file elsewhere
// (a config_source outside .greyhound/), the nearest directory above it
// that holds a .greyhound directory or a .git entry; else path's
// directory.
func RootOf(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Dir(p)
	}
	dir := filepath.Dir(abs)
	if filepath.Base(dir) == ".greyhound" {
		return filepath.Dir(dir)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if ok, _ := HasGreyhoundDir(d); ok {
			return d
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return dir
}

// maxGitConfig is the most of a .git/config greylint reads looking for
// the origin remote (a repository with many branches has a large one).
const maxGitConfig = 64 << 20

// IsCheckout reports whether dir holds a .greyhound directory or a .git
// entry: RootOf's answer for a file in a checkout. For any other file it
// answers the file's own directory, which is no checkout, and is never
// walked: a YAML file in a home directory, or file:///x.yaml in the
// editor, walked the home directory or the whole machine.
func IsCheckout(dir string) bool {
	if ok, _ := HasGreyhoundDir(dir); ok {
		return true
	}
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// walks counts the walks of checkouts (Files), for the tests that hold
// the server to walking only what it must.
var walks atomic.Int64

// Walks returns how many checkouts Files has walked in this process.
func Walks() int64 { return walks.Load() }

// originRepository reads owner/name from the URL of the git remote
// "origin" in the repository at root (a GitHub URL in any of its forms),
// or "" with why it could not when root is a git repository greylint could
// not read (why is "" when there is simply no origin). The .git entry may
// be a file (a worktree, a submodule): its gitdir: and the gitdir's
// commondir are followed to the config. Every file is read through the
// file layer: regular files only, size-capped, never blocking; the .git
// file inside root, the git directory as its own read-only root.
func originRepository(root string) (repo, why string) {
	gitPath := filepath.Join(root, ".git")
	lst, err := os.Lstat(gitPath)
	if err != nil {
		return "", ""
	}
	gitDir := gitPath
	if !lst.IsDir() {
		b, err := userfs.At(root).ReadFile(gitPath, 64<<10)
		if err != nil {
			return "", "its .git file cannot be read (" + err.Error() + ")"
		}
		line, _, _ := strings.Cut(string(b), "\n")
		target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
		if !ok {
			return "", "its .git file does not say gitdir: <directory>"
		}
		gitDir = strings.TrimSpace(target)
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(root, gitDir)
		}
		gitDir = filepath.Clean(gitDir)
	}
	common := gitDir
	if b, err := userfs.ReadOnlyAt(gitDir).ReadFile(filepath.Join(gitDir, "commondir"), 64<<10); err == nil {
		if c := strings.TrimSpace(string(b)); c != "" {
			if !filepath.IsAbs(c) {
				c = filepath.Join(gitDir, c)
			}
			common = filepath.Clean(c)
		}
	}
	cfgPath := filepath.Join(common, "config")
	f, _, err := userfs.ReadOnlyAt(common).OpenRegular(cfgPath, maxGitConfig)
	switch {
	case errors.Is(err, fs.ErrNotExist) && gitDir == gitPath:
		return "", "" // a .git directory without a config: no remote
	case err != nil:
		return "", "its git configuration " + cfgPath + " cannot be read (" + err.Error() + ")"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	inOrigin, include := false, false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			inOrigin = line == `[remote "origin"]`
			if strings.HasPrefix(line, "[include") {
				include = true
			}
			continue
		}
		if !inOrigin {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) != "url" {
			continue
		}
		if r := repoFromURL(strings.TrimSpace(v)); r != "" {
			return r, ""
		}
		return "", "the URL of its origin remote names no owner/name"
	}
	if err := sc.Err(); err != nil {
		return "", "its git configuration " + cfgPath + " cannot be read (" + err.Error() + ")"
	}
	if include {
		return "", "its git configuration has no origin remote, but [include]s other files, which greylint does not read"
	}
	return "", ""
}

// repoFromURL takes owner/name from git@github.com:owner/name.git,
// https://github.com/owner/name(.git), ssh://git@github.com/owner/name.
func repoFromURL(u string) string {
	u = strings.TrimSuffix(strings.TrimSuffix(u, "/"), ".git")
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.Index(u, "/"); j >= 0 {
			u = u[j+1:]
		} else {
			return ""
		}
	} else if i := strings.Index(u, ":"); i >= 0 {
		u = u[i+1:]
	} else {
		return ""
	}
	parts := strings.Split(u, "/")
	if len(parts) < 2 || parts[len(parts)-2] == "" || parts[len(parts)-1] == "" {
		return ""
	}
	return strings.ToLower(parts[len(parts)-2] + "/" + parts[len(parts)-1])
}

// Visible reports whether a checkout of repo is known.
func (w *Workspace) Visible(repo string) bool {
	_, ok := w.checkouts[strings.ToLower(repo)]
	return ok
}

// ValidRel reports whether rel is a relative .yaml/.yml path that stays in
// its checkout (invalid-config-source reports the others).
func ValidRel(rel string) bool {
	if rel == "" || strings.Contains(rel, "${") || strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, `\`) || (len(rel) > 1 && rel[1] == ':') {
		return false
	}
	clean := path.Clean(strings.ReplaceAll(rel, `\`, "/"))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return false
	}
	return strings.HasSuffix(rel, ".yaml") || strings.HasSuffix(rel, ".yml")
}

// Open implements lint.Workspace.
func (w *Workspace) Open(repo, rel string) (*lint.WorkspaceFile, bool) {
	p, ok := w.Path(repo, rel)
	if !ok {
		return nil, false
	}
	return w.read(p, path.Clean(rel), w.RootFor(p)), true
}

// read returns the parse of the file at p (absolute) read through root,
// cached; nil when it does not exist.
func (w *Workspace) read(p, shown string, root userfs.Root) *lint.WorkspaceFile {
	w.mu.Lock()
	if f, ok := w.files[p]; ok {
		w.mu.Unlock()
		return f
	}
	w.mu.Unlock()
	text, open := w.ov.get(p)
	var f *lint.WorkspaceFile
	switch {
	case open:
		f = parsed(p, shown, text)
	case root.IsZero():
		// outside every checkout: never read
		f = &lint.WorkspaceFile{Path: shown, Kind: lint.KindFromPath(p)}
	default:
		src, err := root.ReadFile(p, w.limit)
		if errors.Is(err, fs.ErrNotExist) {
			break // missing
		}
		f = &lint.WorkspaceFile{Path: shown, Kind: lint.KindFromPath(p)}
		if err == nil {
			f = parsed(p, shown, src)
		} // else it exists but is not read: a link out of the checkout, not a regular file, too large
	}
	w.mu.Lock()
	w.files[p] = f
	w.mu.Unlock()
	return f
}

func parsed(p, shown string, src []byte) *lint.WorkspaceFile {
	doc, _ := lint.Parse(src)
	kind := lint.KindFromPath(p)
	if kind == lint.KindUnknown {
		kind = lint.KindFromContent(doc.Root)
	}
	return &lint.WorkspaceFile{Path: shown, Doc: doc, Kind: kind}
}

// Referrers implements lint.Workspace: only a config file directly in the
// checkout's .greyhound/ directory is counted.
func (w *Workspace) Referrers(p string) (int, bool) {
	if w.Self == "" || w.Nested() {
		// which applications are this repository's is unknown, or the
		// .greyhound/ is not the one at the repository's top: no walk
		return 0, false
	}
	abs, err := filepath.Abs(p)
	if err != nil || filepath.Dir(abs) != filepath.Join(w.Root, ".greyhound") {
		return 0, false
	}
	ix := w.indexed()
	if !ix.selfListed || ix.unsure {
		return 0, false
	}
	return ix.configs[abs], true
}

// Named reports whether a visible application names the file at p as its
// config: the server lints such a file even outside .greyhound/.
func (w *Workspace) Named(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	return w.indexed().named[abs] && w.isConfig(abs)
}

// Referenced reports whether a visible application names the file at p as
// its config, whatever the file holds (config-source-not-config reads it).
func (w *Workspace) Referenced(p string) bool {
	abs, err := filepath.Abs(p)
	return err == nil && w.indexed().named[abs]
}

// Apps returns the applications of the checkout's applications files.
func (w *Workspace) Apps() []App { return w.indexed().apps }

// Files returns the greyhound files of the checkout (every .greyhound
// directory's YAML files, as the CLI walks them), absolute.
func (w *Workspace) Files() []string {
	w.mu.Lock()
	found := w.found
	w.mu.Unlock()
	if found != nil {
		return found
	}
	w.walkMu.Lock()
	defer w.walkMu.Unlock()
	w.mu.Lock()
	found = w.found // walked while this one waited
	w.mu.Unlock()
	if found == nil {
		if w.checkout {
			walks.Add(1)
			found = Walk(w.Root, func(s string) string { return s }, nil)
		}
		if found == nil {
			found = []string{} // no checkout: nothing greyhound there, and no walk
		}
		w.mu.Lock()
		w.found = found
		w.mu.Unlock()
	}
	return found
}

// ConfigFiles returns the config files visible applications name that
// exist, absolute: the CLI lints them with the rest of the run.
func (w *Workspace) ConfigFiles() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range w.Apps() {
		if a.Config == "" || seen[a.Config] {
			continue
		}
		seen[a.Config] = true
		if w.isConfig(a.Config) {
			out = append(out, a.Config)
		}
	}
	return out
}

// isConfig reports whether the file at abs exists and reads as a greyhound
// config (config-source-not-config reports the others, which are not
// linted as configs: a Kubernetes manifest would be all unknown fields).
func (w *Workspace) isConfig(abs string) bool {
	f := w.Parsed(abs)
	if f == nil {
		return false
	}
	ok, _ := f.IsConfig()
	return ok
}

// RootFor returns the file layer's root for the file at abs: the
// innermost checkout that holds it, this repository's (read and written),
// or a mapped one (read-only); the zero Root when no checkout holds it.
func (w *Workspace) RootFor(abs string) userfs.Root {
	best, mapped := "", false
	switch { // the checkout is in its repository: the innermost first
	case Within(w.Root, abs):
		best = w.Root
	case Within(w.repo, abs):
		best = w.repo
	}
	for repo, d := range w.checkouts {
		if Within(d, abs) && len(d) > len(best) {
			best, mapped = d, repo != w.Self
		}
	}
	switch {
	case best == "":
		return userfs.Root{}
	case mapped:
		return userfs.ReadOnlyAt(best)
	}
	return userfs.At(best)
}

// overlays are the texts of open editor documents, by absolute path: they
// win over the files on disk.
type overlays struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (o *overlays) get(p string) ([]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.m[p]
	return t, ok
}

func (o *overlays) set(p string, text []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if text == nil {
		delete(o.m, p)
	} else {
		o.m[p] = text
	}
}

// SetOverlay makes text the content of the file at p (an open editor
// document) until ClearOverlay; what was derived from the file is
// forgotten.
func (w *Workspace) SetOverlay(p string, text []byte) {
	abs, _ := filepath.Abs(p)
	w.ov.set(abs, text)
	w.changed(abs)
}

// ClearOverlay goes back to the file on disk.
func (w *Workspace) ClearOverlay(p string) {
	abs, _ := filepath.Abs(p)
	w.ov.set(abs, nil)
	w.changed(abs)
}

// changed forgets what was derived from the text of the file at abs: its
// parse, and the index of applications when it is an applications file.
// The list of files stays: an edit (every keystroke in the editor) does
// not walk the checkout again.
func (w *Workspace) changed(abs string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.files, abs)
	delete(w.models, abs)
	if lint.KindFromPath(abs) == lint.KindApplications {
		w.index = nil
	}
}

// Forget drops everything read from disk (files changed there).
func (w *Workspace) Forget() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files = map[string]*lint.WorkspaceFile{}
	w.models = map[string]cachedModel{}
	w.index = nil
	w.found = nil
	if w.cfg != nil {
		w.extra.mu.Lock()
		delete(w.extra.m, w.cfg.Path)
		w.extra.mu.Unlock()
	}
}

func (w *Workspace) indexed() *index {
	w.mu.Lock()
	if w.index != nil {
		ix := w.index
		w.mu.Unlock()
		return ix
	}
	w.mu.Unlock()
	ix := &index{configs: map[string]int{}, named: map[string]bool{}}
	for _, f := range w.Files() {
		if lint.KindFromPath(f) != lint.KindApplications {
			continue
		}
		_, m := w.Model(f)
		if m == nil {
			continue
		}
		for _, a := range m.Applications {
			app := App{File: f, Name: a.NameString(), Repository: a.Repository.String(), ConfigSource: DefaultConfigSource}
			if s, ok := a.ConfigSource.Str(); ok {
				app.ConfigSource = s
			}
			self := w.Self != "" && strings.EqualFold(app.Repository, w.Self)
			if self {
				ix.selfListed = true
				if !ValidRel(app.ConfigSource) {
					ix.unsure = true
				}
			}
			if dir, ok := w.checkouts[strings.ToLower(app.Repository)]; ok && ValidRel(app.ConfigSource) {
				app.Config = filepath.Join(dir, filepath.FromSlash(path.Clean(app.ConfigSource)))
				ix.named[app.Config] = true
				if self {
					ix.configs[app.Config]++
				}
			}
			ix.apps = append(ix.apps, app)
		}
	}
	w.mu.Lock()
	if w.index == nil {
		w.index = ix
	}
	ix = w.index
	w.mu.Unlock()
	return ix
}

// Set holds the workspaces of a run (the CLI) or a session (the server),
// one per checkout root.
type Set struct {
	Configs *config.Resolver
	mu      sync.Mutex
	byRoot  map[string]*Workspace
	ov      *overlays
	extra   *extraCache
}

func (s *Set) overlays() *overlays {
	if s.ov == nil {
		s.ov = &overlays{m: map[string][]byte{}}
	}
	return s.ov
}

// SetOverlay makes text the content of the file at p (absolute) for every
// workspace of the set, until ClearOverlay: the server's open documents.
func (s *Set) SetOverlay(p string, text []byte) {
	s.mu.Lock()
	ov := s.overlays()
	ws := make([]*Workspace, 0, len(s.byRoot))
	for _, w := range s.byRoot {
		ws = append(ws, w)
	}
	s.mu.Unlock()
	ov.set(p, text)
	for _, w := range ws {
		w.changed(p)
	}
}

// ClearOverlay goes back to the file on disk.
func (s *Set) ClearOverlay(p string) { s.SetOverlay(p, nil) }

// For returns the workspace of the checkout that holds path.
func (s *Set) For(p string) *Workspace {
	return s.At(RootOf(p))
}

// At returns the workspace of the checkout at root.
func (s *Set) At(root string) *Workspace {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byRoot == nil {
		s.byRoot = map[string]*Workspace{}
	}
	if w := s.byRoot[root]; w != nil {
		return w
	}
	var cfg *config.File
	if s.Configs != nil {
		cfg = s.Configs.Config(filepath.Join(root, ".greyhound", "config.yaml"))
	}
	w := New(root, cfg)
	w.ov = s.overlays()
	if s.extra == nil {
		s.extra = &extraCache{m: map[string][]string{}}
	}
	w.extra = s.extra
	s.byRoot[root] = w
	return w
}

// Seed gives the workspace of root the greyhound files a walk of a
// directory that holds root found under it, so that it does not walk root
// again (the CLI on a directory of checkouts walked each one twice). The
// caller makes sure they are what Walk(root) finds: no symbolic link in
// the walk, whose target Walk(root) may refuse.
func (s *Set) Seed(root string, files []string) {
	w := s.At(root)
	w.mu.Lock()
	if w.found == nil {
		w.found = append([]string{}, files...)
	}
	w.mu.Unlock()
}

// All returns the workspaces made so far.
func (s *Set) All() []*Workspace {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Workspace, 0, len(s.byRoot))
	for _, w := range s.byRoot {
		out = append(out, w)
	}
	return out
}

// Drop releases the workspace of the checkout at root (the server: no
// open document or workspace folder needs it any more), so that a long
// session keeps state only for what it has open.
func (s *Set) Drop(root string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byRoot, root)
}

// Change is what happened to a file on disk.
type Change int

const (
	Changed Change = iota // its content
	Created
	Deleted
)

// Changed forgets, in every workspace, what was derived from the file or
// directory at p (absolute), and nothing else: its parse, the index of
// applications when it is an applications file, and the list of greyhound
// files of the checkouts under which a greyhound file or a directory was
// created or deleted. An event for an unrelated file costs no walk.
func (s *Set) Changed(p string, c Change) {
	for _, w := range s.All() {
		w.changedOnDisk(p, c)
	}
}

func (w *Workspace) changedOnDisk(p string, c Change) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return
	}
	yamlFile := strings.HasSuffix(abs, ".yaml") || strings.HasSuffix(abs, ".yml")
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.files, abs)
	delete(w.models, abs)
	if !yamlFile { // a directory, perhaps: what was read under it
		for f := range w.files {
			if strings.HasPrefix(f, abs+string(filepath.Separator)) {
				delete(w.files, f)
				delete(w.models, f)
			}
		}
	}
	if lint.KindFromPath(abs) == lint.KindApplications {
		w.index = nil
	}
	under := abs == w.Root || strings.HasPrefix(abs, w.Root+string(filepath.Separator))
	if under && c != Changed && (!yamlFile || strings.Contains(abs, string(filepath.Separator)+".greyhound"+string(filepath.Separator))) {
		w.found, w.index = nil, nil // the list of greyhound files changed: walked again when needed
	}
	if c != Changed && w.cfg != nil && w.cfg.Path != "" && strings.HasPrefix(abs, filepath.Dir(w.cfg.Path)+string(filepath.Separator)) {
		w.extra.mu.Lock()
		delete(w.extra.m, w.cfg.Path) // its files: matches may have changed
		w.extra.mu.Unlock()
	}
}

// Forget drops every workspace (the configuration or the files changed);
// the overlays stay.
func (s *Set) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byRoot = nil
	s.extra = nil
}

// ConfigNames lists the config files of repo's .greyhound/ directory as
// config_source names them (".greyhound/api-config.yaml"), for
// did-you-mean; nil when repo is not visible.
func (w *Workspace) ConfigNames(repo string) []string {
	dir, ok := w.checkouts[strings.ToLower(repo)]
	if !ok {
		return nil
	}
	var out []string
	for _, f := range GreyhoundFiles(filepath.Join(dir, ".greyhound"), dir, func(s string) string { return s }, nil) {
		if lint.KindFromPath(f) == lint.KindApplications {
			continue
		}
		out = append(out, ".greyhound/"+filepath.Base(f))
	}
	return out
}

// extraCache holds the files: matches of each configuration file: the
// walk of its directory is made once per run (a monorepo of 1,000
// checkouts under one .greylint.yaml walked the repository 1,000 times).
type extraCache struct {
	mu sync.Mutex
	m  map[string][]string // configuration file -> its matches
}

// Extra returns the files the checkout's .greylint.yaml names with files:
// globs (relative to its directory), found by one walk of that directory
// per configuration file and run, through the file layer rooted there:
// it skips .git, node_modules and vendor and never leaves the tree through
// a link.
func (w *Workspace) Extra() []string {
	if w.cfg == nil || w.cfg.Path == "" || len(w.cfg.Files) == 0 {
		return nil
	}
	w.extra.mu.Lock()
	defer w.extra.mu.Unlock()
	if out, ok := w.extra.m[w.cfg.Path]; ok {
		return out
	}
	out := w.walkExtra()
	w.extra.m[w.cfg.Path] = out
	return out
}

func (w *Workspace) walkExtra() []string {
	base, err := filepath.Abs(filepath.Dir(w.cfg.Path))
	if err != nil {
		return nil
	}
	r := userfs.At(base)
	var out []string
	r.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != base && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := r.Stat(p); err != nil || st.IsDir() {
				return nil // a link out of the tree, or to a directory
			}
		}
		if w.cfg.IsFile(p) && filepath.Base(p) != config.FileName {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// IsExtra reports whether .greylint.yaml's files: globs name the file at p.
func (w *Workspace) IsExtra(p string) bool { return w.cfg != nil && w.cfg.IsFile(p) }

// Index reads and parses every greyhound file of the checkout (the
// server does it at start-up).
func (w *Workspace) Index() {
	for _, f := range w.Files() {
		w.Parsed(f)
	}
}

// Parsed returns the parse of a file of the checkout (absolute path; an
// open document's text when there is one), or nil.
func (w *Workspace) Parsed(abs string) *lint.WorkspaceFile {
	root := w.RootFor(abs)
	rel, err := filepath.Rel(root.Dir(), abs)
	if err != nil || root.IsZero() {
		rel = abs
	}
	return w.read(abs, filepath.ToSlash(rel), root)
}

// Model returns the parse of a file of a visible checkout and its model,
// built once per text (workspace symbols, code lenses and navigation ask
// for the same files again and again); nil when the file cannot be read.
func (w *Workspace) Model(abs string) (*lint.WorkspaceFile, *model.Model) {
	f := w.Parsed(abs)
	if f == nil || f.Doc == nil || f.Doc.Root == nil {
		return nil, nil
	}
	w.mu.Lock()
	c, ok := w.models[abs]
	w.mu.Unlock()
	if ok && c.f == f {
		return f, c.m
	}
	m := model.New(f.Doc)
	w.mu.Lock()
	w.models[abs] = cachedModel{f, m}
	w.mu.Unlock()
	return f, m
}

type cachedModel struct {
	f *lint.WorkspaceFile // the parse it was built from (a new text is a new parse)
	m *model.Model
}

// Path returns where rel of repository repo is on disk, when greylint sees
// a checkout of repo and rel stays in it.
func (w *Workspace) Path(repo, rel string) (string, bool) {
	dir, ok := w.checkouts[strings.ToLower(repo)]
	if !ok || !ValidRel(rel) {
		return "", false
	}
	return filepath.Join(dir, filepath.FromSlash(path.Clean(strings.ReplaceAll(rel, `\`, "/")))), true
}
