package model

import (
	"bytes"
	"errors"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
	"mvdan.cc/sh/v3/syntax"

	"github.com/greylint/greylint/lint"
)

// Who reads a string after greyhound's ${...} interpolation. Findings
// about $(...) and ${...} depend on it: in a shell script, $(date) is a
// command substitution and ${HOME:-/root} a parameter expansion; in an env
// value, $(NAME) is Kubernetes' reference; in an image name, nobody reads
// either.
type Reader int

const (
	// ReadByNobody: names, images, hostnames, paths: the text is used as
	// greyhound leaves it.
	ReadByNobody Reader = iota
	// ReadByKubernetes: command and args items and env values, where
	// Kubernetes replaces $(NAME) when NAME is a variable of the container
	// and leaves anything else as written ($$ is a literal $).
	ReadByKubernetes
	// ReadByShell: the script argument of sh -c, bash -c and friends:
	// Kubernetes' expansion, then a shell.
	ReadByShell
	// ReadAsFile: a configmap data value, a file whose language greylint
	// does not know (a template may use ${VAR} itself).
	ReadAsFile
	// ReadAsShellFile: a configmap data value that is a shell script (a
	// #! line naming a shell, or a key ending in .sh/.bash).
	ReadAsShellFile
)

// Shell reports whether a shell reads the text.
func (r Reader) Shell() bool { return r == ReadByShell || r == ReadAsShellFile }

// ReaderOf says who reads a string value of the model's document (a node
// StringValues gives).
func (m *Model) ReaderOf(n *yaml.Node) Reader { return m.readers[n] }

// Script returns the shell's view of a string a shell reads (nil for any
// other string). It is parsed on the first call, not with the model: most
// models (the other files of a checkout, indexed for cross-file checks;
// every keystroke's model when the shell rules are off) never ask.
func (m *Model) Script(n *yaml.Node) *Script {
	r := m.readers[n]
	if !r.Shell() {
		return nil
	}
	m.scriptMu.Lock()
	defer m.scriptMu.Unlock()
	s, ok := m.scripts[n]
	if !ok {
		s = ParseScript(n.Value, r == ReadByShell)
		if m.scripts == nil {
			m.scripts = map[*yaml.Node]*Script{}
		}
		m.scripts[n] = s
	}
	return s
}

// readers fills m.readers from the workloads' command and args, the env
// values and the configmap data.
func (m *Model) readReaders() {
	m.readers = map[*yaml.Node]Reader{}
	set := func(n *yaml.Node, r Reader) {
		n = lint.Resolve(n)
		if n == nil || n.Kind != yaml.ScalarNode || m.readers[n] == r || m.readers[n].Shell() {
			return // a shell reading it wins over any other use of an alias
		}
		m.readers[n] = r
	}
	for _, o := range m.Owners() {
		for _, e := range o.Env {
			set(e.Value.Value, ReadByKubernetes)
		}
	}
	for _, w := range m.Workloads() {
		cmd := lint.Items(lint.Resolve(w.Command.Value))
		args := lint.Items(lint.Resolve(w.Args.Value))
		all := append(append([]*yaml.Node{}, cmd...), args...)
		for _, n := range all {
			set(n, ReadByKubernetes)
		}
		if i := shellScriptIndex(all, len(cmd) > 0); i >= 0 {
			set(all[i], ReadByShell)
		}
	}
	for _, c := range m.ConfigMaps {
		for _, kv := range c.Data.Pairs() {
			v := lint.Resolve(kv[1])
			if v == nil || v.Kind != yaml.ScalarNode {
				continue
			}
			if shellFile(kv[0].Value, v.Value) {
				set(v, ReadAsShellFile)
			} else if m.readers[v] == ReadByNobody {
				m.readers[v] = ReadAsFile
			}
		}
	}
}

var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "busybox": true}

// wrappers run the command that follows them (after their own options).
var wrappers = map[string]bool{"env": true, "tini": true, "dumb-init": true, "exec": true, "nice": true, "nohup": true, "timeout": true, "su-exec": true, "gosu": true}

