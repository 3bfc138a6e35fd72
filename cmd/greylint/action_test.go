package main

import (
	"github.com/greylint/greylint/internal/testtool"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionScript runs the GitHub Action's "Run greylint" step, as the
// runner would, with a greylint built from this tree: the annotations come
// out, the SARIF file is written, and the exit code fails the step.
func TestActionScript(t *testing.T) {
	testtool.Slow(t, "the action's bash script")
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	inputs, script := actionStep(t, func(name, _ string) bool { return name == "Run greylint" })
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "greylint"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	examples, _ := filepath.Abs("../../examples")
	step := func(paths string) (string, error) {
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = examples
		cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"),
			"GREYLINT_PATHS="+paths, "GREYLINT_FAIL_ON="+inputs["fail-on"],
			"GREYLINT_SARIF="+filepath.Join(dir, "greylint.sarif"), "GREYLINT_ARGS=--strict")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := step("broken shop")
	if err == nil {
		t.Fatalf("the step passed on the broken example:\n%s", out)
	}
	if !strings.Contains(out, "::error file=broken/.greyhound/config.yaml,line=") {
		t.Errorf("no annotations:\n%s", out)
	}
	if st, err := os.Stat(filepath.Join(dir, "greylint.sarif")); err != nil || st.Size() == 0 {
		t.Errorf("SARIF not written: %v", err)
	}
	// A "paths: |" block: every line counts (only the first did).
	out, err = step("shop\nbroken\n")
	if err == nil || !strings.Contains(out, "::error file=broken/.greyhound/config.yaml,line=") {
		t.Errorf("the second line of a multi-line paths input was not linted (%v):\n%s", err, out)
	}
}

// TestActionKeepsTheConfigsGate runs the "Run greylint" step on a checkout
// whose only finding is a warning and whose .greylint.yaml says
// fail_on: warning: with the fail-on input left at its default the step
// fails, as a local run and pre-commit do (the Action passed it: its
// default "error" was always passed and beat the file); an explicit
// fail-on still wins.
func TestActionKeepsTheConfigsGate(t *testing.T) {
	testtool.Slow(t, "the action's bash script")
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	inputs, script := actionStep(t, func(name, _ string) bool { return name == "Run greylint" })
	if inputs["fail-on"] != "" {
		t.Errorf("fail-on defaults to %q: it would override fail_on in .greylint.yaml", inputs["fail-on"])
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "greylint"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	repo := filepath.Join(dir, "repo")
	for name, text := range map[string]string{
		".git/HEAD":              "ref: refs/heads/main\n",
		".greylint.yaml":         "fail_on: warning\n",
		".greyhound/config.yaml": "services:\n  - name: web\n    image: nginx\n    imagee: typo\n",
	} {
		path := filepath.Join(repo, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step := func(failOn string) (string, error) {
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"),
			"GREYLINT_PATHS="+inputs["paths"], "GREYLINT_FAIL_ON="+failOn, "GREYLINT_SARIF=", "GREYLINT_ARGS=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := step(inputs["fail-on"])
	if !strings.Contains(out, "::warning file=.greyhound/config.yaml,line=4") {
		t.Fatalf("the warning is not annotated:\n%s", out)
	}
	if err == nil {
		t.Errorf("fail_on: warning in .greylint.yaml, default inputs: the step passed\n%s", out)
	}
	if out, err := step("error"); err != nil {
		t.Errorf("fail-on: error passed explicitly: the step failed on a warning (%v)\n%s", err, out)
	}
}

// The hooks run when a greyhound file or greylint's configuration changes.
func TestPreCommitHooksMatchTheConfiguration(t *testing.T) {
	src, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID    string `yaml:"id"`
		Files string `yaml:"files"`
	}
	if err := yaml.Unmarshal(src, &hooks); err != nil || len(hooks) == 0 {
		t.Fatalf("hooks: %v %v", hooks, err)
	}
	for _, h := range hooks {
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("%s: %v", h.ID, err)
		}
		for path, want := range map[string]bool{
			".greyhound/config.yaml": true, "apps/api/.greyhound/applications.yml": true,
			".greylint.yaml": true, "apps/api/.greylint.yaml": true,
			"config.yaml": false, ".github/workflows/ci.yaml": false,
		} {
			if re.MatchString(path) != want {
				t.Errorf("hook %s: files matches %s: %v, want %v", h.ID, path, !want, want)
			}
		}
	}
}

// The README's Action snippet grants what the SARIF upload needs.
func TestActionSnippetHasThePermissionsForSARIF(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i := strings.Index(s, "## CI: the GitHub Action")
	if i < 0 {
		t.Fatal("no Action section in the README")
	}
	section := s[i:]
	if j := strings.Index(section[3:], "\n## "); j >= 0 {
		section = section[:j+3]
	}
	for _, want := range []string{"security-events: write", "upload-sarif", "paths: |"} {
		if !strings.Contains(section, want) {
			t.Errorf("the Action snippet lacks %q", want)
		}
	}
}

// actionStep reads action.yml: the inputs' defaults, and the script of the
// composite step pick chooses (by name or id).
func actionStep(t *testing.T, pick func(name, id string) bool) (map[string]string, string) {
	t.Helper()
	src, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct{ Default string } `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				Name string `yaml:"name"`
				ID   string `yaml:"id"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(src, &action); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]string{}
	for k, v := range action.Inputs {
		inputs[k] = v.Default
	}
	for _, s := range action.Runs.Steps {
		if pick(s.Name, s.ID) && s.Run != "" && action.Runs.Using == "composite" {
			return inputs, s.Run
		}
	}
	t.Fatalf("action.yml (%s) has no such step", action.Runs.Using)
	return nil, ""
}
