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
	runNvim(t, nvim, filepath.Join(plugin, "test", "headless.lua"), "GREYLINT="+bin, "PLUGIN="+plugin, "FILE="+file)
}

// TestNeovimConfig loads lsp/greylint.lua, the configuration for Neovim
// 0.11+'s vim.lsp.config, in the Neovim at hand: its fields, and settings
// that encode as JSON objects.
func TestNeovimConfig(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil && os.Getenv("CI") != "" {
		t.Fatal("nvim is not installed, but CI must run the real-editor test (.ci/run installs neovim)")
	}
	if err != nil {
		t.Skip("nvim is not installed")
	}
	plugin, _ := filepath.Abs("../../editors/nvim")
	runNvim(t, nvim, filepath.Join(plugin, "test", "config.lua"), "PLUGIN="+plugin)
}

// runNvim runs a Lua script in headless Neovim; the script writes "ok" or
// the reason it failed to $RESULT.
func runNvim(t *testing.T, nvim, script string, env ...string) {
	t.Helper()
	dir := t.TempDir()
	result := filepath.Join(dir, "result")
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Env = append(append(os.Environ(), "RESULT="+result, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir), env...)
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
