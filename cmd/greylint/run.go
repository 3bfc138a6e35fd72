package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/schema"
)

// Exit codes.
const (
	exitOK       = 0 // no finding at or above the fail threshold
	exitFindings = 1 // findings at or above the fail threshold
	exitUsage    = 2 // bad flags or arguments
	exitFailure  = 3 // a file could not be read, or greylint failed
)

const usage = `greylint checks greyhound configuration files (.greyhound/config.yaml and
.greyhound/applications.yaml) against the greyhound schema and their
cross-references.

Usage:
  greylint [flags] [path ...]     lint files; a directory is searched for .greyhound/*.yaml|yml,
                                  "-" reads standard input; no path lints ./.greyhound/
  greylint rules                  list the rules with their default severity and summary
  greylint explain <rule-id>      print a rule's documentation
  greylint schema config|applications|greylint
                                  print a JSON Schema (for yaml-language-server and others; greylint: .greylint.yaml)
  greylint lsp                    run the language server on standard input and output
  greylint init                   write a commented .greylint.yaml in the current directory

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error, 3 I/O or internal error.

Flags:
`

type options struct {
	formats       []string
	output        string
	color         string
	failOn        string
	kind          string
	stdinFilename string
	config        string
	strict        bool
	fix           bool
	unsafeFixes   bool
	diff          bool
	version       bool
	cpuProfile    string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return cmdRules(args[1:], stdout, stderr)
		case "explain":
			return cmdExplain(args[1:], stdout, stderr)
		case "schema":
			return cmdSchema(args[1:], stdout, stderr)
		case "lsp":
			return cmdLSP(args[1:], stdin, stdout, stderr)
		case "init":
			return cmdInit(args[1:], stdout, stderr)
		case "help":
			fl := newFlags(&options{})
			fl.SetOutput(stdout)
			fl.Usage()
			return exitOK
		}
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
		fmt.Fprintf(stderr, "greylint: %v (see greylint --help)\n", err)
		return exitUsage
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "greylint: %v\n", err)
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
	outputs, kind, failOn, err := o.check()
	if err != nil {
		fmt.Fprintf(stderr, "greylint: %v\n", err)
		return exitUsage
	}
	if o.fix && !o.diff && slices.Contains(fl.Args(), "-") {
		fmt.Fprintln(stderr, "greylint: --fix cannot rewrite standard input; use --fix --diff to see the fixes")
		return exitUsage
	}
	inputs, err := discover(fl.Args(), o.stdinFilename, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "greylint: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitFailure
	}
	configs := &config.Resolver{Explicit: o.config}
	if fl.Changed("strict") {
		configs.SetOverlay(config.Overlay{Strict: &o.strict})
	}
	if err := checkOutputPaths(outputs, inputs, configs); err != nil {
		fmt.Fprintf(stderr, "greylint: %v\n", err)
		return exitUsage
	}
	fm := fixMode{fix: o.fix, unsafe: o.unsafeFixes, diff: o.diff}
	results, skipped := lintAll(inputs, kind, configs, fm)
	results = append(configResults(configs), results...)
	code := exitOK
	diffs := false
	for _, r := range results {
		for _, e := range []error{r.err, r.fixErr} {
			if e != nil {
				fmt.Fprintf(stderr, "greylint: %v\n", e)
				code = exitFailure
			}
		}
		for _, rj := range r.rejected {
			line, col := rj.Lines.LineCol(rj.Diagnostic.Range.Start)
			fmt.Fprintf(stderr, "greylint: %s:%d:%d: the %s fix was %s\n", r.path, line, col, rj.Diagnostic.Rule, rj.Reason)
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
		if err := out.write(results, stdout); err != nil {
			fmt.Fprintf(stderr, "greylint: writing %s output: %v\n", out.format, err)
			return exitFailure
		}
	}
	writeSummary(stderr, results, skipped, fm)
	if configs.Broken() {
		return exitUsage
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
			if d.Severity <= failOn {
				code = exitFindings
			}
		}
	}
	return code
}

