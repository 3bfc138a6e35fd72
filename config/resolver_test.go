package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greylint/greylint/lint"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The configuration files read are reported in path order, whatever the
// order the (concurrent) lint asked for them; the CLI used to iterate a map.
func TestResolverLoadedInPathOrder(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	var files []string
	for _, d := range []string{"c", "a", "b", "e", "d"} {
		write(t, filepath.Join(root, d, FileName), "rules:\n  no-such-rule: off\n")
		files = append(files, filepath.Join(root, d, ".greyhound", "config.yaml"))
	}
	for range 5 {
		r := &Resolver{}
		for _, f := range files {
			r.For(f)
		}
		var got []string
		for _, l := range r.Loaded() {
			got = append(got, filepath.Base(filepath.Dir(l.Path)))
			if len(l.Diags) == 0 {
				t.Errorf("%s: no finding for the unknown rule", l.Path)
			}
		}
		if want := "[a b c d e]"; fmtList(got) != want {
			t.Fatalf("loaded %v, want %s", got, want)
		}
		if !r.Broken() {
			t.Error("an unknown rule is an error in the configuration; Broken should say so")
		}
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}

// An overlay replaces the file's strict in both directions (--strict,
// --strict=false) and its severities; without one the file decides.
func TestResolverOverlay(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	write(t, filepath.Join(root, FileName), "strict: true\nrules:\n  unused-definition: off\n")
	file := filepath.Join(root, ".greyhound", "config.yaml")
	r := &Resolver{}
	if cfg, _ := r.For(file); !cfg.Strict || cfg.Severity["unused-definition"] != lint.Off {
		t.Fatalf("without an overlay: strict %v, severity %v", cfg.Strict, cfg.Severity)
	}
	off := false
	r.SetOverlay(Overlay{Strict: &off, Severity: map[string]lint.Severity{"unused-definition": lint.Info}})
	if cfg, _ := r.For(file); cfg.Strict || cfg.Severity["unused-definition"] != lint.Info {
		t.Errorf("with strict=false and info: strict %v, severity %v", cfg.Strict, cfg.Severity["unused-definition"])
	}
}

// A watching resolver (the server) reads a changed file again; the CLI's
// reads it once.
func TestResolverWatch(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	cfgPath := filepath.Join(root, FileName)
	write(t, cfgPath, "strict: false\n")
	file := filepath.Join(root, ".greyhound", "config.yaml")
	watch, once := &Resolver{Watch: true}, &Resolver{}
	watch.For(file)
	once.For(file)
	write(t, cfgPath, "strict: true\n")
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(cfgPath, later, later)
	if cfg, _ := watch.For(file); !cfg.Strict {
		t.Error("the watching resolver did not read the changed file")
	}
	if cfg, _ := once.For(file); cfg.Strict {
		t.Error("the CLI's resolver read the file twice")
	}
}

// Many repositories side by side (a directory of checkouts, the CLI
// benchmark): each directory is probed on disk once, however many files
// below it ask for their configuration, and each still gets its own.
func TestResolverProbesEachDirectoryOnce(t *testing.T) {
	root := t.TempDir()
	const n = 40
	for i := range n {
		dir := filepath.Join(root, fmt.Sprintf("r%02d", i), ".greyhound")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			os.WriteFile(filepath.Join(root, fmt.Sprintf("r%02d", i), FileName), []byte("strict: true\n"), 0o644)
		}
	}
	r := &Resolver{}
	for i := range n {
		for _, f := range []string{"config.yaml", "applications.yaml"} {
			got := r.PathFor(filepath.Join(root, fmt.Sprintf("r%02d", i), ".greyhound", f))
			if want := i%2 == 0; (got != "") != want {
				t.Fatalf("r%02d/%s: configuration %q", i, f, got)
			}
		}
	}
	depth := strings.Count(filepath.Clean(root), string(filepath.Separator)) + 1
	if limit := 2*n + depth; r.finder.calls < 2*n || r.finder.calls > limit {
		t.Errorf("%d directories probed for %d repositories (at least %d, at most %d: each of their two directories and the %d above)", r.finder.calls, n, 2*n, limit, depth)
	}
}
