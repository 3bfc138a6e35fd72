package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greylint/greylint/internal/testtool"
)

// TestNeovim runs the Neovim plugin and the server in a real editor:
// headless Neovim (0.7.2 in CI) opens a config with a mistake before the
// plugin's setup (lazy loading), waits for the diagnostic, completes a build
// through omnifunc by typing <C-x><C-o>, runs a lens's command, attaches to
// the config_source target the server reports, and sees a killed server
// restarted (editors/nvim/test/headless.lua).
func TestNeovim(t *testing.T) {
	nvim := testtool.Need(t, "nvim", "apt-get install neovim")
	dir := t.TempDir()
	bin := filepath.Join(dir, "greylint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := filepath.Join(dir, "repo")
	files := map[string]string{
		".greyhound/config.yaml": `builds:
  - name: api-build
  - name: worker-build
services:
  - name: api
    image_from_build: api-build
  - name: worker
    image_from_build: worker-bild
`,
		".greylint.yaml": "repository: acme-corp/api\n",
		".greyhound/applications.yaml": `applications:
  - name: api
    repository: acme-corp/api
    branch: main
    default_cluster: eks
  - name: tools
    repository: acme-corp/api
    branch: main
    default_cluster: eks
    config_source: deploy/greyhound.yaml
`,
		"deploy/greyhound.yaml": "services:\n  - name: tool\n    image: busybox\n",
	}
	for name, text := range files {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plugin, _ := filepath.Abs("../../editors/nvim")
	runNvim(t, nvim, filepath.Join(plugin, "test", "headless.lua"), "GREYLINT="+bin, "PLUGIN="+plugin,
		"FILE="+filepath.Join(repo, ".greyhound", "config.yaml"), "SOURCE="+filepath.Join(repo, "deploy", "greyhound.yaml"))
}

// TestNeovimConfig loads lsp/greylint.lua, the configuration for Neovim
// 0.11+'s vim.lsp.config, in the Neovim at hand: its fields, and settings
// that encode as JSON objects.
func TestNeovimConfig(t *testing.T) {
	nvim := testtool.Need(t, "nvim", "apt-get install neovim")
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
