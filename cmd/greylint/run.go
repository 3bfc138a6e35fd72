package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/userfs"
	"github.com/greylint/greylint/workspace"
)

// Exit codes.
const (
	exitOK       = 0 // no finding at or above the fail threshold
	exitFindings = 1 // findings at or above the fail threshold
	exitUsage    = 2 // bad flags or arguments
	exitFailure  = 3 // a file could not be read, or greylint failed
)

// usage is the text of greylint --help: what it is, the commands, the
// exit codes; the flags follow.
func usage() string {
	var b strings.Builder
	b.WriteString(`greylint checks greyhound configuration files (.greyhound/config.yaml and
.greyhound/applications.yaml) against the greyhound schema and their
cross-references.

Usage:
  greylint [flags] [path ...]   lint files; a directory is searched for .greyhound/*.yaml|yml;
                                "-" reads standard input; no path lints the .greyhound/ of the
                                repository you are in (or the .greyhound/ directory you are in)
`)
	for _, c := range commands {
		line := strings.TrimSpace("greylint " + c.name + " " + c.args)
		if len(line) > 28 {
			fmt.Fprintf(&b, "  %s\n  %-28s  %s\n", line, "", c.summary)
		} else {
			fmt.Fprintf(&b, "  %-28s  %s\n", line, c.summary)
		}
	}
	b.WriteString(`
Exit codes: 0 no finding at or above the fail threshold, 1 findings, 2 usage or configuration
error, 3 a file could not be read or written, or greylint failed.

Flags:
`)
	return b.String()
}

