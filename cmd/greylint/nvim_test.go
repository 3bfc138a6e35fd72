package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs the Neovim plugin and the server in a real editor:
// headless Neovim (0.7.2 in CI) opens a config with a mistake, waits for the
// diagnostic, and asks for completion after "image_from_build: ".
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil && os.Getenv("CI") != "" {
		t.Fatal("nvim is not installed, but CI must run the real-editor test (.ci/run installs neovim)")
	}
	if err != nil {
		t.Skip("nvim is not installed (CI installs Debian's neovim); skipping the real-editor test")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "greylint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cfgDir := filepath.Join(dir, "repo", ".greyhound")
	os.MkdirAll(cfgDir, 0o755)
	file := filepath.Join(cfgDir, "config.yaml")
	os.WriteFile(file, []byte(`builds:
  - name: api-build
  - name: worker-build
services:
  - name: api
    image_from_build: api-build
  - name: worker
    image_from_build: worker-bild
`), 0o644)
	plugin, _ := filepath.Abs("../../editors/nvim")
	result := filepath.Join(dir, "result")
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+filepath.Join(plugin, "test", "headless.lua"))
	cmd.Env = append(os.Environ(), "GREYLINT="+bin, "RESULT="+result, "PLUGIN="+plugin, "FILE="+file, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	done := make(chan error, 1)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("nvim did not finish: %s", out.String())
	}
	got, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("no result from nvim (%v): %s", err, out.String())
	}
	if string(got) != "ok" {
		t.Fatalf("nvim: %s\n%s", got, out.String())
	}
}
