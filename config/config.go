// Package config reads greylint's configuration file, .greylint.yaml:
// rule severities, strict mode, extra fields and ignored paths. The file is
// YAML too, so it is parsed and validated by the engine itself (with the
// "greylint" JSON Schema), and its mistakes come back as positioned
// diagnostics.
//
// It may import lint, rules and schema. cmd/greylint and lsp use it.
package config

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/userfs"
)

// FileName is the configuration file greylint looks for.
const FileName = ".greylint.yaml"

// File is a loaded configuration.
type File struct {
	Path        string // the configuration file; "" for the defaults
	Strict      bool
	Severity    map[string]lint.Severity
	ExtraFields map[string][]string
	Exclude     []Exclude
	// Select, when not empty, lists the only rules to run (the engine's
	// syntax and internal findings are always reported); Ignore lists rules
	// not to run. Both take rule IDs, as ruff's and golangci-lint's do.
	Select []string
	Ignore []string
	// FailOn is the lowest severity that fails the run (exit 1), when the
	// file sets fail_on; --fail-on wins over it.
	FailOn lint.Severity
	// Repository is this repository's owner/name, when set; otherwise the
	// workspace reads it from the git remote "origin".
	Repository string
	// Repositories maps owner/name to a local checkout of that repository
	// (a directory, relative to this file's directory when not absolute),
	// so that cross-file checks can follow applications into it.
	Repositories map[string]string
	// Files are globs (relative to this file's directory) of greyhound
	// config files outside .greyhound/ directories: the server lints them,
	// and the CLI finds them when it walks a directory.
	Files []*Glob
	// Shellcheck is the shellcheck: setting: "" (unset: the one on PATH
	// when there is one), "off", or the executable's path.
	Shellcheck string
}

// Glob is a files: or exclude: pattern, compiled.
type Glob struct {
	Pattern string
	re      *regexp.Regexp
}

// Match reports whether rel, a slash-separated path relative to the
// configuration file's directory, matches.
func (g *Glob) Match(rel string) bool { return g.re.MatchString(rel) }

// Exclude skips paths matching Pattern (relative to the configuration
// file's directory), for every rule or only for Rules.
type Exclude struct {
	Pattern string
	Rules   []string
	re      *regexp.Regexp
}

// Default is the configuration when there is no file.
func Default() *File { return &File{Severity: map[string]lint.Severity{}} }

// Find looks for .greylint.yaml in dir and its parents, up to the
// repository root: the first directory with a .git entry. Outside a git
// repository it stops at the directory that holds .greyhound/, or at the
// working directory, whichever comes first: a configuration far above the
// project (in a home directory, in /) never applies by accident.
func Find(dir string) (string, bool) { return new(finder).find(dir) }

// finder answers Find, remembering what it saw of each directory: a run
// over many files asks about the same parents again and again (1,000
// repositories side by side: each parent probed once instead of 1,000
// times).
type finder struct {
	wd        string
	probes    map[string]probe
	greyhound map[string]bool // outside a repository only
	calls     int             // directories probed on disk (a test counts them)
}

// probe is what one directory holds.
type probe struct {
	config bool // a .greylint.yaml that is not a directory
	git    bool // a .git entry
}

func (f *finder) probe(dir string) probe {
	if p, ok := f.probes[dir]; ok {
		return p
	}
	f.calls++
	var p probe
	if st, err := os.Stat(filepath.Join(dir, FileName)); err == nil && !st.IsDir() {
		p.config = true
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		p.git = true
	}
	if f.probes == nil {
		f.probes = map[string]probe{}
	}
	f.probes[dir] = p
	return p
}

// holdsGreyhound reports whether dir has a .greyhound directory (asked
// only outside a repository).
func (f *finder) holdsGreyhound(dir string) bool {
	g, ok := f.greyhound[dir]
	if !ok {
		st, err := os.Stat(filepath.Join(dir, ".greyhound"))
		g = err == nil && st.IsDir()
		if f.greyhound == nil {
			f.greyhound = map[string]bool{}
		}
		f.greyhound[dir] = g
	}
	return g
}