type options struct {
	formats       []string
	output        string
	color         string
	failOn        string
	kind          string
	stdinFilename string
	config        string
	strict        bool
	shellcheck    string
	fix           bool
	unsafeFixes   bool
	diff          bool
	version       bool
	cpuProfile    string
	countReads    bool
	selectRules   []string
	ignoreRules   []string
	quiet         bool
	exitZero      bool
	statistics    bool
	maxFileSize   string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if code, ok := dispatch(args, stdin, stdout, stderr); ok {
		return code
	}
	var o options
	fl := newFlags(&o)
	fl.SetOutput(stderr)
	if slices.Contains(args, "-h") || slices.Contains(args, "--help") {
		fl.SetOutput(stdout) // asked for: not an error
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		sayf(stderr, "%v (see greylint --help)", err)
		return exitUsage
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			sayf(stderr, "%v", err)
			return exitUsage
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if o.version {
		fmt.Fprintf(stdout, "greylint %s\n", version())
		return exitOK
	}
	if o.countReads {
		dirs0, files0 := userfs.Counts()
		defer func() {
			dirs, files := userfs.Counts()
			sayf(stderr, "read %d directories, %d files", dirs-dirs0, files-files0)
		}()
	}
	outputs, kind, failOn, err := o.check()
	if err != nil {
		sayf(stderr, "%v", err)
		return exitUsage
	}
	if o.fix && !o.diff && slices.Contains(fl.Args(), "-") {
		sayf(stderr, "--fix cannot rewrite standard input; use --fix --diff to see the fixes")
		return exitUsage
	}
	if fl.Changed(rules.Shellcheck.ID) && o.shellcheck != "off" && o.shellcheck != "" {
		if _, err := exec.LookPath(o.shellcheck); err != nil {
			sayf(stderr, "--shellcheck: %v (give a path to shellcheck, or --shellcheck=off)", err)
			return exitUsage
		}
	}
	limit := int64(workspace.DefaultMaxFileSize)
	if o.maxFileSize != "" {
		n, err := parseSize(o.maxFileSize)
		if err != nil {
			sayf(stderr, "%v", err)
			return exitUsage
		}
		limit = n
	}
	var dv discovery
	inputs, err := discover(fl.Args(), o.stdinFilename, stdin, limit, &dv)
	for _, s := range dv.Messages {
		sayf(stderr, "%s", s)
	}
	if err != nil {
		sayf(stderr, "%v", err)
		var ue usageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitFailure
	}
	configs := &config.Resolver{Explicit: o.config}
	overlay := config.Overlay{}
	if fl.Changed(rules.Shellcheck.ID) {
		if o.shellcheck == "" {
			o.shellcheck = "off"
		}
		overlay.Shellcheck = o.shellcheck
	}
	if fl.Changed("strict") {
		overlay.Strict = &o.strict
	}
	if fl.Changed("select") {
		overlay.Select = append([]string{}, o.selectRules...)
	}
	if fl.Changed("ignore") {
		overlay.Ignore = append([]string{}, o.ignoreRules...)
	}
	if err := checkRuleIDs(append(slices.Clone(o.selectRules), o.ignoreRules...)); err != nil {
		sayf(stderr, "%v", err)
		return exitUsage
	}
	configs.SetOverlay(overlay)
	set := &workspace.Set{Configs: configs}
	inputs = withReferencedConfigs(inputs, set, &dv)
	inputs = distinct(inputs)
	if err := checkOutputPaths(outputs, inputs, configs); err != nil {
		sayf(stderr, "%v", err)
		return exitUsage
	}
	// The configuration is read, and checked, before any file is linted:
	// a mistake in it stops the run (exit 2), so that no finding appears
	// that the intended configuration would have turned off.
	for _, in := range inputs {
		configs.Load(in.path)
	}
	if o.fix && !o.diff {
		fixConfigs(configs, inputs, stderr)
	}
	if configs.Broken() {
		broken := configResults(configs)
		for _, r := range broken {
			if r.err != nil {
				sayf(stderr, "%v", r.err)
			}
		}
		// In the formats asked for: a CI step that reads JSON or SARIF
		// gets the configuration's findings in them, not text.
		for _, out := range outputs {
			if err := out.write(broken, stdout); err != nil {
				sayf(stderr, "writing %s output: %v", out.format, err)
			}
		}
		sayf(stderr, "the configuration has errors; nothing was linted")
		return exitUsage
	}
	fm := fixMode{fix: o.fix, unsafe: o.unsafeFixes, diff: o.diff, limit: limit}
	results, skipped := lintAll(inputs, kind, set, fm)
	sayUnidentified(stderr, set)
	results = append(configResults(configs), results...)
	// The fail threshold: --fail-on, else fail_on of each file's
	// configuration, else error.
	for _, r := range results {
		r.failOn = lint.Error
		if f := configs.FailOn(r.path); f != 0 {
			r.failOn = f
		}
		if failOn != 0 {
			r.failOn = failOn
		}
	}
	code := exitOK
	if dv.Unreadable {
		code = exitFailure // said above; the rest was linted
	}
	diffs := false
	for _, r := range results {
		for _, e := range []error{r.err, r.fixErr} {
			if e != nil {
				sayf(stderr, "%s", e.Error())
				code = exitFailure
			}
		}
		if r.note != "" {
			sayf(stderr, "%s", r.note)
		}
		for _, rj := range r.rejected {
			line, col := rj.Lines.LineCol(rj.Diagnostic.Range.Start)
			sayf(stderr, "%s:%d:%d: the %s fix was %s", r.path, line, col, rj.Diagnostic.Rule, rj.Reason)
		}
		if r.fixed != nil {
			diffs = true
			if o.diff {
				writeDiff(stdout, r.path, r.original, r.fixed)
			}
		}
	}
	for _, out := range outputs {
		if o.diff && out.path == "" {
			continue // standard output holds the diff
		}
		if o.statistics && out.path == "" && out.format == "text" {
			writeStatistics(stdout, results)
			continue
		}
		if err := out.write(results, stdout); err != nil {
			sayf(stderr, "writing %s output: %v", out.format, err)
			return exitFailure
		}
	}
	if !o.quiet {
		writeSummary(stderr, results, skipped, fm)
	}
	if code != exitOK {
		return code
	}
	if o.diff && diffs {
		code = exitFindings // the files on disk are not what they should be
	}
	for _, r := range results {
		for _, d := range r.diags {
			if d.Rule == lint.Internal.ID {
				return exitFailure
			}
			if d.Severity <= r.failOn {
				code = exitFindings
			}
		}
	}
	if o.exitZero && code == exitFindings {
		return exitOK
	}
	return code
}

func newFlags(o *options) *pflag.FlagSet {
	fl := pflag.NewFlagSet("greylint", pflag.ContinueOnError)
	fl.StringArrayVarP(&o.formats, "format", "f", []string{"text"}, "output format: text, json, sarif, github, checkstyle or junit; FORMAT=FILE writes that format to FILE (repeatable)")
	fl.StringVarP(&o.output, "output", "o", "", "write the output to this file instead of standard output")
	fl.StringVar(&o.color, "color", "auto", "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	fl.StringVar(&o.failOn, "fail-on", "", "lowest severity that makes greylint exit 1: error, warning, info or hint (default: fail_on in .greylint.yaml, or error)")
	fl.StringVar(&o.kind, "kind", "", "treat every file as this kind: config or applications (default: detect)")
	fl.StringVar(&o.stdinFilename, "stdin-filename", "", "name of the file read from standard input, for messages and kind detection")
	fl.StringVarP(&o.config, "config", "c", "", "configuration file (default: .greylint.yaml found from each file's directory up to the repository root)")
	fl.StringVar(&o.shellcheck, rules.Shellcheck.ID, // the flag is named after the rule family it drives
		"", "run this shellcheck on job scripts (sh -c, bash -c), or off (default: shellcheck: in .greylint.yaml, or shellcheck on PATH when installed)")
	fl.BoolVar(&o.strict, "strict", false, "report unknown fields as errors, not warnings (--strict=false overrides strict: true in .greylint.yaml)")
	fl.StringSliceVar(&o.selectRules, "select", nil, "run only these rules (IDs, comma-separated or repeated); replaces select in .greylint.yaml")
	fl.StringSliceVar(&o.ignoreRules, "ignore", nil, "do not run these rules (IDs, comma-separated or repeated); replaces ignore in .greylint.yaml")
	fl.BoolVar(&o.fix, "fix", false, "apply the safe fixes to the files (atomically), then report what is left")
	fl.BoolVar(&o.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff: apply the unsafe fixes too (best guesses, such as the nearest name for a typo)")
	fl.BoolVar(&o.diff, "diff", false, "print the fixes --fix would apply as a unified diff and write nothing; exit 1 when there is a diff")
	fl.StringVar(&o.maxFileSize, "max-file-size", "", "largest file to check, in bytes or with K, M or G (default 10M); a larger one is a file-too-large finding")
	fl.BoolVarP(&o.quiet, "quiet", "q", false, "print only the findings: no summary")
	fl.BoolVar(&o.statistics, "statistics", false, "print the number of findings per rule instead of the findings")
	fl.BoolVar(&o.exitZero, "exit-zero", false, "exit 0 even when there are findings (2 and 3 still report usage and I/O errors)")
	fl.BoolVarP(&o.version, "version", "v", false, "print the version and exit")
	fl.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for make bench-cli)")
	fl.MarkHidden("cpuprofile")
	fl.BoolVar(&o.countReads, "count-reads", false, "say on standard error how many directories and files the run read (tests hold walks linear with it)")
	fl.MarkHidden("count-reads")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage())
		fl.PrintDefaults()
	}
	fl.SortFlags = false
	return fl
}

