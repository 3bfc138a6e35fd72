package rules

import (
	"context"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/shellcheck"
)

// TestShellcheckCommentRanges holds commentRange, which places a
// shellcheck comment (1-based lines, columns in characters, a tab one) in
// the file, to every position of a script without shellcheck: in a
// literal block, where every character is written as it is, a comment on
// one character is that character's text, an empty comment sits where the
// character starts, and a comment from one character to another spans
// them; a comment that is no place in the script (line or column 0, a
// line past the end, a column two past a line's end, an end before the
// start) or on text the script does not have is the whole scalar.
func TestShellcheckCommentRanges(t *testing.T) {
	script := "echo é\tx\n\tcd /tmp && rm -rf $D/\nlast é"
	src := "jobs:\n  - name: j\n    image: alpine\n    command:\n      - sh\n      - -c\n      - |-\n        " +
		"echo é\tx\n        \tcd /tmp && rm -rf $D/\n        last é\n"
	doc, err := lint.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var n *yaml.Node
	var find func(*yaml.Node)
	find = func(x *yaml.Node) {
		if x.Kind == yaml.ScalarNode && x.Value == script {
			n = x
		}
		for _, c := range x.Content {
			find(c)
		}
	}
	find(doc.Root)
	if n == nil {
		t.Fatalf("no scalar holds the script in\n%s", src)
	}
	whole := doc.Range(n)
	lines := lint.NewLines([]byte(script))
	// pos is the 1-based line and character column of byte o.
	pos := func(o int) (int, int) {
		line, col := 1, 1
		for i, r := range script {
			if i == o {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return line, col
	}
	at := func(c shellcheck.Comment) lint.Range { return commentRange(doc, n, script, lines, c) }
	var starts []int // the byte offset of each character
	for o := range script {
		starts = append(starts, o)
	}
	one := map[int]lint.Range{}
	for _, o := range starts {
		_, size := utf8.DecodeRuneInString(script[o:])
		l, c := pos(o)
		r := at(shellcheck.Comment{Line: l, Column: c, EndLine: l, EndColumn: c + 1})
		if script[o] != '\n' { // a line break ends its line: the next column is on no line
			if got := src[r.Start:r.End]; got != script[o:o+size] {
				t.Errorf("comment on %d:%d (%q): at %q, %v", l, c, script[o:o+size], got, r)
			}
		}
		one[o] = r
		if z := at(shellcheck.Comment{Line: l, Column: c, EndLine: l, EndColumn: c}); z != (lint.Range{Start: r.Start, End: r.Start}) && script[o] != '\n' {
			t.Errorf("empty comment at %d:%d: %v, want at %d", l, c, z, r.Start)
		}
	}
	for i, a := range starts {
		for _, b := range starts[i+1:] {
			if script[a] == '\n' || script[b] == '\n' {
				continue
			}
			la, ca := pos(a)
			lb, cb := pos(b)
			r := at(shellcheck.Comment{Line: la, Column: ca, EndLine: lb, EndColumn: cb + 1})
			if want := (lint.Range{Start: one[a].Start, End: one[b].End}); r != want {
				t.Errorf("comment %d:%d-%d:%d: %v (%q), want %v", la, ca, lb, cb+1, r, src[r.Start:r.End], want)
			}
		}
	}
	lastLine := 3
	for _, c := range []shellcheck.Comment{
		{Line: 0, Column: 1, EndLine: 1, EndColumn: 2},
		{Line: 1, Column: 0, EndLine: 1, EndColumn: 2},
		{Line: 1, Column: 1, EndLine: 1, EndColumn: 0},
		{Line: lastLine + 1, Column: 1, EndLine: lastLine + 1, EndColumn: 2},
		{Line: 1, Column: 1, EndLine: lastLine + 1, EndColumn: 1},
		{Line: 1, Column: 10, EndLine: 1, EndColumn: 10}, // "echo é\tx" has 8 characters: column 10 is two past
		{Line: 2, Column: 3, EndLine: 2, EndColumn: 2},
		{Line: 2, Column: 3, EndLine: 1, EndColumn: 4},
	} {
		if r := at(c); r != whole {
			t.Errorf("comment %+v is no place in the script: %v, want the whole scalar %v", c, r, whole)
		}
	}
	// A script of another length (the neutralized text must keep the
	// value's) is placed nowhere but on the whole scalar.
	if r := commentRange(doc, n, script+"x", lint.NewLines([]byte(script+"x")), shellcheck.Comment{Line: 1, Column: 1, EndLine: 1, EndColumn: 2}); r != whole {
		t.Errorf("a text of another length: %v", r)
	}
}

// TestShellcheckDialects: a script with [[ ]] (bash and ksh have it, POSIX
// sh warns, dash fails) as a configmap entry, each name (.sh, .bash, other)
// with each shebang or none, and as the script of each shell's -c: the
// dialect shellcheck is given is the shebang's, else the name's (.bash),
// else sh's; the command's shell by its base name; zsh's is checked not at
// all, and an entry that is no shell file neither. No script crashes it.
func TestShellcheckDialects(t *testing.T) {
	needShellcheck(t)
	const body = `[[ -n "$A" ]] && echo "$A"`
	cfg := &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: ShellcheckAuto}
	severityOf := func(src string) string {
		var got []string
		for _, d := range lint.Run(context.Background(), &lint.File{Path: "config.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg) {
			if d.Rule == lint.Internal.ID {
				t.Errorf("crash: %s\n%s", d.Message, src)
			}
			if d.Rule == "shellcheck/SC3010" {
				got = append(got, d.Severity.String())
			}
		}
		return strings.Join(got, ",")
	}
	want := map[string]string{"sh": lint.Warning.String(), "dash": lint.Error.String(), "bash": "", "ksh": "", "": ""}
	shebangs := map[string]string{"": "", "#!/bin/sh": "sh", "#!/bin/bash": "bash", "#!/usr/bin/env bash": "bash", "#!/bin/dash": "dash", "#!/bin/zsh": "", "#!/bin/ksh": "ksh", "#!/bin/mksh": "ksh"}
	for _, key := range []string{"run.sh", "run.bash", "run.conf"} {
		for shebang, dialect := range shebangs {
			switch {
			case shebang != "":
			case strings.HasSuffix(key, ".bash"):
				dialect = "bash"
			case strings.HasSuffix(key, ".sh"):
				dialect = "sh"
			default:
				dialect = "" // no shell file
			}
			text := body
			if shebang != "" {
				text = shebang + "\n" + body
			}
			src := "configmaps:\n  - name: scripts\n    data:\n      " + key + ": |\n        " + strings.ReplaceAll(text, "\n", "\n        ") + "\n"
			if got := severityOf(src); got != want[dialect] {
				t.Errorf("%s with %q: SC3010 %q, want %q (dialect %q)", key, shebang, got, want[dialect], dialect)
			}
		}
	}
	for _, shell := range []string{"sh", "/bin/sh", "bash", "/usr/bin/bash", "dash", "ash", "ksh", "mksh", "zsh"} {
		dialect := dialects[path.Base(shell)]
		src := "jobs:\n  - name: j\n    image: alpine\n    command: [" + shell + ", -c, '" + body + "']\n"
		if got := severityOf(src); got != want[dialect] {
			t.Errorf("%s -c: SC3010 %q, want %q", shell, got, want[dialect])
		}
	}
	// A script that ends in "$" (Kubernetes' $$ is looked for up to the
	// last character).
	severityOf("jobs:\n  - name: j\n    image: alpine\n    command: [sh, -c, 'echo $']\n")
}

// TestURL: every rule's page is its section of the rules reference; a
// shellcheck code's (four digits, no more, no less) is shellcheck's wiki.
func TestURL(t *testing.T) {
	for _, r := range All() {
		if got := URL(r.ID); got != DocsURL+"#"+r.ID {
			t.Errorf("URL(%s) = %s", r.ID, got)
		}
	}
	for id, want := range map[string]string{
		"shellcheck/SC2086":  "https://www.shellcheck.net/wiki/SC2086",
		"shellcheck/SC0000":  "https://www.shellcheck.net/wiki/SC0000",
		"shellcheck/SC208":   DocsURL + "#shellcheck/SC208",
		"shellcheck/SC20861": DocsURL + "#shellcheck/SC20861",
		"shellcheck":         DocsURL + "#shellcheck",
		"SC2086":             DocsURL + "#SC2086",
	} {
		if got := URL(id); got != want {
			t.Errorf("URL(%s) = %s, want %s", id, got, want)
		}
	}
}

// TestShellcheckMissingProgram: a shellcheck named in the configuration
// but missing is reported once, on a file's first script (none without
// one), and the rule counts as run for it; the engine's zero
// configuration runs none.
func TestShellcheckMissingProgram(t *testing.T) {
	missing := &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: t.TempDir() + "/no-shellcheck"}
	if !Shellcheck.Runs(missing) || Shellcheck.Runs(&lint.Config{}) {
		t.Errorf("Runs: %v for a missing program, %v for none", Shellcheck.Runs(missing), Shellcheck.Runs(&lint.Config{}))
	}
	src := "jobs:\n  - name: a\n    image: alpine\n    command: [sh, -c, 'echo a']\n  - name: b\n    image: alpine\n    command: [sh, -c, 'echo b']\n"
	diags := lint.Run(context.Background(), &lint.File{Path: "config.yaml", Kind: lint.KindConfig, Source: []byte(src)}, missing)
	if len(diags) != 1 || diags[0].Rule != Shellcheck.ID || src[diags[0].Range.Start:diags[0].Range.End] != "'echo a'" ||
		!strings.HasSuffix(diags[0].Message, "; install shellcheck or set shellcheck: off in .greylint.yaml (--shellcheck=off)") {
		t.Errorf("a missing shellcheck: %v", diags)
	}
	if diags := lint.Run(context.Background(), &lint.File{Path: "config.yaml", Kind: lint.KindConfig, Source: []byte("jobs:\n  - name: a\n    image: alpine\n")}, missing); len(diags) != 0 {
		t.Errorf("no script, yet %v", diags)
	}
}

// TestShellcheckKubernetesDollars: in a container's command Kubernetes
// makes $$ a "$" before the shell runs, so shellcheck sees
// rm -rf $DIR/ (SC2115 on $DIR/), also after other "$$"s; in a configmap's script nothing does, and $$DIR is the
// shell's PID followed by text.
func TestShellcheckKubernetesDollars(t *testing.T) {
	needShellcheck(t)
	cfg := &lint.Config{Rules: []*lint.Rule{Shellcheck}, Shellcheck: ShellcheckAuto}
	count := func(src, rule string) int {
		n := 0
		for _, d := range lint.Run(context.Background(), &lint.File{Path: "config.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg) {
			if d.Rule == lint.Internal.ID {
				t.Errorf("crash: %s\n%s", d.Message, src)
			}
			if d.Rule == rule {
				n++
			}
		}
		return n
	}
	for script, want := range map[string]int{
		"rm -rf $$DIR/":                 1,
		"echo $$$$ && rm -rf $$DIR/":    1,
		"echo $$$ && rm -rf $$DIR/":     1,
		"echo \"$$$$\" && rm -rf $DIR/": 1,
	} {
		job := "jobs:\n  - name: j\n    image: alpine\n    command: [sh, -c, '" + script + "']\n"
		if got := count(job, "shellcheck/SC2115"); got != want {
			t.Errorf("command %q: %d SC2115, want %d", script, got, want)
		}
	}
	cm := "configmaps:\n  - name: scripts\n    data:\n      run.sh: |\n        rm -rf $$DIR/\n"
	if got := count(cm, "shellcheck/SC2115"); got != 0 {
		t.Errorf("a configmap's script: %d SC2115, want none ($$ is the PID there)", got)
	}
}