func (f *finder) find(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	inRepo := false
	for d := dir; ; d = filepath.Dir(d) {
		if f.probe(d).git {
			inRepo = true
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if f.wd == "" {
		f.wd, _ = os.Getwd()
	}
	for {
		p := f.probe(dir)
		if p.config {
			return filepath.Join(dir, FileName), true
		}
		if p.git || (!inRepo && (dir == f.wd || f.holdsGreyhound(dir))) {
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path. Problems in the
// file are diagnostics (positions in the file); err is for a file that
// cannot be read.
//
// The file comes with the checkout (a pull request can commit it), so it
// is read through the file layer rooted at its own directory: a link out
// of it (/proc/self/environ, /dev/zero, a secret elsewhere) is refused, a
// FIFO or device too, without blocking, and at most MaxFileSize bytes.
func Load(path string) (*File, []lint.Diagnostic, error) {
	src, err := ReadSource(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	f, diags := Parse(path, src)
	return f, diags, nil
}

// MaxFileSize is the most of a configuration file greylint reads.
const MaxFileSize = userfs.DefaultMaxFileSize

// ReadSource reads the configuration file at path through the file layer
// (rooted at its directory), as Load does.
func ReadSource(path string) ([]byte, error) {
	return userfs.At(filepath.Dir(path)).ReadFile(path, MaxFileSize)
}

// schemaRules are the checks a configuration file gets: YAML problems and
// the schema.
var schemaRules = []string{rules.UnknownField.ID, rules.InvalidType.ID, rules.InvalidValue.ID, rules.MissingField.ID}

// Parse checks a configuration file's text and returns what it could read.
func Parse(path string, src []byte) (*File, []lint.Diagnostic) {
	var checks []*lint.Rule
	for _, id := range schemaRules {
		checks = append(checks, rules.ByID(id))
	}
	res := lint.Analyze(context.Background(), &lint.File{Path: path, Kind: lint.KindGreylint, Source: src}, &lint.Config{Rules: checks})
	diags := res.Diagnostics
	f := Default()
	f.Path = path
	root := res.Doc.Root
	if root == nil || root.Kind != yaml.MappingNode {
		return f, diags
	}
	if n := get(root, "strict"); n != nil && n.ShortTag() == "!!bool" {
		f.Strict = n.Value == "true"
	}
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	if m := get(root, "rules"); m != nil && m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if rules.ByID(k.Value) == nil {
				msg := fmt.Sprintf("no rule %q (greylint rules lists them)", k.Value)
				var fixes []lint.Fix
				if g := lint.GuessName(k.Value, ids); len(g.Names) > 0 {
					msg = fmt.Sprintf("no rule %q; did you mean %s?", k.Value, g.Phrase())
					// A rule ID in greylint's own configuration changes no
					// deployment: one close ID is safe, a tie a choice.
					r := res.Doc.Range(k)
					fixes = g.Fixes(true, func(s string) lint.Fix {
						return lint.Fix{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{{Range: r, NewText: s}}}
					})
					if len(fixes) == 1 {
						fixes[0].Safety = lint.Safe
					}
				}
				diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Error, Range: res.Doc.Range(k), Message: msg, Fixes: fixes})
				continue
			}
			if v.Value == "off" {
				f.Severity[k.Value] = lint.Off
			} else if s, ok := lint.ParseSeverity(v.Value); ok {
				f.Severity[k.Value] = s
			}
		}
	}
	if m := get(root, "extra_fields"); m != nil && m.Kind == yaml.MappingNode {
		f.ExtraFields = map[string][]string{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			for _, it := range lint.Items(m.Content[i+1]) {
				if s, ok := lint.Str(it); ok {
					f.ExtraFields[m.Content[i].Value] = append(f.ExtraFields[m.Content[i].Value], s)
				}
			}
		}
	}
	checkRule := func(n *yaml.Node, where string) (string, bool) {
		id, ok := lint.Str(n)
		if !ok {
			return "", false
		}
		if rules.ByID(id) != nil {
			return id, true
		}
		msg := fmt.Sprintf("no rule %q (greylint rules lists them)", id)
		if s := lint.Suggest(id, ids); s != "" {
			msg = fmt.Sprintf("no rule %q; did you mean %q?", id, s)
		} else if where == "ignore" && strings.ContainsAny(id, "/*.") {
			msg = fmt.Sprintf("%q looks like a path; ignore lists rule IDs, and paths not to lint go under exclude:", id)
		}
		diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Error, Range: res.Doc.Range(n), Message: msg})
		return "", false
	}
	for _, key := range []string{"select", "ignore"} {
		for _, it := range lint.Items(get(root, key)) {
			if id, ok := checkRule(it, key); ok {
				if key == "select" {
					f.Select = append(f.Select, id)
				} else {
					f.Ignore = append(f.Ignore, id)
				}
			}
		}
	}
	// shellcheck: is named after the rule family it drives.
	if n := get(root, rules.Shellcheck.ID); n != nil {
		if s, ok := lint.Str(n); ok && s != "" {
			f.Shellcheck = s
		}
	}
	if n := get(root, "fail_on"); n != nil {
		if s, ok := lint.ParseSeverity(n.Value); ok {
			f.FailOn = s
		}
	}
	for _, it := range lint.Items(get(root, "exclude")) {
		ex := Exclude{}
		var patternNode *yaml.Node
		if s, ok := lint.Str(it); ok {
			ex.Pattern, patternNode = s, it
		} else if p, ok := lint.Str(get(it, "path")); ok {
			ex.Pattern, patternNode = p, get(it, "path")
			for _, r := range lint.Items(get(it, "rules")) {
				if id, ok := checkRule(r, "rules"); ok {
					ex.Rules = append(ex.Rules, id)
				}
			}
		} else {
			continue
		}
		re, err := globRegexp(ex.Pattern)
		if err != nil {
			diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Error, Range: res.Doc.Range(patternNode), Message: err.Error()})
			continue
		}
		ex.re = re
		f.Exclude = append(f.Exclude, ex)
	}
	if n := get(root, "repository"); n != nil {
		if s, ok := lint.Str(n); ok && validRepository(s) {
			f.Repository = s // the schema reports any other value
		}
	}
	if m := get(root, "repositories"); m != nil && m.Kind == yaml.MappingNode {
		f.Repositories = map[string]string{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], lint.Resolve(m.Content[i+1])
			dir, ok := lint.Str(v)
			if !ok {
				continue
			}
			if !validRepository(k.Value) {
				diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Error, Range: res.Doc.Range(k), Message: fmt.Sprintf("%q is not owner/name (e.g. acme-corp/payments)", k.Value)})
				continue
			}
			written := dir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(filepath.Dir(path), dir)
			}
			if !isCheckout(dir) {
				// .greylint.yaml comes with the pull request: it must not
				// point greylint at any directory of the machine.
				diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Warning, Range: res.Doc.Range(v),
					Message: fmt.Sprintf("%q is not a checkout of a repository (it holds neither .greyhound/ nor .git), so greylint does not read it; point it at a clone of %s", written, k.Value)})
				continue
			}
			f.Repositories[strings.ToLower(k.Value)] = dir
		}
	}
	for _, it := range lint.Items(get(root, "files")) {
		pat, ok := lint.Str(it)
		if !ok {
			continue
		}
		re, err := globRegexp(pat)
		if err != nil {
			diags = append(diags, lint.Diagnostic{Rule: rules.InvalidValue.ID, Severity: lint.Error, Range: res.Doc.Range(it), Message: err.Error()})
			continue
		}
		f.Files = append(f.Files, &Glob{Pattern: pat, re: re})
	}
	lint.Sort(diags)
	return f, diags
}