// shellScriptIndex returns the index of the script argument of a shell run
// with -c in a container's command followed by its args (-1 when there is
// none). hasCommand is false when only args are given: the image's
// entrypoint then runs them, and an args list that starts with -c is
// taken to be handed to a shell.
func shellScriptIndex(items []*yaml.Node, hasCommand bool) int {
	word := func(i int) (string, bool) {
		if i >= len(items) {
			return "", false
		}
		return lint.Str(items[i])
	}
	i := 0
	if hasCommand {
		// Skip wrappers and their options, then expect a shell.
		for {
			w, ok := word(i)
			if !ok {
				return -1
			}
			base := path.Base(w)
			if wrappers[base] {
				i++
				for {
					o, ok := word(i)
					if !ok || !(strings.HasPrefix(o, "-") || strings.Contains(o, "=") || isNumber(o)) {
						break
					}
					i++
					if o == "--" {
						break
					}
				}
				continue
			}
			if !shells[base] {
				return -1
			}
			i++
			if base == "busybox" {
				if w, _ := word(i); w != "sh" && w != "ash" {
					return -1
				}
				i++
			}
			break
		}
	}
	dashC := false
	for ; i < len(items); i++ {
		o, ok := word(i)
		if !ok {
			return -1
		}
		switch {
		case o == "--":
			i++
			if dashC && i < len(items) {
				return i
			}
			return -1
		case o == "-o" || o == "+o" || o == "-O" || o == "+O":
			i++ // takes an argument: -o pipefail
		case strings.HasPrefix(o, "--"):
			// --login, --norc, --posix
		case len(o) > 1 && (o[0] == '-' || o[0] == '+'):
			if o[0] == '-' && strings.ContainsRune(o[1:], 'c') {
				dashC = true
			}
		default:
			if dashC {
				return i
			}
			return -1
		}
	}
	return -1
}

func isNumber(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && c != '.' && c != 's' && c != 'm' {
			return false
		}
	}
	return s != ""
}

var shebangRe = regexp.MustCompile(`^#!\s*/\S*/(env\s+)?(ba|da|k|mk|z)?sh\b`)

// shellFile reports whether a configmap entry holds a shell script.
func shellFile(key, value string) bool {
	return strings.HasSuffix(key, ".sh") || strings.HasSuffix(key, ".bash") || shebangRe.MatchString(value)
}

// Script is what a shell makes of a string, as far as greylint needs it:
// which "${" start a parameter expansion, and whether the text parses.
type Script struct {
	// Parsed is true when the script parses as bash (with the greyhound
	// placeholders taken out); then every $( and $(( in it is closed.
	Parsed bool
	// Err is the parser's complaint when it does not parse, and ErrAt its
	// byte offset in the value.
	Err   string
	ErrAt int
	// Unclosed is true when Err is about a $(, ${ or $(( never closed
	// (the shell fails on it too).
	Unclosed bool
	params   map[int]bool // offsets of "${" that open a parameter expansion
}

// KubeDollars rewrites b in place as the shell sees it once Kubernetes
// has expanded it, keeping its length (offsets stay those of the value):
// each "$$" reaches the shell as one "$", so a run of n dollars becomes
// n/2 + n%2 dollars, at the run's end, after padding the shell ignores
// inside a word (empty quotes ”, and one space before them when the
// padding is odd, which splits the word there). "$$$$DIR" is ”$$DIR,
// the process ID then DIR, not "$ $DIR".
func KubeDollars(b []byte) {
	for j := 0; j < len(b); {
		if b[j] != '$' {
			j++
			continue
		}
		n := 1
		for j+n < len(b) && b[j+n] == '$' {
			n++
		}
		pad, i := n/2, j
		if pad%2 == 1 {
			b[i] = ' '
			i, pad = i+1, pad-1
		}
		for ; pad > 0; pad -= 2 {
			b[i], b[i+1] = '\'', '\''
			i += 2
		}
		for ; i < j+n; i++ {
			b[i] = '$'
		}
		j += n
	}
}

// BlankPlaceholders writes x over each closed greyhound placeholder of b
// (not a shell's own ${NAME}), in place: greyhound substitutes them
// before a shell or shellcheck sees the text, and offsets stay those of
// the value.
func BlankPlaceholders(b []byte) {
	for _, ph := range Placeholders(string(b)) {
		if ph.Closed && !ShellParameter(ph.Name) {
			for j := ph.Index; j < ph.Index+len(ph.Text); j++ {
				b[j] = 'x'
			}
		}
	}
}

