package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionScript runs the GitHub Action's "Run greylint" step, as the
// runner would, with a greylint built from this tree: the annotations come
// out, the SARIF file is written, and the exit code fails the step.
func TestActionScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
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
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(src, &action); err != nil {
		t.Fatal(err)
	}
	script := ""
	for _, s := range action.Runs.Steps {
		if s.Name == "Run greylint" {
			script = s.Run
		}
	}
	if action.Runs.Using != "composite" || script == "" {
		t.Fatalf("action.yml: %+v", action.Runs)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "greylint"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	examples, _ := filepath.Abs("../../examples")
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Dir = examples
	sarif := filepath.Join(dir, "greylint.sarif")
	cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"),
		"GREYLINT_PATHS=broken shop", "GREYLINT_FAIL_ON="+action.Inputs["fail-on"].Default,
		"GREYLINT_SARIF="+sarif, "GREYLINT_ARGS=--strict")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the step passed on the broken example:\n%s", out)
	}
	if !strings.Contains(string(out), "::error file=broken/.greyhound/config.yaml,line=") {
		t.Errorf("no annotations:\n%s", out)
	}
	if st, err := os.Stat(sarif); err != nil || st.Size() == 0 {
		t.Errorf("SARIF not written: %v", err)
	}
}
