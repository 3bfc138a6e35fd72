package rules

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/testtool"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/shellcheck"
)

// needShellcheck skips a test where shellcheck is not installed, except in
// CI (CI set), where .ci/run installs it. Unlike testtool.Need, it does not
// skip under make mutation: the rule's part (which scripts, their dialect,
// the neutralized text, the positions of the findings) is reachable only
// through shellcheck, and these tests cost a dozen short shellcheck runs
// (its findings are cached by script), about 0.2 s of CPU per mutant.
func needShellcheck(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("shellcheck"); err != nil {
		testtool.Missing(t, "shellcheck is not installed (apt-get install shellcheck)", err)
	}
}

// scriptStyles writes value as a YAML scalar in every style that can carry
// it, several ways each: yaml.v3's encoder in the five styles, and by hand
// double quotes with escapes, escaped line breaks and folded breaks, single
// quotes with folded breaks, folded and literal blocks. indent is the
// column of continuation lines. Each result is a scalar's text for the
// place of a block sequence item at that indentation.
func scriptStyles(t *testing.T, value, indent string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, st := range map[string]yaml.Style{"plain": 0, "double": yaml.DoubleQuotedStyle, "single": yaml.SingleQuotedStyle, "literal": yaml.LiteralStyle, "folded": yaml.FoldedStyle} {
		b, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: st})
		if err != nil {
			t.Fatal(err)
		}
		s := strings.TrimSuffix(string(b), "\n")
		out["yaml.v3 "+name] = strings.ReplaceAll(s, "\n", "\n"+indent)
	}
	// Double quotes: line breaks as \n; as a folded break (an empty line);
	// words joined by an escaped break; every tab, quote and non-ASCII
	// character escaped.
	dq := func(nl string, esc func(r rune) string, space string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range value {
			switch {
			case r == '\n':
				b.WriteString(nl)
			case r == ' ':
				b.WriteString(space)
			case esc(r) != "":
				b.WriteString(esc(r))
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	basic := func(r rune) string {
		switch r {
		case '"', '\\':
			return `\` + string(r)
		case '\t':
			return `\t`
		}
		return ""
	}
	all := func(r rune) string {
		if r > 0x7e || r == '\t' {
			return fmt.Sprintf(`\u%04x`, r)
		}
		return basic(r)
	}
	out["double \\n"] = dq(`\n`, basic, " ")
	out["double folded"] = dq("\n"+indent+"\n"+indent, basic, " ")
	out["double continued"] = dq(`\n\`+"\n"+indent, basic, "\\\n"+indent+`\ `)
	out["double escaped"] = dq(`\x0a`, all, `\x20`)
	out["double space folds"] = dq("\n\n"+indent, basic, " \n"+indent)
	// Single quotes: breaks as empty lines, ' doubled.
	sq := "'" + strings.ReplaceAll(strings.ReplaceAll(value, "'", "''"), "\n", "\n\n"+indent) + "'"
	if !strings.Contains(value, "\t") {
		out["single folded"] = sq
	}
	// Block scalars.
	lines := strings.Split(strings.TrimSuffix(value, "\n"), "\n")
	out["literal"] = "|-\n" + indent + strings.Join(lines, "\n"+indent)
	out["literal keep"] = "|+\n" + indent + strings.Join(lines, "\n"+indent) + "\n"
	out["folded"] = ">-\n" + indent + strings.Join(lines, "\n\n"+indent)
	// Plain: one line, or lines folded by empty lines, when nothing in the
	// value is plain syntax.
	if !strings.ContainsAny(value, "\t#:'\"") && !strings.HasPrefix(value, " ") {
		out["plain folded"] = strings.Join(lines, "\n\n"+indent)
	}
	return out
}

// The scripts of the property: rm -rf $DIR/ after a line of the things
// that change widths: a tab, a multi-byte character, a greyhound
// placeholder, a Kubernetes reference to a container variable, $$.
var shellcheckScripts = []string{
	"rm -rf $DIR/",
	"echo start\nrm -rf $DIR/",
	"echo ${commit.sha} é\n\tcd /tmp && rm -rf $DIR/",
	"echo é\t${commit.sha} $(APP_ENV) && rm -rf $DIR/",
	"echo $(APP_ENV) \"x\" 'y' $$\n\n  rm -rf $DIR/ # done",
}

// TestShellcheckPositions: in every scalar style, in a block list and a
// flow list, under bash -c and sh -ec, rm -rf $DIR/ gives SC2115 on
// "$DIR/" and SC2086 on "$DIR" exactly, or on the whole scalar where the
// style writes a part of them differently (an escape).
func TestShellcheckPositions(t *testing.T) {
	needShellcheck(t)
	cases := 0
	for _, script := range shellcheckScripts {
		for _, form := range []string{"block", "flow"} {
			indent := "        "
			if form == "flow" {
				indent = "      "
			}
			for style, scalar := range scriptStyles(t, script, indent) {
				if form == "flow" && (strings.HasPrefix(scalar, "|") || strings.HasPrefix(scalar, ">") || !strings.HasPrefix(scalar, `"`) && !strings.HasPrefix(scalar, "'")) {
					continue // block scalars and plain text with ", " are not flow items
				}
				for _, shell := range []string{"bash", "sh"} {
					var src string
					if form == "block" {
						src = "jobs:\n  - name: cleanup\n    image: alpine\n    env:\n      - name: APP_ENV\n        value: prod\n    command:\n      - " + shell + "\n      - -ec\n      - " + scalar + "\n"
					} else {
						src = "jobs:\n  - name: cleanup\n    image: alpine\n    env:\n      - name: APP_ENV\n        value: prod\n    command: [" + shell + ", -ec,\n      " + scalar + "]\n"
					}
					name := fmt.Sprintf("%q/%s/%s/%s", script, form, style, shell)
					if checkShellcheckCase(t, name, src, script) {
						cases++
					}
				}
			}
		}
	}
	t.Logf("%d cases", cases)
	if cases < 150 {
		t.Fatalf("only %d cases generated", cases)
	}
}