// isCheckout reports whether dir looks like a repository's checkout: it
// holds a .greyhound directory or a .git entry.
func isCheckout(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, ".greyhound")); err == nil && st.IsDir() {
		return true
	}
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// validRepository reports whether s is GitHub's owner/name.
func validRepository(s string) bool {
	owner, name, ok := strings.Cut(s, "/")
	return ok && owner != "" && name != "" && !strings.ContainsAny(name, "/ ") && !strings.ContainsAny(owner, " ")
}

// IsFile reports whether path is one of the files: globs of this
// configuration.
func (f *File) IsFile(path string) bool {
	if f.Path == "" || len(f.Files) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	base, err := filepath.Abs(filepath.Dir(f.Path))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range f.Files {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// get is lint.Get with the result resolved.
func get(n *yaml.Node, key string) *yaml.Node { return lint.Resolve(lint.Get(n, key)) }

// globRegexp turns a glob into a regexp over slash-separated paths: "*" and
// "?" stay within a directory, "**" crosses directories. Go's regexp (RE2)
// matches in time linear in the path whatever the pattern, which a
// backtracking glob matcher does not promise.
func globRegexp(glob string) (*regexp.Regexp, error) {
	if len(glob) > maxGlob {
		return nil, fmt.Errorf("this pattern is %d bytes long; patterns are limited to %d", len(glob), maxGlob)
	}
	var b strings.Builder
	b.WriteString("^")
	g := []rune(strings.TrimPrefix(filepath.ToSlash(glob), "./"))
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c))) // whole runes: non-ASCII names match
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("this pattern cannot be used: %v", err)
	}
	return re, nil
}