// ParseScript parses a shell script. kube is true when Kubernetes expands
// the text first (command and args: "$$" reaches the shell as "$").
// greyhound's own placeholders are replaced by letters of the same length
// before parsing (greyhound substitutes them first), so offsets stay those
// of the value.
func ParseScript(text string, kube bool) *Script {
	s := &Script{params: map[int]bool{}}
	b := []byte(text)
	BlankPlaceholders(b)
	if kube {
		KubeDollars(b)
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(string(b)), "")
	if err != nil {
		var pe syntax.ParseError
		if errors.As(err, &pe) {
			s.Err, s.ErrAt = pe.Text, int(pe.Pos.Offset())
			s.Unclosed = strings.Contains(pe.Text, "without matching `$")
			if !s.Unclosed && pe.Incomplete {
				// "reached EOF without closing quote": the quote may be
				// one a $( never closed swallowed ("$(date").
				if at := unclosedDollar(b); at >= 0 {
					s.Unclosed, s.ErrAt = true, at
					s.Err = "reached the end without matching `" + string(b[at:at+2]) + "`"
				}
			}
		} else {
			s.Err = err.Error()
		}
		return s
	}
	s.Parsed = true
	syntax.Walk(f, func(n syntax.Node) bool {
		if p, ok := n.(*syntax.ParamExp); ok && !p.Short {
			s.params[int(p.Dollar.Offset())] = true
		}
		return true
	})
	return s
}

// Param reports whether the "${" at byte i opens a parameter expansion of
// the shell (when the script does not parse: whether it is shaped like
// one).
func (s *Script) Param(i int, name string) bool {
	if s.Parsed {
		return s.params[i] || ShellParameter(name)
	}
	return ShellParameter(name)
}

// shellParamRe matches what follows "${" in a shell parameter expansion:
// an optional # (length) or ! (indirection), a name, a positional or
// special parameter, then the end or an operator (:- := :? :+ - = ? + # ##
// % %% / // ^ ^^ , ,, @ [index] :offset).
var shellParamRe = regexp.MustCompile(`^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])($|[\[:=?+#%/^,@}-])`)

// ShellParameter reports whether the text of a ${...} (without "${" and
// "}") is shaped like a shell parameter expansion (HOME, DB_HOST:-db, #@,
// 1, i) rather than a greyhound variable (commit.sha: a dot is not in a
// shell name).
func ShellParameter(name string) bool { return shellParamRe.MatchString(name) }

// unclosedDollar returns the offset of the innermost $( or ${ still open
// at the end of a script that ends inside an unclosed construct (-1 when
// none is): a small scan of quotes, escapes, comments and brackets, used
// only to place the shell parser's "reached EOF" where it began.
func unclosedDollar(b []byte) int {
	type open struct {
		c  byte // '(' for $(, 'p' for a plain (, '{' for ${, '"'
		at int
	}
	var stack []open
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1].c
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		inQuote := top() == '"'
		switch {
		case c == '\\':
			i++
		case c == '$' && i+1 < len(b) && (b[i+1] == '(' || b[i+1] == '{'):
			stack = append(stack, open{map[byte]byte{'(': '(', '{': '{'}[b[i+1]], i})
			i++
		case c == '"':
			if inQuote {
				stack = stack[:len(stack)-1]
			} else {
				stack = append(stack, open{'"', i})
			}
		case inQuote:
		case c == '\'':
			if j := bytes.IndexByte(b[i+1:], '\''); j >= 0 {
				i += j + 1
			} else {
				i = len(b)
			}
		case c == '#' && (i == 0 || b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n' || b[i-1] == ';'):
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '(':
			stack = append(stack, open{'p', i})
		case c == ')' && (top() == '(' || top() == 'p'):
			stack = stack[:len(stack)-1]
		case c == '}' && top() == '{':
			stack = stack[:len(stack)-1]
		}
	}
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].c == '(' || stack[k].c == '{' {
			return stack[k].at
		}
	}
	return -1
}
