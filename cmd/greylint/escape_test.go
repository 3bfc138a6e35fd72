package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/greylint/greylint/lint"
)

// hostileNames are pieces of names a pull request can choose (directory
// names, YAML keys and values): each of what a printer must escape or
// encode.
var hostileNames = []string{
	"nl\n::error title=t::forged",
	"esc\x1b[2J\x07x",
	"cr\r::warning::forged",
	"::error title=Build passed::ok",
	"##[error]forged",
	"100% off #1?x=y",
	"bidi\u202egnp.yaml\u2066x\u2069",
	"inv\xffalid\xc3",
	"nel\u0085line\u2028sep",
	"del\x7fx",
	" ::lead",
}

// hostileProject writes a checkout with one .greyhound/ directory under a
// directory named after each hostile name, each config with a fixable
// finding, findings that quote hostile keys and values, and one name of
// 5,000 characters quoted by every unresolved reference.
func hostileProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	long := strings.Repeat("b", 5000)
	for i, name := range hostileNames {
		q := yamlQuote(name)
		src := fmt.Sprintf("builds:\n  - name: %s\n    dockerfile: Dockerfile\n  - name: %s%d\n    dockerfile: Dockerfile\n"+
			"jobs:\n  - name: m\n    image: nginx\n    restartPolicy: OnFailure\n"+
			"services:\n  - name: web\n    image_from_build: %s\n    %s: 1\n  - name: api\n    image_from_build: x\n",
			long, long, i, q, q)
		p := filepath.Join(dir, name, ".greyhound", "config.yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEveryFormatEscapes runs every output format (the list --format takes,
// so that a new printer is run here the day it is added) and --diff over
// hostile paths and messages, and checks what the escaping layer promises:
// no control, bidi or invalid UTF-8 byte in any output, no line that
// starts a GitHub workflow command but the github format's own, one line
// per finding, every message bounded, SARIF URIs that parse back to the
// path and JSON paths that are the exact file names.
func TestEveryFormatEscapes(t *testing.T) {
	dir := hostileProject(t)
	_, jsonOut, _ := runIn(t, dir, "", "--format", "json", ".")
	var findings []struct {
		Path    string `json:"path"`
		Message string `json:"message"`
		Related []struct {
			Message string `json:"message"`
		} `json:"related"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, jsonOut)
	}
	inJSON := map[string]bool{}
	for _, f := range findings {
		inJSON[f.Path] = true
		for _, m := range append([]string{f.Message}, related(f.Related)...) {
			if len(m) > lint.MaxMessage+len("…") || strings.Contains(m, strings.Repeat("b", lint.MaxQuoted+1)) {
				t.Errorf("an unbounded message (%d bytes): %.200q", len(m), m)
			}
		}
	}
	paths := map[string]bool{}
	for _, name := range hostileNames {
		p := filepath.Join(name, ".greyhound", "config.yaml")
		paths[p] = true
		if !inJSON[jsonPath(p)] {
			t.Errorf("json: no finding with the exact path %q", p)
		}
	}
	if len(findings) < 3*len(paths) {
		t.Fatalf("%d findings: the project does not say what it should", len(findings))
	}
	findingLine := regexp.MustCompile(`:\d+:\d+: (error|warning|info|hint): `)
	for _, format := range append(append([]string{}, formats...), "diff") {
		args := []string{"--format", format, "."}
		if format == "diff" {
			args = []string{"--diff", "."}
		}
		_, stdout, stderr := runIn(t, dir, "", args...)
		for what, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
			checkEscaped(t, format+" "+what, out, format == "github" && what == "stdout")
		}
		switch format {
		case "text":
			if n := len(findingLine.FindAllString(stdout, -1)); n != len(findings) {
				t.Errorf("text: %d finding lines for %d findings", n, len(findings))
			}
		case "github":
			if n := strings.Count(stdout, "\n"); n != len(findings) {
				t.Errorf("github: %d lines for %d findings", n, len(findings))
			}
		case "sarif":
			checkSARIFURIs(t, stdout, paths)
		case "checkstyle", "junit":
			dec := xml.NewDecoder(strings.NewReader(stdout))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s: not XML: %v", format, err)
					}
					break
				}
			}
		case "diff":
			if n := strings.Count(stdout, "\ndiff a/") + strings.Count(stdout[:min(5, len(stdout))], "diff "); n != len(paths) {
				t.Errorf("diff: %d file headers for %d fixed files:\n%s", n, len(paths), regexp.MustCompile(`(?m)^diff .*$`).FindAllString(stdout, -1))
			}
		}
	}
}

// yamlQuote writes s as a YAML double-quoted scalar, every character
// outside printable ASCII escaped (invalid UTF-8 as U+FFFD: YAML text is
// Unicode).
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsonPath is how encoding/json writes a path: each invalid UTF-8 byte
// as U+FFFD (JSON text is Unicode).
func jsonPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

func related(rs []struct {
	Message string `json:"message"`
}) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Message)
	}
	return out
}

// checkEscaped fails on invalid UTF-8, on a character lint.Visible escapes
// (but newline), and on a line that GitHub Actions would run as a
// workflow command, unless commands is set (the github format), where
// every line must be one of its annotations.
func checkEscaped(t *testing.T, what, out string, commands bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8 in the output", what)
	}
	for i, r := range out {
		if r != '\n' && lint.NeedsEscape(r) {
			t.Errorf("%s: %U raw at byte %d: %q", what, r, i, out[max(0, i-60):min(len(out), i+20)])
			break
		}
	}
	annotation := regexp.MustCompile(`^::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\r]*$`)
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		switch {
		case commands && !annotation.MatchString(line):
			t.Errorf("%s: a line that is not one annotation: %.200q", what, line)
		case !commands && startsCommand(line):
			t.Errorf("%s: a line GitHub Actions runs as a workflow command: %.200q", what, line)
		}
	}
}

// checkSARIFURIs fails unless every artifact URI is an RFC 3986 relative
// reference (no scheme, query or fragment) whose path is a linted file.
func checkSARIFURIs(t *testing.T, out string, paths map[string]bool) {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	for _, r := range log.Runs[0].Results {
		u := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		p, err := url.Parse(u)
		if err != nil || p.Scheme != "" || p.RawQuery != "" || p.Fragment != "" || p.Opaque != "" {
			t.Errorf("sarif: %q is not a relative URI of a path (%v)", u, err)
			continue
		}
		if path := filepath.FromSlash(p.Path); !paths[path] {
			t.Errorf("sarif: %q reads as %q, no linted file", u, path)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"100% off #1?x=y/.greyhound/config.yaml": "100%25%20off%20%231%3Fx=y/.greyhound/config.yaml",
		"c:x/a.yaml":                             "c%3Ax/a.yaml",
		".greyhound/config.yaml":                 ".greyhound/config.yaml",
		"/abs/a b#.yaml":                         "file:///abs/a%20b%23.yaml",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}
