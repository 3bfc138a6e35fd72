package rules

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/shellcheck"
)

var Shellcheck = &lint.Rule{
	ID:       "shellcheck",
	Summary:  "shellcheck's findings on a job script (the script of sh -c or bash -c, a shell script in a configmap)",
	Severity: lint.Warning,
	Member:   func(m string) bool { return scCodeRe.MatchString(m) },
	Run:      runShellcheck,
	Runs: func(c *lint.Config) bool {
		r, err := shellcheck.For(shellcheckSetting(c))
		return r != nil || err != nil // a shellcheck named but missing is reported
	},
}

// shellcheckSetting turns the configuration's setting into shellcheck.For's.
func shellcheckSetting(c *lint.Config) string {
	switch c.Shellcheck {
	case "":
		return shellcheck.Off
	case ShellcheckAuto:
		return ""
	}
	return c.Shellcheck
}

var scCodeRe = regexp.MustCompile(`^SC[0-9]{4}$`)

// ShellcheckAuto is lint.Config.Shellcheck's setting for the shellcheck on
// PATH when there is one (the front ends' default; the engine's zero
// configuration runs no program).
const ShellcheckAuto = "auto"

// A job script as shellcheck is to see it.
type jobScript struct {
	node  *yaml.Node
	shell string
	kube  bool            // Kubernetes expands $(NAME) and $$ first
	env   map[string]bool // the container's variables ($(NAME) Kubernetes replaces)
}

func runShellcheck(p *lint.Pass) {
	setting := shellcheckSetting(p.Config)
	if setting == shellcheck.Off {
		return
	}
	scripts := shellScripts(model.Of(p))
	if len(scripts) == 0 {
		return
	}
	runner, err := shellcheck.For(setting)
	if err != nil {
		p.Report(lint.Diagnostic{Range: p.Doc.Range(scripts[0].node), Message: fmt.Sprintf("%v; install shellcheck or set shellcheck: off in .greylint.yaml (--shellcheck=off)", err)})
		return
	}
	if runner == nil {
		return
	}
	in := make([]shellcheck.Script, len(scripts))
	for i, s := range scripts {
		in[i] = shellcheck.Script{Text: neutralize(s), Shell: s.shell}
	}
	found, err := runner.Check(p.Context(), in)
	if err != nil {
		if p.Context().Err() == nil {
			p.Report(lint.Diagnostic{Range: p.Doc.Range(scripts[0].node), Message: fmt.Sprintf("%v", err)})
		}
		return
	}
	for i, s := range scripts {
		var lines *lint.Lines // built for a script with findings only
		for _, c := range found[i] {
			if lines == nil {
				lines = lint.NewLines([]byte(in[i].Text))
			}
			p.Report(lint.Diagnostic{
				Rule:     fmt.Sprintf("shellcheck/SC%04d", c.Code),
				Severity: shellcheckSeverity(c.Level),
				Range:    commentRange(p.Doc, s.node, in[i].Text, lines, c),
				Message:  fmt.Sprintf("%s (https://www.shellcheck.net/wiki/SC%04d)", sentence(c.Message), c.Code),
			})
		}
	}
}

// shellScripts returns the scripts of the model that a shell reads and that
// parse (unterminated-placeholder reports those that do not), with their
// dialect.
func shellScripts(m *model.Model) []jobScript {
	var out []jobScript
	seen := map[*yaml.Node]bool{}
	add := func(n *yaml.Node, shell string, kube bool, env map[string]bool) {
		n = lint.Resolve(n)
		if n == nil || seen[n] || shell == "" {
			return
		}
		if s := m.Script(n); s == nil || !s.Parsed {
			return
		}
		seen[n] = true
		out = append(out, jobScript{node: n, shell: shell, kube: kube, env: env})
	}
	for _, w := range m.Workloads() {
		items := append(append([]*yaml.Node{}, lint.Items(lint.Resolve(w.Command.Value))...), lint.Items(lint.Resolve(w.Args.Value))...)
		shell := "sh" // args alone starting with -c: the image's shell
		for _, it := range items {
			if s, ok := lint.Str(it); ok {
				if d, known := dialects[path.Base(s)]; known {
					shell = d
					break
				}
			}
		}
		env := map[string]bool{}
		for _, e := range w.Env {
			if name, ok := lint.Str(e.Name.Value); ok {
				env[name] = true
			}
		}
		for _, it := range items {
			if m.ReaderOf(lint.Resolve(it)) == model.ReadByShell {
				add(it, shell, true, env)
			}
		}
	}
	for _, c := range m.ConfigMaps {
		for _, kv := range c.Data.Pairs() {
			v := lint.Resolve(kv[1])
			if v == nil || m.ReaderOf(v) != model.ReadAsShellFile {
				continue
			}
			shell := "sh"
			if strings.HasSuffix(kv[0].Value, ".bash") {
				shell = "bash"
			}
			if sb := shebangDialect.FindStringSubmatch(v.Value); sb != nil {
				shell = dialects[sb[1]]
			}
			add(v, shell, false, nil)
		}
	}
	return out
}