func (o *options) check() ([]output, lint.Kind, lint.Severity, error) {
	outputs, err := parseOutputs(o.formats, o.output, o.color)
	if err != nil {
		return nil, 0, 0, err
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return nil, 0, 0, fmt.Errorf("unknown --color %q: use auto, always or never", o.color)
	}
	var failOn lint.Severity // 0: the configuration's fail_on, or error
	if o.failOn != "" {
		var ok bool
		if failOn, ok = lint.ParseSeverity(o.failOn); !ok {
			return nil, 0, 0, fmt.Errorf("unknown --fail-on %q: use error, warning, info or hint", o.failOn)
		}
	}
	if o.diff && !o.fix {
		o.fix = true // --diff shows what --fix would do
	}
	if o.unsafeFixes && !o.fix {
		return nil, 0, 0, errors.New("--unsafe-fixes goes with --fix or --diff")
	}
	kind := lint.KindUnknown
	if o.kind != "" {
		var ok bool
		if kind, ok = lint.ParseKind(o.kind); !ok || kind == lint.KindGreylint {
			return nil, 0, 0, fmt.Errorf("unknown --kind %q: use config or applications", o.kind)
		}
	}
	return outputs, kind, failOn, nil
}

type usageError struct{ error }

// input is one file to lint: read from disk, or already read from stdin.
type input struct {
	path     string
	walked   bool   // found by walking a directory (not named)
	src      []byte // nil: read path
	tooLarge bool   // standard input past the limit
	// root is where the file is read and written (the file layer): the
	// directory walked, the checkout of a named file; read-only (with
	// readOnly saying why) for a file --fix may not write: in a mapped
	// checkout, or not under the paths given.
	root     userfs.Root
	readOnly string
}