func newFlags(o *options) *pflag.FlagSet {
	fl := pflag.NewFlagSet("greylint", pflag.ContinueOnError)
	fl.StringArrayVarP(&o.formats, "format", "f", []string{"text"}, "output format: text, json, sarif, github, checkstyle or junit; FORMAT=FILE writes that format to FILE (repeatable)")
	fl.StringVarP(&o.output, "output", "o", "", "write the output to this file instead of standard output")
	fl.StringVar(&o.color, "color", "auto", "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	fl.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes greylint exit 1: error, warning, info or hint")
	fl.StringVar(&o.kind, "kind", "", "treat every file as this kind: config or applications (default: detect)")
	fl.StringVar(&o.stdinFilename, "stdin-filename", "", "name of the file read from standard input, for messages and kind detection")
	fl.StringVarP(&o.config, "config", "c", "", "configuration file (default: .greylint.yaml found from each file's directory up to the repository root)")
	fl.BoolVar(&o.strict, "strict", false, "report unknown fields as errors, not warnings")
	fl.BoolVar(&o.fix, "fix", false, "apply the safe fixes to the files (atomically), then report what is left")
	fl.BoolVar(&o.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff: apply the unsafe fixes too (best guesses, such as the nearest name for a typo)")
	fl.BoolVar(&o.diff, "diff", false, "print the fixes --fix would apply as a unified diff and write nothing; exit 1 when there is a diff")
	fl.BoolVarP(&o.version, "version", "v", false, "print the version and exit")
	fl.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for make bench-cli)")
	fl.MarkHidden("cpuprofile")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage)
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
	failOn, ok := lint.ParseSeverity(o.failOn)
	if !ok {
		return nil, 0, 0, fmt.Errorf("unknown --fail-on %q: use error, warning, info or hint", o.failOn)
	}
	if o.diff && !o.fix {
		o.fix = true // --diff shows what --fix would do
	}
	if o.unsafeFixes && !o.fix {
		return nil, 0, 0, errors.New("--unsafe-fixes goes with --fix or --diff")
	}
	kind := lint.KindUnknown
	if o.kind != "" {
		if kind, ok = lint.ParseKind(o.kind); !ok || kind == lint.KindGreylint {
			return nil, 0, 0, fmt.Errorf("unknown --kind %q: use config or applications", o.kind)
		}
	}
	return outputs, kind, failOn, nil
}

type usageError struct{ error }

// input is one file to lint: read from disk, or already read from stdin.
type input struct {
	path string
	src  []byte // nil: read path
}

// discover turns the arguments into the files to lint.
func discover(args []string, stdinName string, stdin io.Reader) ([]input, error) {
	if len(args) == 0 {
		dir := ".greyhound"
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, usageError{errors.New("no .greyhound directory in the current directory; pass the files or directories to lint")}
		}
		files := greyhoundFiles(dir)
		if len(files) == 0 {
			return nil, usageError{errors.New("the .greyhound directory has no .yaml or .yml files")}
		}
		return files, nil
	}
	var out []input
	for _, a := range args {
		if a == "-" {
			src, err := io.ReadAll(stdin)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			out = append(out, input{path: name, src: src})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", a, unwrapPathError(err))
		}
		if !st.IsDir() {
			out = append(out, input{path: a})
			continue
		}
		found, err := walk(a)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, usageError{fmt.Errorf("no .greyhound/*.yaml or *.yml files under %s", a)}
		}
		out = append(out, found...)
	}
	return out, nil
}

var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// walk finds the YAML files directly inside every .greyhound directory
// under root.
func walk(root string) ([]input, error) {
	var out []input
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && skipDirs[d.Name()] {
			return filepath.SkipDir
		}
		if d.Name() == ".greyhound" {
			out = append(out, greyhoundFiles(path)...)
		}
		return nil
	})
	return out, err
}