// dialects maps a shell's name to shellcheck's --shell (zsh, which
// shellcheck does not check, maps to none).
var dialects = map[string]string{"sh": "sh", "ash": "sh", "busybox": "sh", "dash": "dash", "bash": "bash", "ksh": "ksh", "mksh": "ksh", "zsh": ""}

var shebangDialect = regexp.MustCompile(`^#!\s*/\S*/(?:env\s+)?(sh|ash|dash|bash|ksh|mksh|zsh)\b`)

// neutralize returns the script as the shell receives it, in as many bytes
// as the value: each greyhound placeholder and each Kubernetes $(NAME) of
// a container variable becomes a word of x's of its length (their values
// are known only at deploy time), and Kubernetes' $$ becomes " $".
func neutralize(s jobScript) string {
	b := []byte(s.node.Value)
	blank := func(i, n int) {
		for j := i; j < i+n; j++ {
			b[j] = 'x'
		}
	}
	model.BlankPlaceholders(b)
	if s.kube {
		for _, ref := range model.KubeRefs(s.node.Value) {
			if s.env[ref.Name] {
				blank(ref.Index, len(ref.Text))
			}
		}
		model.KubeDollars(b)
	}
	return string(b)
}

// commentRange is where a shellcheck finding is in the file: its exact
// range when both its ends are written as they are in the source
// (lint.Document.LocateValue), else the whole scalar. text is the script
// shellcheck saw, as long as the value.
func commentRange(doc *lint.Document, n *yaml.Node, text string, lines *lint.Lines, c shellcheck.Comment) lint.Range {
	whole := doc.Range(n)
	a, okA := byteOffset(lines, c.Line, c.Column)
	b, okB := byteOffset(lines, c.EndLine, c.EndColumn)
	if !okA || !okB || b < a || len(text) != len(n.Value) {
		return whole
	}
	if a == b {
		if r, ok := doc.LocateValue(n, a, a); ok {
			return r
		}
		return whole
	}
	first, okA := doc.LocateValue(n, a, a+1)
	last, okB := doc.LocateValue(n, b-1, b)
	if !okA || !okB {
		return whole
	}
	return lint.Range{Start: first.Start, End: last.End}
}

// byteOffset converts shellcheck's 1-based line and column (in
// characters, a tab counting one: the CLI's columns) to a byte offset in
// the script, through its lint.Lines (built once per script: a scan from
// the start per finding was quadratic in a long script's findings). A
// column past the end of its line by more than one is no place.
func byteOffset(lines *lint.Lines, line, col int) (int, bool) {
	if line < 1 || col < 1 || line > lines.Count() {
		return 0, false
	}
	off := lines.Offset(line, col)
	if l, c := lines.LineCol(off); l != line || c != col {
		return 0, false
	}
	return off, true
}

func shellcheckSeverity(level string) lint.Severity {
	switch level {
	case "error":
		return lint.Error
	case "warning":
		return lint.Warning
	}
	return lint.Info
}

// sentence turns shellcheck's message into greylint's style: lower-case
// first letter (unless a word in capitals), no final period.
func sentence(msg string) string {
	msg = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(msg), "."))
	r, size := utf8.DecodeRuneInString(msg)
	if next, _ := utf8.DecodeRuneInString(msg[size:]); unicode.IsUpper(r) && !unicode.IsUpper(next) {
		return string(unicode.ToLower(r)) + msg[size:]
	}
	return msg
}

// URL is the page that documents a rule ID: its section of docs/rules.md,
// or, for one shellcheck code (shellcheck/SC2086), its page on
// shellcheck's wiki.
func URL(id string) string {
	if code, ok := strings.CutPrefix(id, Shellcheck.ID+"/"); ok && Shellcheck.Member(code) {
		return "https://www.shellcheck.net/wiki/" + code
	}
	return DocsURL + "#" + id
}
