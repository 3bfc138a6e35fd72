package playground

import (
	"bytes"
	"context"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/greylint/greylint/graph"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// Paths are where the two files sit in the project the page lints: the
// kind of each follows from its name, as in a checkout.
const (
	ConfigPath       = ".greyhound/config.yaml"
	ApplicationsPath = ".greyhound/applications.yaml"
)

// MaxSize bounds each text, as the CLI's --max-file-size does (the
// page is for pasting a file, not for a generated one).
const MaxSize = 1 << 20

// Output is what the page shows.
type Output struct {
	Files []FileOutput `json:"files"`
	Graph string       `json:"graph"` // SVG
}

// FileOutput is one file's findings and fixes.
type FileOutput struct {
	Path     string    `json:"path"`
	Kind     string    `json:"kind"`
	Findings []Finding `json:"findings"`
	Fixed    string    `json:"fixed"` // the text after the safe fixes (= the input when none applies)
	Diff     string    `json:"diff"`  // unified diff of Fixed against the input; "" when none
}

// Finding is a diagnostic as the CLI's JSON has it (line and column
// counted as the CLI counts them), with its range also in UTF-16 code
// units of the text, which is how JavaScript indexes a string.
type Finding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	From      int    `json:"from"` // UTF-16 offsets
	To        int    `json:"to"`
	Fixes     []Fix  `json:"fixes,omitempty"`
}

// Fix is one fix of a finding: its edits in UTF-16 offsets.
type Fix struct {
	Title  string `json:"title"`
	Safety string `json:"safety"` // safe, unsafe or manual
	Edits  []Edit `json:"edits"`
}

// Edit replaces [From, To) of the text with Text.
type Edit struct {
	From int    `json:"from"`
	To   int    `json:"to"`
	Text string `json:"text"`
}

// Lint lints the two files with every rule, as the CLI does with its
// default configuration. The cross-file checks (an application's
// config_source in another repository) are not run: the page holds no
// checkout.
func Lint(config, applications string) Output {
	var out Output
	var files []graph.File
	for _, f := range []struct{ path, text string }{{ConfigPath, config}, {ApplicationsPath, applications}} {
		fo, res := lintFile(f.path, []byte(f.text))
		out.Files = append(out.Files, fo)
		if res != nil {
			files = append(files, graph.File{Path: f.path, Result: res})
		}
	}
	var svg bytes.Buffer
	graph.New(files).Write(&svg, "svg")
	out.Graph = svg.String()
	return out
}

func lintFile(path string, src []byte) (FileOutput, *lint.Result) {
	fo := FileOutput{Path: path, Findings: []Finding{}, Fixed: string(src)}
	if len(src) > MaxSize {
		fo.Findings = append(fo.Findings, Finding{Rule: lint.FileTooLarge.ID, Severity: lint.FileTooLarge.Severity.String(),
			Message: "the text is larger than the playground's 1 MiB; it was not checked: run greylint on it", Line: 1, Column: 1, EndLine: 1, EndColumn: 1})
		return fo, nil
	}
	ctx := context.Background()
	cfg := &lint.Config{Rules: rules.All()}
	file := &lint.File{Path: path, Source: src}
	res := lint.Analyze(ctx, file, cfg)
	fo.Kind = res.Kind.String()
	u16 := utf16Offsets(src)
	l := res.Doc.Lines
	for _, d := range res.Diagnostics {
		sl, sc := l.LineCol(d.Range.Start)
		el, ec := l.LineCol(d.Range.End)
		f := Finding{Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message, Line: sl, Column: sc, EndLine: el, EndColumn: ec,
			From: u16(d.Range.Start), To: u16(d.Range.End)}
		for _, x := range d.Fixes {
			fx := Fix{Title: x.Title, Safety: x.Safety.String(), Edits: []Edit{}}
			for _, e := range x.Edits {
				fx.Edits = append(fx.Edits, Edit{From: u16(e.Range.Start), To: u16(e.Range.End), Text: e.NewText})
			}
			f.Fixes = append(f.Fixes, fx)
		}
		fo.Findings = append(fo.Findings, f)
	}
	if fixed := lint.FixFile(ctx, file, cfg, res, false); fixed != nil && !bytes.Equal(fixed.Source, src) {
		fo.Fixed = string(fixed.Source)
		fo.Diff = string(diff.Diff("a/"+path, src, "b/"+path, fixed.Source))
	}
	return fo, res
}

// utf16Offsets returns the conversion of byte offsets of src to UTF-16
// offsets, from one pass over src. A string from JavaScript is valid
// UTF-8 (syscall/js encodes it); an invalid byte counts as one unit, as
// the U+FFFD a decoder would put for it.
func utf16Offsets(src []byte) func(int) int {
	at := make([]int32, len(src)+1)
	n := int32(0)
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		for k := range size {
			at[i+k] = n // inside a character: its start
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	at[len(src)] = n
	return func(off int) int { return int(at[min(max(off, 0), len(src))]) }
}