// discovery is what discover found besides the files: what it passed
// over, and why (said on standard error; an unreadable directory makes the
// exit code 3 at the end).
type discovery struct {
	workspace.Skipped
	walked []string // the directories walked, absolute
}

// discover turns the arguments into the files to lint. A directory is
// walked without following a symbolic link out of it; what is passed over
// is said, never silently dropped.
func discover(args []string, stdinName string, stdin io.Reader, limit int64, dv *discovery) ([]input, error) {
	if len(args) == 0 {
		dir, err := findGreyhoundDir(dv)
		if err != nil {
			return nil, err
		}
		files := greyhoundFiles(dir, filepath.Dir(dir), dv)
		if len(files) == 0 {
			return nil, usageError{fmt.Errorf("%s has no .yaml or .yml files", dir)}
		}
		if abs, err := filepath.Abs(filepath.Dir(dir)); err == nil {
			dv.walked = append(dv.walked, abs) // the checkout: what --fix may write
		}
		return files, nil
	}
	var out []input
	for _, a := range args {
		if a == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			src, err := workspace.ReadLimited(stdin, limit)
			var tl workspace.ErrTooLarge
			if errors.As(err, &tl) {
				out = append(out, input{path: name, tooLarge: true})
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			out = append(out, input{path: name, src: src})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", a, unwrapPathError(err))
		}
		if !st.IsDir() {
			// Named explicitly: read (and fixed) inside its checkout,
			// through a link only when it stays there.
			out = append(out, input{path: a, root: userfs.At(checkoutOf(a))})
			continue
		}
		// A directory named is walked as its own root, once its name is
		// known to stay in its checkout (up/.greyhound -> ../../x is not).
		if _, err := userfs.At(checkoutOf(a)).Stat(a); err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", a, err)
		}
		found := walk(a, dv)
		if abs, err := filepath.Abs(a); err == nil {
			dv.walked = append(dv.walked, abs)
		}
		if len(found) == 0 && !dv.Unreadable {
			return nil, usageError{fmt.Errorf("no .greyhound/*.yaml or *.yml files under %s", a)}
		}
		out = append(out, found...)
	}
	return out, nil
}

// walk finds the greyhound files under root (workspace.Walk), noting in dv
// what it passed over.
func walk(root string, dv *discovery) []input {
	return inputs(workspace.Walk(root, displayPath, &dv.Skipped), root)
}

// greyhoundFiles returns the YAML files of one .greyhound directory.
func greyhoundFiles(dir, root string, dv *discovery) []input {
	return inputs(workspace.GreyhoundFiles(dir, root, displayPath, &dv.Skipped), root)
}

// inputs are the files a walk of root found, read and written inside it.
func inputs(paths []string, root string) []input {
	out := make([]input, len(paths))
	r := userfs.At(root)
	for i, p := range paths {
		out[i] = input{path: p, walked: true, root: r}
	}
	return out
}

