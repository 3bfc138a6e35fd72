package hostile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/greylint/greylint/internal/hostile"
)

var (
	greylint string   // the binary, built once
	sources  []string // the files it is built from
)

// readSources reads every file the binary is built from: the Go and
// embedded files of this module's packages it links, go.mod and go.sum.
// go test caches a test's result keyed on its own binary and on the files
// the test opened; this test's binary does not link the engine (it runs
// greylint in a subprocess), so without this a change to a rule left
// `go test ./...` reporting this test (cached), never run on it. Reading
// the sources reruns it exactly when the binary would differ; -count=1
// semantics (a read of something that always changes) would rerun its
// two builds and runs of every shape on every go test ./..., changed or
// not.
func readSources() ([]string, error) {
	const mod = "github.com/greylint/greylint"
	out, err := exec.Command("go", "list", "-deps", "-f",
		`{{if and .Module (eq .Module.Path "`+mod+`")}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}
{{end}}{{end}}`, mod+"/cmd/greylint").Output()
	if err != nil {
		return nil, fmt.Errorf("listing the sources of greylint: %v", err)
	}
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return nil, fmt.Errorf("finding the module: %v", err)
	}
	dir := strings.TrimSpace(string(root))
	files := append(strings.Fields(string(out)), filepath.Join(dir, "go.mod"), filepath.Join(dir, "go.sum"))
	for _, f := range files {
		if _, err := os.ReadFile(f); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// The files the cache is keyed on include the engine, the CLI and the
// embedded schemas: a change to any of them reruns this test.
func TestKeyedOnTheSources(t *testing.T) {
	for _, want := range []string{"rules/registry.go", "lint/run.go", "cmd/greylint/main.go", "schema/config.schema.json", "go.sum"} {
		found := false
		for _, f := range sources {
			found = found || strings.HasSuffix(filepath.ToSlash(f), "/"+want)
		}
		if !found {
			t.Errorf("%s is not among the %d files the test reads", want, len(sources))
		}
	}
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hostile")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	greylint = filepath.Join(dir, "greylint")
	if err := hostile.Build(greylint); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if sources, err = readSources(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run is one run of greylint on a project holding one shape at size n.
type run struct {
	code           int
	stdout, stderr []byte
}

func lint(t *testing.T, s hostile.Shape, n int, format string) run {
	t.Helper()
	dir := t.TempDir()
	if _, err := s.WriteProject(dir, n); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(greylint, "--color", "never", "--format", format, ".")
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := run{stdout: out.Bytes(), stderr: errOut.Bytes()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every shape of issue #10, at two sizes, through the greylint binary in
// three output formats: it ends with a finding or none (never a crash or
// a rule's internal error), its output grows at most linearly with the
// input (twice the input: at most 2.5 times the output, plus a little),
// the text output has no control character a terminal would act on and no
// line an input forged, and no finding lists more than 3 related
// locations. (Times and peak memory: make bench-hostile.)
func TestEveryShapeStaysLinear(t *testing.T) {
	for _, s := range hostile.Shapes {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			for _, format := range []string{"text", "json", "sarif"} {
				small, large := lint(t, s, s.N, format), lint(t, s, 2*s.N, format)
				for i, r := range []run{small, large} {
					n := s.N * (i + 1)
					if r.code > 1 && !(r.code == 2 && s.File == ".greylint.yaml") {
						t.Errorf("%s at %d: exit %d\n%s", format, n, r.code, clip(r.stderr))
					}
					all := string(r.stdout) + string(r.stderr)
					crashed := map[string]string{"text": "crashed on this file", "json": `"rule": "internal"`, "sarif": `"ruleId": "internal"`}[format]
					for _, bad := range []string{"panic:", "goroutine ", crashed} {
						if strings.Contains(all, bad) {
							t.Errorf("%s at %d: %q in the output:\n%s", format, n, bad, clip([]byte(all)))
						}
					}
					if format == "text" {
						checkTerminalSafe(t, fmt.Sprintf("text at %d", n), all)
					}
					if format == "json" {
						checkRelated(t, n, r.stdout)
					}
				}
				out := func(r run) int { return len(r.stdout) + len(r.stderr) }
				if limit := 5*out(small)/2 + 2048; out(large) > limit {
					t.Errorf("%s: %d -> %d bytes of output for twice the input (at most %d)", format, out(small), out(large), limit)
				}
				t.Logf("%s: %d -> %d bytes of output", format, out(small), out(large))
			}
		})
	}
}

// checkTerminalSafe fails on a character a terminal acts on (C0 but tab
// and newline, DEL, C1, bidi controls), on invalid UTF-8, and on a line
// an input forged.
func checkTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 in the output", what)
	}
	for i, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: %U at byte %d of the output: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
			return
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "fake.yaml") {
			t.Errorf("%s: a forged finding line: %q", what, line)
			return
		}
	}
}

// checkRelated fails when a finding lists more than 3 related locations.
func checkRelated(t *testing.T, n int, out []byte) {
	t.Helper()
	var findings []struct {
		Rule    string            `json:"rule"`
		Related []json.RawMessage `json:"related"`
	}
	if err := json.Unmarshal(out, &findings); err != nil {
		t.Errorf("json at %d: %v", n, err)
		return
	}
	for _, f := range findings {
		if len(f.Related) > 3 {
			t.Errorf("json at %d: a %s finding with %d related locations", n, f.Rule, len(f.Related))
			return
		}
	}
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}
