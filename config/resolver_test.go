package config

import (
	"os"
	"path/filepath"
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