// checkoutOf returns the checkout a path named on the command line is read
// in: the nearest directory at or above it (above it, for a file) with a
// .git entry, else the one holding its .greyhound directory
// (workspace.RootOf). The names below the working directory come from the
// checkout (a committed link), so a directory reached through a link
// there is never taken as the checkout: the link is then checked by the
// file layer against the checkout above it.
func checkoutOf(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Dir(p)
	}
	start := abs
	if st, err := os.Lstat(abs); err != nil || !st.IsDir() {
		start = filepath.Dir(abs)
	}
	trusted := start // an absolute path, or one above the working directory: its names are the user's
	if wd, err := os.Getwd(); err == nil && workspace.Within(wd, start) {
		// The names between the working directory and start: the
		// deepest directory reached without a link.
		trusted = wd
		rel, _ := filepath.Rel(wd, start)
		for _, c := range strings.Split(rel, string(filepath.Separator)) {
			next := filepath.Join(trusted, c)
			if st, err := os.Lstat(next); c == "." || err != nil || st.Mode()&fs.ModeSymlink != 0 {
				break
			}
			trusted = next
		}
	}
	for d := trusted; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if ok, _ := workspace.HasGreyhoundDir(d); ok && d != start {
			return d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return workspace.RootOf(abs)
}

// withReferencedConfigs adds to the files found by walking a directory the
// config files that the applications of those checkouts name outside
// .greyhound/ (config_source: deploy/api.yaml) and the files: globs of
// their .greylint.yaml, so that a directory's run covers what greyhound
// deploys from it. An added file is written by --fix only when it lies
// under a directory given (walked) and not in a mapped checkout; it is
// read through the root of the walked directory that holds it, else of the
// checkout that holds it (never through a link out of either).
func withReferencedConfigs(inputs []input, set *workspace.Set, dv *discovery) []input {
	have := map[string]bool{}
	roots := map[string]bool{}
	var order []string
	var walked []string // absolute, of walked inputs
	for _, in := range inputs {
		abs, err := filepath.Abs(in.path)
		if err != nil {
			continue
		}
		have[abs] = true
		if in.walked {
			walked = append(walked, abs)
			r := workspace.RootOf(abs)
			if !roots[r] {
				roots[r] = true
				order = append(order, r)
			}
		}
	}
	sorted := make([]walkedFile, len(walked))
	for i, p := range walked {
		sorted[i] = walkedFile{p, i}
	}
	slices.SortFunc(sorted, func(a, b walkedFile) int { return strings.Compare(a.path, b.path) })
	slices.Sort(dv.Links)
	for _, root := range order {
		if walkedWhole(root, dv) {
			// Exactly what Walk(root) finds: every walked file below root,
			// nested .greyhound/ directories included.
			set.Seed(root, below(sorted, walked, root))
		}
		w := set.At(root)
		for _, p := range append(w.ConfigFiles(), w.Extra()...) {
			if have[p] {
				continue
			}
			have[p] = true
			in := input{path: displayPath(p), walked: true}
			wr := w.RootFor(p)
			given := ""
			for _, d := range dv.walked {
				if workspace.Within(d, p) && len(d) > len(given) {
					given = d
				}
			}
			switch {
			case wr.IsZero() && given == "":
				continue // in no checkout: never read
			case wr.ReadOnly():
				in.root, in.readOnly = wr, "it is in a checkout mapped by repositories: in .greylint.yaml, which greylint reads but never writes"
			case given != "":
				in.root = userfs.At(given)
			default:
				in.root = userfs.ReadOnlyAt(wr.Dir())
				in.readOnly = "it is not under the paths given on the command line; run greylint on it to fix it"
			}
			inputs = append(inputs, in)
		}
	}
	return inputs
}

// distinct keeps one input per file on disk (os.SameFile, through each
// input's root): a file named twice, or reached through a link inside the
// checkout as well as by its own name, is linted, reported and fixed once
// (twice, the two fixes raced and one was refused: exit 3 on every run).
// The input kept is the first that is not itself a link, else the first.
func distinct(inputs []input) []input {
	type seen struct {
		i  int
		st fs.FileInfo
	}
	byID := map[any][]seen{} // candidates share an identity (userfs.Identity): one lookup per input
	drop := make([]bool, len(inputs))
	for i, in := range inputs {
		if in.src != nil || in.tooLarge {
			continue
		}
		root := in.root
		if root.IsZero() {
			root = userfs.At(checkoutOf(in.path))
		}
		st, err := root.Stat(in.path)
		if err != nil || !st.Mode().IsRegular() {
			continue // the read says why
		}
		id := userfs.Identity(st)
		same := -1
		for _, c := range byID[id] {
			if os.SameFile(c.st, st) {
				same = c.i
				break
			}
		}
		if same < 0 {
			byID[id] = append(byID[id], seen{i, st})
			continue
		}
		if isLink(inputs[same].root, inputs[same].path) && !isLink(root, in.path) {
			drop[same] = true
			for k, c := range byID[id] {
				if c.i == same {
					byID[id][k].i = i
				}
			}
			continue
		}
		drop[i] = true
	}
	out := inputs[:0:0]
	for i, in := range inputs {
		if !drop[i] {
			out = append(out, in)
		}
	}
	return out
}

