package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
	"github.com/greylint/greylint/rules/catalogue"
	"github.com/greylint/greylint/schema"
)

// A command is a subcommand: greylint <name> <args>.
type command struct {
	name, args, summary string
	run                 func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	commands = []command{
		{"rules", "[--format text|json]", "list the rules: ID, default severity, the fixes they offer, summary", cmdRules},
		{"explain", "<rule-id | catalogue entry>", "print a rule's documentation; for a catalogue entry (GH001, XR3), the rules that check it", cmdExplain},
		{"schema", "config|applications|greylint", "print a JSON Schema, for yaml-language-server and other tools (greylint: .greylint.yaml)", cmdSchema},
		{"graph", "[--format svg|dot|mermaid] [path ...]", "draw the deployment (builds, workloads, rules, configmaps, volumes, environments) as SVG, DOT or Mermaid", cmdGraph},
		{"lsp", "[--stdio]", "run the language server on standard input and output", cmdLSP},
		{"init", "", "write a commented .greylint.yaml in the current directory", cmdInit},
		{"version", "", "print the version", cmdVersion},
		{"help", "[command]", "print this help, or a command's", cmdHelp},
	}
}

func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// dispatch runs the subcommand args[0] names, and reports whether there
// was one. "<command> -h" and "--help" print the command's usage.
func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	c := findCommand(args[0])
	if c == nil {
		return notACommand(args, stderr)
	}
	if slices.Contains(args[1:], "-h") || slices.Contains(args[1:], "--help") {
		commandUsage(stdout, c)
		return exitOK, true
	}
	return c.run(args[1:], stdin, stdout, stderr), true
}

var commandLike = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// lintVerbs are the commands other linters lint with; greylint lints with
// no command at all, which is what a user typing one of them wants to hear
// (edit distance alone suggested "greylint init", which writes a file).
var lintVerbs = []string{"lint", "check", "run", "scan", "validate", "verify"}

// notACommand reports a first argument that reads like a command (a bare
// word) and is not a file or directory either: a mistyped command (lintt,
// rule) is a usage error with a suggestion, not "cannot read lintt".
func notACommand(args []string, stderr io.Writer) (int, bool) {
	arg := args[0]
	if !commandLike.MatchString(arg) {
		return 0, false
	}
	if _, err := os.Lstat(arg); err == nil {
		return 0, false // a file or directory of that name: lint it
	}
	if slices.Contains(lintVerbs, arg) {
		run := "greylint (this repository's .greyhound/) or greylint PATH..."
		if len(args) > 1 {
			run = "greylint " + visible(strings.Join(args[1:], " "))
		}
		sayf(stderr, "%q is not a command: greylint lints by default, with no command; run %s", arg, run)
		return exitUsage, true
	}
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("%q is neither a command nor a file or directory", arg)
	if g := lint.GuessName(arg, names); len(g.Names) > 0 {
		msg += fmt.Sprintf("; did you mean greylint %s?", strings.Join(g.Names, " or greylint "))
	}
	sayf(stderr, "%s (greylint help lists the commands)", msg)
	return exitUsage, true
}

func commandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: greylint %s %s\n\n%s.\n", c.name, c.args, rules.SentenceStart(c.summary))
	if c.name == "graph" {
		fmt.Fprint(w, graphUsage)
	}
	if c.name == "rules" {
		fmt.Fprintln(w, "\nFlags:\n  --format text|json   the table (default), or a JSON array of {id, severity, fix, summary, kinds, docs}")
	}
}

func cmdHelp(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		fl := newFlags(&options{})
		fl.SetOutput(stdout)
		fl.Usage()
		return exitOK
	case 1:
		if c := findCommand(args[0]); c != nil {
			commandUsage(stdout, c)
			return exitOK
		}
		sayf(stderr, "no command %q (greylint help lists them)", args[0])
	default:
		sayf(stderr, "usage: greylint help [command]")
	}
	return exitUsage
}

func cmdVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		sayf(stderr, "usage: greylint version")
		return exitUsage
	}
	fmt.Fprintf(stdout, "greylint %s\n", version())
	return exitOK
}

func cmdRules(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	format := "text"
	switch {
	case len(args) == 0:
	case len(args) == 2 && args[0] == "--format", len(args) == 1 && strings.HasPrefix(args[0], "--format="):
		format = strings.TrimPrefix(args[len(args)-1], "--format=")
	default:
		sayf(stderr, "usage: greylint rules [--format text|json]")
		return exitUsage
	}
	switch format {
	case "json":
		type jsonRule struct {
			ID       string   `json:"id"`
			Severity string   `json:"severity"`
			Fix      string   `json:"fix"`
			Summary  string   `json:"summary"`
			Kinds    []string `json:"kinds"`
			Docs     string   `json:"docs"`
		}
		out := []jsonRule{}
		for _, r := range rules.All() {
			kinds := []string{}
			for _, k := range r.Kinds {
				kinds = append(kinds, k.String())
			}
			out = append(out, jsonRule{r.ID, r.Severity.String(), rules.FixColumn(r), r.Summary, kinds, rules.DocsURL + "#" + r.ID})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitFailure
		}
	case "text":
		// Columns as wide as their longest entry, so that long IDs align.
		width, fixWidth := len("RULE"), len("FIX")
		for _, r := range rules.All() {
			width, fixWidth = max(width, len(r.ID)), max(fixWidth, len(rules.FixColumn(r)))
		}
		fmt.Fprintf(stdout, "%-*s  %-8s  %-*s  %s\n", width, "RULE", "SEVERITY", fixWidth, "FIX", "SUMMARY")
		for _, r := range rules.All() {
			fmt.Fprintf(stdout, "%-*s  %-8s  %-*s  %s\n", width, r.ID, r.Severity, fixWidth, rules.FixColumn(r), r.Summary)
		}
	default:
		sayf(stderr, "unknown --format %q for rules: use text or json", format)
		return exitUsage
	}
	return exitOK
}

// cmdExplain prints a rule's section of docs/rules.md, or, for an entry of
// the format reference's catalogue (GH001, XR3, which rule summaries
// mention), what checks it and the sections of those rules.
func cmdExplain(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		sayf(stderr, "usage: greylint explain <rule-id | catalogue entry> (greylint rules lists the rules)")
		return exitUsage
	}
	if r := rules.ByID(args[0]); r != nil {
		fmt.Fprint(stdout, catalogue.ExplainText(r))
		return exitOK
	}
	for _, c := range catalogue.Catalogue {
		if !strings.EqualFold(c.ID, args[0]) {
			continue
		}
		fmt.Fprintf(stdout, "# catalogue entry %s\n\n", c.ID)
		switch {
		case len(c.Rules) == 0:
			fmt.Fprintf(stdout, "No rule checks it: %s.\n", c.Note)
		default:
			var ids []string
			for _, r := range c.Rules {
				ids = append(ids, r.ID)
			}
			fmt.Fprintf(stdout, "Checked by %s.", strings.Join(ids, ", "))
			if c.Note != "" {
				fmt.Fprintf(stdout, " %s.", rules.SentenceStart(c.Note))
			}
			fmt.Fprintln(stdout)
			for _, r := range c.Rules {
				fmt.Fprint(stdout, "\n"+catalogue.ExplainText(r))
			}
		}
		return exitOK
	}
	var ids []string
	for _, x := range rules.All() {
		ids = append(ids, x.ID)
	}
	msg := fmt.Sprintf("no rule or catalogue entry %q", args[0])
	if s := lint.Suggest(args[0], ids); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	sayf(stderr, "%s (greylint rules lists the rules)", msg)
	return exitUsage
}

func cmdSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 || schema.Get(args[0]) == nil {
		sayf(stderr, "usage: greylint schema config|applications|greylint")
		return exitUsage
	}
	stdout.Write(schema.Get(args[0]).JSON())
	return exitOK
}
