package schema

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/testtool"
)

// The schemas as other tools read them: yaml-language-server (the
// fallback the README describes) and ajv, run from schema/testdata/tools
// (npm ci there; .ci/run does it, and these tests are required in CI).
func nodeTool(t *testing.T) (node, dir string) {
	t.Helper()
	dir, _ = filepath.Abs("testdata/tools")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "yaml-language-server"))
	}
	if err != nil {
		testtool.Missing(t, "node or schema/testdata/tools/node_modules is missing (npm ci in schema/testdata/tools)", err)
	}
	return node, dir
}

// TestYAMLLanguageServer opens a config with forbidden fields in the real
// yaml-language-server, the schema beside it named by a relative modeline
// (as the README says to before a release): each forbidden field's
// diagnostic is greylint's explanation (it was "Matches a schema that is
// not allowed."), the hover says it once (it said the description, then
// the same again), and completion in a job offers each field once (env,
// envFrom, volumes and secrets came twice) and no forbidden one.
func TestYAMLLanguageServer(t *testing.T) {
	node, dir := nodeTool(t)
	work := t.TempDir()
	os.WriteFile(filepath.Join(work, "config.schema.json"), Get(Config).JSON(), 0o644)
	src := "# yaml-language-server: $schema=./config.schema.json\n" +
		"jobs:\n" +
		"  - name: migrate\n" +
		"    image: migrate:1.4\n" +
		"    ports: [{containerPort: 80}]\n" +
		"    replicas:\n" +
		"    \n" +
		"services:\n" +
		"  - name: web\n" +
		"    image: nginx\n" +
		"    restart_policy: Always\n"
	file := filepath.Join(work, "config.yaml")
	os.WriteFile(file, []byte(src), 0o644)
	// Hover on "ports" (line 4), completion on the blank line of the job (6).
	out, err := exec.Command(node, filepath.Join(dir, "yls.js"), file, "4", "6", "6", "4").Output()
	if err != nil {
		t.Fatalf("yls.js: %v", err)
	}
	var got struct {
		Diagnostics []struct {
			Range   struct{ Start struct{ Line int } }
			Message string
		}
		Hover struct {
			Contents struct{ Value string }
		}
		Completion []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := map[int]string{}
	for line, path := range map[int][]string{4: {"jobs", "0", "ports"}, 5: {"jobs", "0", "replicas"}, 10: {"services", "0", "restart_policy"}} {
		f, _ := Get(Config).Field(path)
		want[line] = f.Message
	}
	for _, d := range got.Diagnostics {
		if d.Message != want[d.Range.Start.Line] {
			t.Errorf("line %d: yaml-language-server says %q, want %q", d.Range.Start.Line+1, d.Message, want[d.Range.Start.Line])
		}
		delete(want, d.Range.Start.Line)
	}
	for line, msg := range want {
		t.Errorf("line %d: no diagnostic, want %q", line+1, msg)
	}
	hover := strings.ToLower(got.Hover.Contents.Value)
	if n := strings.Count(hover, "jobs have no ports"); n != 1 || strings.Contains(hover, "allowed values") {
		t.Errorf("the hover on ports says \"jobs have no ports\" %d times (or lists values):\n%s", n, got.Hover.Contents.Value)
	}
	seen := map[string]bool{}
	for _, label := range got.Completion {
		if seen[label] {
			t.Errorf("completion offers %q twice: %q", label, got.Completion)
		}
		seen[label] = true
	}
	for _, label := range []string{"env", "envFrom", "volumes", "secrets", "restart_policy"} {
		if !seen[label] {
			t.Errorf("completion in a job does not offer %q: %q", label, got.Completion)
		}
	}
	if seen["ports"] || seen["replicas"] {
		t.Errorf("completion in a job offers a forbidden field: %q", got.Completion)
	}
}

// TestAjvStrict: ajv in its default strict mode refuses the schemas'
// keywords it does not know (x-status...); with the vocabulary the README
// lists, it compiles each schema and judges a valid and a forbidden field
// as greylint does.
func TestAjvStrict(t *testing.T) {
	node, dir := nodeTool(t)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`addVocabulary\(\[([^\]]*)\]\)`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README names no ajv vocabulary (addVocabulary([...]))")
	}
	var vocabulary []string
	for _, k := range strings.Split(string(m[1]), ",") {
		if k, err := strconv.Unquote(strings.TrimSpace(k)); err == nil {
			vocabulary = append(vocabulary, k)
		}
	}
	instances := map[string][]string{
		Config:       {`{"jobs": [{"name": "m", "image": "x"}]}`, `{"jobs": [{"name": "m", "image": "x", "ports": []}]}`, `{"jobs": [{"name": "m", "image": "x", "replicas": null}]}`},
		Applications: {`{"applications": [{"name": "api", "repository": "acme-corp/api", "branch": "main"}]}`, `{"services": []}`},
		"greylint":   {`{"strict": true}`, `{"strict": "yes"}`},
	}
	for name, docs := range instances {
		path := filepath.Join(t.TempDir(), name+".schema.json")
		os.WriteFile(path, Get(name).JSON(), 0o644)
		run := func(vocab []string) (res struct {
			Error string
			Valid []bool
		}) {
			out, err := exec.Command(node, append([]string{filepath.Join(dir, "ajv.js"), path, strings.Join(vocab, ",")}, docs...)...).Output()
			if err != nil || json.Unmarshal(out, &res) != nil {
				t.Fatalf("ajv.js %s: %v %s", name, err, out)
			}
			return res
		}
		if res := run(nil); !strings.Contains(res.Error, "unknown keyword") {
			t.Errorf("%s: ajv strict without the vocabulary: %+v, want an unknown keyword refused (or the README's advice is moot)", name, res)
		}
		res := run(vocabulary)
		want := make([]bool, len(docs))
		want[0] = true
		if res.Error != "" || !slices.Equal(res.Valid, want) {
			t.Errorf("%s: ajv strict with the README's vocabulary %q: %+v, want valid %v", name, vocabulary, res, want)
		}
	}
}