func isLink(root userfs.Root, p string) bool {
	if root.IsZero() {
		root = userfs.At(checkoutOf(p))
	}
	st, err := root.Lstat(p)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}

// walkedFile is a walked file and its place in the walk.
type walkedFile struct {
	path string
	i    int
}

// below returns the files of walked (in their order) that lie below root;
// sorted holds the same files sorted by path with their places, so a root
// costs one binary search and the sort of its own files (a scan of every
// walked file per root was quadratic in a monorepo of many checkouts).
func below(sorted []walkedFile, walked []string, root string) []string {
	prefix := strings.TrimSuffix(root, string(filepath.Separator)) + string(filepath.Separator)
	i, _ := slices.BinarySearchFunc(sorted, prefix, func(f walkedFile, p string) int { return strings.Compare(f.path, p) })
	j := i
	for j < len(sorted) && strings.HasPrefix(sorted[j].path, prefix) {
		j++
	}
	if j == i {
		return nil
	}
	places := make([]int, 0, j-i)
	for _, f := range sorted[i:j] {
		places = append(places, f.i)
	}
	slices.Sort(places)
	out := make([]string, len(places))
	for k, at := range places {
		out[k] = walked[at]
	}
	return out
}

// walkedWhole reports whether a directory walked holds root, so that its
// walk found every greyhound file of root as Walk(root) would: none of
// root's files came through a symbolic link (which a walk from root may
// refuse) and no directory was unreadable. dv.Links is sorted (discover).
func walkedWhole(root string, dv *discovery) bool {
	if dv.Unreadable {
		return false
	}
	// The links inside root are the ones that start with root and a
	// separator, together in sorted order: one search per checkout, not a
	// scan of every link (a thousand checkouts with a link each).
	below := strings.TrimSuffix(root, string(filepath.Separator)) + string(filepath.Separator)
	if i, _ := slices.BinarySearch(dv.Links, below); i < len(dv.Links) && strings.HasPrefix(dv.Links[i], below) {
		return false
	}
	return slices.ContainsFunc(dv.walked, func(d string) bool { return workspace.Within(d, root) })
}

