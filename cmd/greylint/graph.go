package main

import (
	"errors"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/graph"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/workspace"
)

const graphUsage = `
The paths are what greylint lints (files, directories; none: this
repository's .greyhound/), found and read the same way. Each file is a
band: builds, configmaps, ingress rules and applications on top, shared
volumes and environments below them, services and jobs at the bottom; an
edge goes from a definition to what uses it. A reference the linter
reports (unknown-build, unknown-service, ...) is drawn in red, to a
dashed box when nothing defines the name.

Flags:
  -f, --format svg|dot|mermaid   svg (default): drawn by greylint, no Graphviz
                                 needed; dot: for Graphviz; mermaid: for
                                 Markdown that renders Mermaid
`

// cmdGraph draws the deployment of the files greylint would lint. It
// lints them as the plain command does (discovery, reading, the
// configuration, the cross-file checks) and draws what the analysis left:
// the model's symbols and the reference rules' findings.
func cmdGraph(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := pflag.NewFlagSet("greylint graph", pflag.ContinueOnError)
	fl.SetOutput(io.Discard)
	format := fl.StringP("format", "f", "svg", "")
	if err := fl.Parse(args); err != nil {
		sayf(stderr, "%v (greylint help graph)", err)
		return exitUsage
	}
	if !slices.Contains(graph.Formats, *format) {
		sayf(stderr, "unknown --format %q for graph: use svg, dot or mermaid", visible(*format))
		return exitUsage
	}
	var dv discovery
	inputs, err := discover(fl.Args(), "", stdin, workspace.DefaultMaxFileSize, &dv)
	for _, s := range dv.Messages {
		sayf(stderr, "%s", visible(s))
	}
	if err != nil {
		sayf(stderr, "%v", visible(err.Error()))
		if errors.As(err, new(usageError)) {
			return exitUsage
		}
		return exitFailure
	}
	configs := &config.Resolver{}
	set := &workspace.Set{Configs: configs}
	inputs = withReferencedConfigs(inputs, set, &dv)
	inputs = distinct(inputs) // a file named twice is drawn once
	for _, in := range inputs {
		configs.Load(in.path)
	}
	if configs.Broken() {
		sayf(stderr, "the configuration has errors (greylint lists them); nothing was drawn")
		return exitUsage
	}
	results, _ := lintAll(inputs, lint.KindUnknown, set, fixMode{keep: true})
	code := exitOK
	if dv.Unreadable {
		code = exitFailure
	}
	var files []graph.File
	for _, r := range results {
		if r.err != nil {
			sayf(stderr, "%s", visible(r.err.Error()))
			code = exitFailure
		}
		if r.res != nil {
			files = append(files, graph.File{Path: displayPath(r.path), Result: r.res})
		}
	}
	if err := graph.New(files).Write(stdout, *format); err != nil {
		sayf(stderr, "%v", err)
		return exitFailure
	}
	return code
}
