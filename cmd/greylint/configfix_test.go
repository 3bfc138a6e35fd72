package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixRepairsTheConfiguration: a misspelt rule ID in .greylint.yaml is
// marked [*] and stops a plain run (exit 2); --fix corrects it first, then
// lints with the corrected configuration. A configuration error --fix
// cannot repair still stops it, with nothing written to the config.
func TestFixRepairsTheConfiguration(t *testing.T) {
	dir := project(t)
	cfgPath := filepath.Join(dir, ".greylint.yaml")
	os.WriteFile(cfgPath, []byte("rules:\n  unknown-fild: off # keep quiet\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".greyhound", "config.yaml"), []byte("services:\n  - name: web\n    image: nginx\n    imge: x\n"), 0o644)
	code, stdout, _ := runIn(t, dir, "")
	if code != exitUsage || !strings.Contains(stdout, `"unknown-fild"`) || !strings.Contains(stdout, "[*]") {
		t.Fatalf("plain run: exit %d, want %d with the [*] finding:\n%s", code, exitUsage, stdout)
	}
	code, stdout, stderr := runIn(t, dir, "", "--fix")
	if got, _ := os.ReadFile(cfgPath); string(got) != "rules:\n  unknown-field: off # keep quiet\n" {
		t.Errorf(".greylint.yaml after --fix:\n%s", got)
	}
	if code != exitOK || strings.Contains(stdout, "unknown-field") || !strings.Contains(stderr, "1 fixed") {
		t.Errorf("--fix: exit %d, want %d (the corrected rule ID turns unknown-field off)\nstdout:\n%s\nstderr:\n%s", code, exitOK, stdout, stderr)
	}

	// An ID nothing is close to: no fix; the run stops, the file as it was.
	os.WriteFile(cfgPath, []byte("rules:\n  not-a-rule-at-all: off\n"), 0o644)
	code, _, _ = runIn(t, dir, "", "--fix")
	if after, _ := os.ReadFile(cfgPath); code != exitUsage || string(after) != "rules:\n  not-a-rule-at-all: off\n" {
		t.Errorf("--fix with an error it cannot repair: exit %d, want %d; file:\n%s", code, exitUsage, after)
	}
}