// checkShellcheckCase checks one case; false when the generated text does
// not read as the script (an encoding the generator cannot make there).
func checkShellcheckCase(t *testing.T, name, src, script string) bool {
	t.Helper()
	doc, err := lint.Parse([]byte(src))
	if err != nil {
		t.Fatalf("%s: does not parse: %v\n%s", name, err, src)
	}
	// The generated text must mean the script (else the case is wrong).
	var scalar *yaml.Node
	var find func(n *yaml.Node)
	find = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && strings.TrimRight(n.Value, "\n") == script {
			scalar = n
		}
		for _, c := range n.Content {
			find(c)
		}
	}
	find(doc.Root)
	if scalar == nil {
		t.Logf("%s: no scalar reads as the script; case left out", name)
		return false
	}
	whole := doc.Range(scalar)
	// The map itself: every located byte is the value's byte.
	for i := range len(scalar.Value) {
		if r, ok := doc.LocateValue(scalar, i, i+1); ok && src[r.Start] != scalar.Value[i] {
			t.Fatalf("%s: value byte %d %q mapped to source %d %q", name, i, scalar.Value[i], r.Start, src[r.Start])
		}
	}
	diags := lint.Run(context.Background(), &lint.File{Path: "config.yaml", Source: []byte(src)}, &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: ShellcheckAuto})
	want := map[string]string{"shellcheck/SC2115": "$DIR/", "shellcheck/SC2086": "$DIR"}
	for _, d := range diags {
		text, ok := want[d.Rule]
		if !ok {
			continue
		}
		delete(want, d.Rule)
		got := src[d.Range.Start:d.Range.End]
		exact := strings.Count(src[whole.Start:whole.End], text) == 1
		switch {
		case exact && got != text:
			line, col := doc.Lines.LineCol(d.Range.Start)
			t.Errorf("%s: %s at %d:%d %q, want %q\n%s", name, d.Rule, line, col, got, text, src)
		case !exact && d.Range != whole:
			t.Errorf("%s: %s at %q, want the whole scalar (its text is escaped)\n%s", name, d.Rule, got, src)
		}
	}
	for rule := range want {
		t.Errorf("%s: no %s in %v\n%s", name, rule, diags, src)
	}
	return true
}

// TestShellcheckOneProcessPerBatch: the scripts of a file go to one
// shellcheck process, and a script already checked runs none.
func TestShellcheckOneProcessPerBatch(t *testing.T) {
	needShellcheck(t)
	var src strings.Builder
	src.WriteString("jobs:\n")
	for i := range 5 {
		fmt.Fprintf(&src, "  - name: j%d\n    image: alpine\n    command: [bash, -c, 'rm -rf $D%d/']\n", i, i)
	}
	r, err := shellcheck.For("")
	if err != nil || r == nil {
		t.Fatal(r, err)
	}
	before := r.Started()
	run := func() int {
		diags := lint.Run(context.Background(), &lint.File{Path: "config.yaml", Source: []byte(src.String())}, &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: ShellcheckAuto})
		n := 0
		for _, d := range diags {
			if d.Rule == "shellcheck/SC2115" {
				n++
			}
		}
		return n
	}
	if n := run(); n != 5 {
		t.Errorf("%d SC2115 findings, want 5", n)
	}
	if r.Started()-before != 1 {
		t.Errorf("%d shellcheck runs for 5 scripts, want 1", r.Started()-before)
	}
	if n := run(); n != 5 || r.Started()-before != 1 {
		t.Errorf("again: %d findings, %d runs; want 5 from the cache, no new run", n, r.Started()-before)
	}
}

// A member's severity in the configuration wins over shellcheck's level,
// and a member turned off is not reported; shellcheck's levels map to
// greylint's.
func TestShellcheckMemberSeverity(t *testing.T) {
	needShellcheck(t)
	src := "jobs:\n  - name: j\n    image: alpine\n    command: [sh, -c, 'rm -rf $DIR/; echo $X']\n"
	lintWith := func(sev map[string]lint.Severity) map[string][]lint.Severity {
		got := map[string][]lint.Severity{}
		for _, d := range lint.Run(context.Background(), &lint.File{Path: "c.yaml", Source: []byte(src)}, &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: ShellcheckAuto, Severity: sev}) {
			got[d.Rule] = append(got[d.Rule], d.Severity)
		}
		return got
	}
	got := lintWith(nil)
	if fmt.Sprint(got["shellcheck/SC2115"]) != fmt.Sprint([]lint.Severity{lint.Warning}) || fmt.Sprint(got["shellcheck/SC2086"]) != fmt.Sprint([]lint.Severity{lint.Info, lint.Info}) {
		t.Errorf("default severities: %v", got)
	}
	got = lintWith(map[string]lint.Severity{"shellcheck/SC2086": lint.Error, "shellcheck/SC2115": lint.Off})
	if len(got["shellcheck/SC2115"]) != 0 || fmt.Sprint(got["shellcheck/SC2086"]) != fmt.Sprint([]lint.Severity{lint.Error, lint.Error}) {
		t.Errorf("configured severities: %v", got)
	}
	got = lintWith(map[string]lint.Severity{"shellcheck": lint.Off})
	if len(got) != 0 {
		t.Errorf("the family turned off still reports %v", got)
	}
}