// findGreyhoundDir is what greylint lints when it is given no path, as
// actionlint finds the workflows of the repository it runs in: the
// .greyhound directory the working directory is, or the nearest
// .greyhound/ of the working directory and its parents up to the
// repository root (the first directory with a .git entry).
func findGreyhoundDir(dv *discovery) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if filepath.Base(wd) == ".greyhound" {
		return ".", nil
	}
	rel := "."
	for dir := wd; ; dir = filepath.Dir(dir) {
		// A .greyhound link is taken only when it stays in the
		// directory that holds it, as the walk and the workspace take it.
		ok, why := workspace.HasGreyhoundDir(dir)
		if ok {
			return filepath.Join(rel, ".greyhound"), nil
		}
		if why != "" {
			dv.Messages = append(dv.Messages, fmt.Sprintf("skipped %s: %s", displayPath(filepath.Join(rel, ".greyhound")), why))
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil || filepath.Dir(dir) == dir {
			return "", usageError{errors.New("no .greyhound directory here or above it in this repository; pass the files or directories to lint")}
		}
		rel = filepath.Join(rel, "..")
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// result is the outcome for one file.
type result struct {
	path     string
	src      []byte
	lines    *lint.Lines
	diags    []lint.Diagnostic // of src
	res      *lint.Result      // the analysis diags come from (greylint graph draws it)
	err      error             // the file could not be read
	original []byte            // with --fix: the text before fixing, when a fix applied
	fixed    []byte            // with --fix: the text after fixing
	applied  int               // with --fix: fixes applied (with --diff: that would be)
	left     int               // with --diff: findings the fixed text would still have
	rejected []lint.RejectedFix
	fixErr   error         // the fixes could not be written; diags are those of the file as it is
	note     string        // said on standard error, not a failure: why a fix was not written
	failOn   lint.Severity // the lowest severity that fails the run for this file
}

// fixMode is what --fix, --unsafe-fixes and --diff ask for, and the
// largest file to read (--max-file-size).
type fixMode struct {
	fix, unsafe, diff bool
	limit             int64
	// keep keeps each file's analysis (its node tree) in the result, for
	// greylint graph; a lint run drops it, or a thousand files' trees
	// stay in memory to the end (5x the peak, 1.6x the time).
	keep bool
}

// lintAll lints the inputs concurrently; the results are sorted by path.
// Files the configuration ignores entirely are skipped (and counted).
func lintAll(inputs []input, kind lint.Kind, set *workspace.Set, fm fixMode) ([]*result, int) {
	results := make([]*result, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = lintOne(in, kind, set, fm)
		}()
	}
	wg.Wait()
	kept := results[:0]
	skipped := 0
	for _, r := range results {
		if r == nil {
			skipped++
			continue
		}
		kept = append(kept, r)
	}
	slices.SortStableFunc(kept, func(a, b *result) int { return strings.Compare(a.path, b.path) })
	return kept, skipped
}

func lintOne(in input, kind lint.Kind, set *workspace.Set, fm fixMode) *result {
	configs := set.Configs
	if _, skip := configs.For(in.path); skip {
		return nil // not even read
	}
	r := &result{path: in.path, src: in.src}
	limit := fm.limit
	if limit <= 0 {
		limit = workspace.DefaultMaxFileSize
	}
	var tooLarge workspace.ErrTooLarge
	switch {
	case in.tooLarge:
		tooLarge = workspace.ErrTooLarge{Limit: limit}
	case r.src == nil:
		root := in.root
		if root.IsZero() {
			root = userfs.At(checkoutOf(in.path))
		}
		src, err := root.ReadFile(in.path, limit)
		switch {
		case errors.As(err, &tooLarge):
		case err != nil:
			r.err = fmt.Errorf("cannot read %s: %w", in.path, unwrapPathError(err))
			return r
		default:
			r.src = src
		}
	}
	if tooLarge.Limit != 0 {
		// One finding says so; nothing is checked in part.
		r.src, r.lines = nil, lint.NewLines(nil)
		r.diags = []lint.Diagnostic{{Rule: lint.FileTooLarge.ID, Severity: lint.FileTooLarge.Severity, Message: tooLarge.Error() + "; it was not checked: split it, or raise the limit with --max-file-size if it is meant to be this large"}}
		return r
	}
	if filepath.Base(in.path) == config.FileName {
		// Named on the command line: checked as greylint's configuration,
		// never as a greyhound file.
		_, r.diags = config.Parse(in.path, r.src)
		r.lines = lint.NewLines(r.src)
		return r
	}
	file := &lint.File{Path: in.path, Kind: kind, Source: r.src}
	if in.src == nil || in.path != "<stdin>" {
		file.Workspace = set.For(in.path) // the other files of its checkout
	}
	res, _ := configs.Analyze(context.Background(), file) // as the server does
	r.diags, r.lines = res.Diagnostics, res.Doc.Lines
	if fm.keep {
		r.res = res
	}
	if fm.fix {
		cfg, _ := configs.For(in.path)
		fixFile(r, in, file, cfg, res, fm)
	}
	return r
}

// fixFile applies the fixes to one file and writes it (not with --diff).
// When the file cannot be fixed or written, r keeps the findings of the
// file as it is, and fixErr says why.
func fixFile(r *result, in input, file *lint.File, cfg *lint.Config, res *lint.Result, fm fixMode) {
	if !hasAutoFix(res.Diagnostics, fm.unsafe) {
		return
	}
	if why := notUTF8(r.src); why != "" {
		r.fixErr = fmt.Errorf("not fixing %s: %s", in.path, why)
		r.diags = lint.NotApplied(r.diags)
		return
	}
	fr := lint.FixFile(context.Background(), file, cfg, res, fm.unsafe)
	r.rejected = fr.Rejected
	if bytes.Equal(fr.Source, r.src) {
		r.diags = fr.Unmarked(r.diags) // the refused fixes no longer marked [*]
		return
	}
	if in.readOnly != "" {
		// --fix will not write it: --diff does not show it either.
		r.note = fmt.Sprintf("not fixing %s: %s", in.path, in.readOnly)
		r.diags = lint.NotApplied(r.diags) // this run repairs none of them: no [*]
		return
	}
	r.original, r.fixed, r.applied = r.src, fr.Source, fr.Applied
	if fm.diff {
		r.left = len(fr.Result.Diagnostics)
		r.diags = fr.Unmarked(r.diags) // those of the file on disk, the refused not [*]
		return
	}
	if in.src != nil {
		r.fixErr = fmt.Errorf("not fixing %s: it was read from standard input", in.path)
		r.original, r.fixed, r.applied = nil, nil, 0
		r.diags = lint.NotApplied(r.diags)
		return
	}
	if err := writeFixed(in, r.src, fr.Source); err != nil {
		r.fixErr = err
		r.original, r.fixed, r.applied = nil, nil, 0
		r.diags = lint.NotApplied(r.diags)
		return
	}
	r.src, r.diags, r.lines = fr.Source, fr.Result.Diagnostics, fr.Result.Doc.Lines
}

func hasAutoFix(diags []lint.Diagnostic, unsafe bool) bool {
	for i := range diags {
		if _, ok := diags[i].AutoFix(unsafe); ok {
			return true
		}
	}
	return false
}

// sayUnidentified says which git checkouts of the run greylint could not
// name (a worktree whose gitdir: cannot be followed, a .git/config it
// cannot read, an origin in an [include]d file): the cross-file checks
// that need the repository's name are off there, and silence would read
// as "no problems". A note, not a finding: nothing in the linted files is
// wrong, and the exit code stays theirs.
func sayUnidentified(stderr io.Writer, set *workspace.Set) {
	var notes []string
	for _, w := range set.All() {
		if w.Self == "" && w.Unidentified != "" {
			notes = append(notes, fmt.Sprintf("note: cannot tell which repository %s is: %s; the cross-file checks that need it are off there (set repository: owner/name in .greylint.yaml)", displayPath(w.Root), w.Unidentified))
		}
	}
	slices.Sort(notes)
	for _, n := range slices.Compact(notes) {
		sayf(stderr, "%s", n)
	}
}

// checkOutputPaths refuses an output file that is one of the inputs or a
// configuration file in use: the report would overwrite it.
func checkOutputPaths(outputs []output, inputs []input, configs *config.Resolver) error {
	if !slices.ContainsFunc(outputs, func(o output) bool { return o.path != "" }) {
		return nil // all on stdout: no configuration to look up per file
	}
	var protected []string
	for _, in := range inputs {
		if in.src == nil {
			protected = append(protected, in.path)
			if p := configs.PathFor(in.path); p != "" {
				protected = append(protected, p)
			}
		}
	}
	if configs.Explicit != "" {
		protected = append(protected, configs.Explicit)
	}
	for _, o := range outputs {
		if o.path == "" {
			continue
		}
		for _, p := range protected {
			if samePath(o.path, p) {
				return usageError{fmt.Errorf("the %s output would overwrite %s, which greylint reads; write it to another file", o.format, p)}
			}
		}
	}
	return nil
}

// samePath reports whether a and b name one file: the same file on disk,
// or the same cleaned absolute path when a does not exist yet.
func samePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// checkRuleIDs refuses --select and --ignore values that name no rule.
func checkRuleIDs(ids []string) error {
	var all []string
	for _, r := range rules.All() {
		all = append(all, r.ID)
	}
	for _, id := range ids {
		if rules.ByID(id) != nil {
			continue
		}
		if s := lint.Suggest(id, all); s != "" {
			return usageError{fmt.Errorf("no rule %q; did you mean %q? (greylint rules lists them)", id, s)}
		}
		return usageError{fmt.Errorf("no rule %q (greylint rules lists them)", id)}
	}
	return nil
}