// maxGlob bounds a pattern: a longer one is a mistake, or an attack on the
// regexp compiler.
const maxGlob = 4096

// Skip reports whether path is ignored entirely, and the rules ignored for
// it otherwise.
func (f *File) Skip(path string) (all bool, skipped []string) {
	if f.Path == "" || len(f.Exclude) == 0 {
		return false, nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, nil
	}
	rel, err := filepath.Rel(filepath.Dir(f.Path), abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false, nil
	}
	rel = filepath.ToSlash(rel)
	for _, ex := range f.Exclude {
		if !ex.re.MatchString(rel) {
			continue
		}
		if len(ex.Rules) == 0 {
			return true, nil
		}
		skipped = append(skipped, ex.Rules...)
	}
	return false, skipped
}

// Lint returns the engine configuration for a file at path: every rule,
// with this file's severities, strict mode, extra fields, and the rules the
// ignore list skips for path turned off.
func (f *File) Lint(path string) *lint.Config { return f.lintWith(path, f.Select, f.Ignore, nil) }

// lintWith is Lint with another selection of rules (the command line's
// --select and --ignore replace the file's) and the front end's
// severities over the file's. The precedence (TestPrecedence): a severity
// says how loud a rule is, and the front end's wins over rules:; whether
// it runs at all is said by exclude: for the path, select and ignore,
// which turn it off whatever severity either gives it.
func (f *File) lintWith(path string, selected, ignored []string, severity map[string]lint.Severity) *lint.Config {
	cfg := &lint.Config{Rules: rules.All(), Strict: f.Strict, Severity: map[string]lint.Severity{}, ExtraFields: f.ExtraFields, Shellcheck: f.Shellcheck}
	if cfg.Shellcheck == "" {
		cfg.Shellcheck = rules.ShellcheckAuto
	}
	for id, s := range f.Severity {
		cfg.Severity[id] = s
	}
	for id, s := range severity {
		cfg.Severity[id] = s
	}
	_, skipped := f.Skip(path)
	for _, id := range skipped {
		cfg.Severity[id] = lint.Off
	}
	applySelection(cfg, selected, ignored)
	return cfg
}

// applySelection turns off every rule but the selected ones (when select
// is not empty) and the ignored ones. The engine's syntax and internal
// findings are never turned off this way: a file that does not parse, or
// a rule that crashed, is always said.
func applySelection(cfg *lint.Config, selected, ignored []string) {
	if len(selected) > 0 {
		for _, r := range cfg.Rules {
			if !slices.ContainsFunc(selected, r.Names) && r != lint.Syntax && r != lint.Internal {
				cfg.Severity[r.ID] = lint.Off
			}
		}
	}
	for _, id := range ignored {
		if id != lint.Syntax.ID && id != lint.Internal.ID {
			cfg.Severity[id] = lint.Off
		}
	}
}

// Template is what `greylint init` writes.
const Template = `# greylint configuration. greylint finds this file from the linted file's
# directory upward to the repository root; --config names another one.
# The schema: greylint schema greylint. The rules: greylint rules.

# Report fields the greyhound documentation does not show as errors, not warnings.
strict: false

# Severity per rule: off, hint, info, warning or error.
rules:
  # public-visibility: off      # this repository has platform approval for nginx-public
  # unused-definition: off

# Run only these rules (--select replaces this list), or all but these
# (--ignore replaces it). Syntax errors are always reported.
# select: [unknown-field, unknown-build]
# ignore: [plaintext-secret]

# Lowest severity that makes greylint exit 1 (--fail-on wins): error, warning, info or hint.
# fail_on: warning

# shellcheck on job scripts (sh -c, bash -c): off, or a path (default: shellcheck on PATH).
# shellcheck: off

# Fields your greyhound version accepts that the docs do not show, per object
# kind (service, job, build, rule, configmap, ...) or "*" for every object.
extra_fields:
  # service: [livenessProbe, readinessProbe]

# Paths not to lint (globs relative to this file), or not to check with some rules.
exclude:
  # - "legacy/**"
  # - path: ".greyhound/experimental-*.yaml"
  #   rules: [unknown-field]

# Cross-file checks (config_source, removed_services, unused configs) follow
# an application into its repository when greylint can see a checkout of it.
# This repository's GitHub owner/name (default: the git remote origin):
# repository: acme-corp/api
# Local checkouts of the other repositories your applications name:
# repositories:
#   acme-corp/payments: ../payments
# Greyhound configs kept outside .greyhound/ (globs relative to this file):
# files: ["deploy/*.greyhound.yaml"]
`