func greyhoundFiles(dir string) []input {
	var out []input
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, p := range m {
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				out = append(out, input{path: p})
			}
		}
	}
	slices.SortFunc(out, func(a, b input) int { return strings.Compare(a.path, b.path) })
	return out
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
	err      error             // the file could not be read
	original []byte            // with --fix: the text before fixing, when a fix applied
	fixed    []byte            // with --fix: the text after fixing
	applied  int               // with --fix: fixes applied (with --diff: that would be)
	left     int               // with --diff: findings the fixed text would still have
	rejected []lint.RejectedFix
	fixErr   error // the fixes could not be written; diags are those of the file as it is
}

// fixMode is what --fix, --unsafe-fixes and --diff ask for.
type fixMode struct{ fix, unsafe, diff bool }

// lintAll lints the inputs concurrently; the results are sorted by path.
// Files the configuration ignores entirely are skipped (and counted).
func lintAll(inputs []input, kind lint.Kind, configs *config.Resolver, fm fixMode) ([]*result, int) {
	results := make([]*result, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = lintOne(in, kind, configs, fm)
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

func lintOne(in input, kind lint.Kind, configs *config.Resolver, fm fixMode) *result {
	if _, skip := configs.For(in.path); skip {
		return nil // not even read
	}
	r := &result{path: in.path, src: in.src}
	if r.src == nil {
		src, err := os.ReadFile(in.path)
		if err != nil {
			r.err = fmt.Errorf("cannot read %s: %w", in.path, unwrapPathError(err))
			return r
		}
		r.src = src
	}
	file := &lint.File{Path: in.path, Kind: kind, Source: r.src}
	res, _ := configs.Analyze(context.Background(), file) // as the server does
	r.diags, r.lines = res.Diagnostics, res.Doc.Lines
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
		return
	}
	fr := lint.FixFile(context.Background(), file, cfg, res, fm.unsafe)
	r.rejected = fr.Rejected
	if bytes.Equal(fr.Source, r.src) {
		return
	}
	r.original, r.fixed, r.applied = r.src, fr.Source, fr.Applied
	if fm.diff {
		r.left = len(fr.Result.Diagnostics)
		return // the findings stay those of the file on disk
	}
	if in.src != nil {
		r.fixErr = fmt.Errorf("not fixing %s: it was read from standard input", in.path)
		r.original, r.fixed, r.applied = nil, nil, 0
		return
	}
	if err := writeFixed(in.path, r.src, fr.Source); err != nil {
		r.fixErr = err
		r.original, r.fixed, r.applied = nil, nil, 0
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

// checkOutputPaths refuses an output file that is one of the inputs or a
// configuration file in use: the report would overwrite it.
func checkOutputPaths(outputs []output, inputs []input, configs *config.Resolver) error {
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

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func cmdRules(args []string, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		fmt.Fprintln(stderr, "greylint: usage: greylint rules")
		return exitUsage
	}
	// Columns as wide as their longest entry, so that long IDs align.
	width, fixWidth := len("RULE"), len("FIX")
	for _, r := range rules.All() {
		width, fixWidth = max(width, len(r.ID)), max(fixWidth, len(rules.FixColumn(r)))
	}
	fmt.Fprintf(stdout, "%-*s  %-8s  %-*s  %s\n", width, "RULE", "SEVERITY", fixWidth, "FIX", "SUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(stdout, "%-*s  %-8s  %-*s  %s\n", width, r.ID, r.Severity, fixWidth, rules.FixColumn(r), r.Summary)
	}
	return exitOK
}

func cmdExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "greylint: usage: greylint explain <rule-id> (greylint rules lists them)")
		return exitUsage
	}
	r := rules.ByID(args[0])
	if r == nil {
		var ids []string
		for _, x := range rules.All() {
			ids = append(ids, x.ID)
		}
		msg := fmt.Sprintf("greylint: no rule %q", args[0])
		if s := lint.Suggest(args[0], ids); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		fmt.Fprintln(stderr, msg+" (greylint rules lists them)")
		return exitUsage
	}
	fmt.Fprint(stdout, rules.Explain(r))
	return exitOK
}

func cmdSchema(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || schema.Get(args[0]) == nil {
		fmt.Fprintln(stderr, "greylint: usage: greylint schema config|applications|greylint")
		return exitUsage
	}
	stdout.Write(schema.Get(args[0]).JSON())
	return exitOK
}
