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
	"slices"
	"strings"
	"sync"

	"github.com/spf13/pflag"

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
	diff          bool
	version       bool
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
	configs := &configs{explicit: o.config, strict: o.strict, loaded: map[string]*loadedConfig{}}
	results, skipped := lintAll(inputs, kind, configs, o.fix, o.diff)
	results = append(configs.results(), results...)
	code := exitOK
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "greylint: %v\n", r.err)
			code = exitFailure
		}
	}
	if o.diff {
		for _, r := range results {
			if r.fixed != nil {
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
	writeSummary(stderr, results, skipped)
	if configs.broken {
		return exitUsage
	}
	if code != exitOK {
		return code
	}
	for _, r := range results {
		for _, d := range r.diags {
			if d.Rule == "internal" {
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
	fl.BoolVar(&o.fix, "fix", false, "apply every certain fix to the files (atomically), then report what is left")
	fl.BoolVar(&o.diff, "diff", false, "with --fix: print the fixes as a unified diff instead of writing the files")
	fl.BoolVarP(&o.version, "version", "v", false, "print the version and exit")
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
	diags    []lint.Diagnostic
	err      error
	original []byte // with --fix: the text before fixing, when a fix applied
	fixed    []byte // with --fix: the text after fixing
}

// lintAll lints the inputs concurrently; the results are sorted by path.
// Files the configuration ignores entirely are skipped (and counted).
func lintAll(inputs []input, kind lint.Kind, configs *configs, fix, diff bool) ([]*result, int) {
	results := make([]*result, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = lintOne(in, kind, configs, fix, diff)
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

func lintOne(in input, kind lint.Kind, configs *configs, fix, diff bool) *result {
	cfgFile := configs.forPath(in.path)
	if all, _ := cfgFile.Skip(in.path); all {
		return nil
	}
	cfg := cfgFile.Lint(in.path)
	cfg.Strict = cfg.Strict || configs.strict
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
	res := lint.Analyze(context.Background(), file, cfg)
	if fix {
		fixed, fixedRes := fixUntilStable(file, cfg, res)
		if !bytes.Equal(fixed, r.src) {
			r.original, r.fixed = r.src, fixed
			if !diff {
				if err := writeAtomic(in.path, r.src, fixed); err != nil {
					r.err = err
					return r
				}
			}
			r.src, res = fixed, fixedRes
		}
	}
	r.diags, r.lines = res.Diagnostics, res.Doc.Lines
	return r
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
	for _, r := range rules.All() {
		fmt.Fprintf(stdout, "%-26s %-8s %s\n", r.ID, r.Severity, r.Summary)
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
