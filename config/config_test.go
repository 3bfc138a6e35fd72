package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

func TestTemplateIsValid(t *testing.T) {
	f, diags := Parse(".greylint.yaml", []byte(Template))
	if len(diags) != 0 || f.Strict {
		t.Errorf("template: %v", diags)
	}
	// The cross-file keys are there as commented examples which, uncommented,
	// are a valid configuration that sets them.
	uncommented := strings.NewReplacer("\n# repository:", "\nrepository:", "\n# repositories:\n#   ", "\nrepositories:\n  ",
		"\n# files:", "\nfiles:").Replace(Template)
	root := t.TempDir() // ../payments is read only when it is a checkout
	os.MkdirAll(filepath.Join(root, "payments", ".git"), 0o755)
	f, diags = Parse(filepath.Join(root, "repo", ".greylint.yaml"), []byte(uncommented))
	if len(diags) != 0 || f.Repository == "" || len(f.Repositories) != 1 || len(f.Files) != 1 {
		t.Errorf("the template's repository:/repositories:/files: examples, uncommented: %v; got %q %v %v", diags, f.Repository, f.Repositories, f.Files)
	}
}

func TestParse(t *testing.T) {
	src := `strict: true
rules:
  unknown-field: off
  no-cluster: error
  unknwn-build: warning
  duplicate-name: loud
extra_fields:
  service: [livenessProbe]
exclude:
  - "legacy/**"
  - path: ".greyhound/exp-*.yaml"
    rules: [unknown-field, nope]
colour: red
`
	f, diags := Parse("/repo/.greylint.yaml", []byte(src))
	want := []struct {
		line      int
		rule, msg string
	}{
		{5, "invalid-value", `no rule "unknwn-build"; did you mean "unknown-build"?`},
		{6, "invalid-value", `"duplicate-name" must be one of off, hint, info, warning, error; got "loud"`},
		{12, "invalid-value", `no rule "nope"`},
		{13, "unknown-field", `unknown field "colour"`},
	}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics %v, want %d", len(diags), diags, len(want))
	}
	lines := lint.NewLines([]byte(src))
	for i, w := range want {
		line, _ := lines.LineCol(diags[i].Range.Start)
		if line != w.line || diags[i].Rule != w.rule || !strings.Contains(diags[i].Message, w.msg) {
			t.Errorf("diagnostic %d: line %d %s %q, want line %d %s %q", i, line, diags[i].Rule, diags[i].Message, w.line, w.rule, w.msg)
		}
	}
	if !f.Strict || f.Severity["unknown-field"] != lint.Off || f.Severity["no-cluster"] != lint.Error || f.ExtraFields["service"][0] != "livenessProbe" {
		t.Errorf("file %+v", f)
	}
	tests := []struct {
		path  string
		all   bool
		rules string
	}{
		{"/repo/legacy/a/.greyhound/config.yaml", true, ""},
		{"/repo/.greyhound/exp-1.yaml", false, "unknown-field"},
		{"/repo/.greyhound/config.yaml", false, ""},
		{"/elsewhere/.greyhound/exp-1.yaml", false, ""},
	}
	for _, tt := range tests {
		all, rules := f.Skip(tt.path)
		if all != tt.all || strings.Join(rules, ",") != tt.rules {
			t.Errorf("Skip(%s) = %v %v, want %v %q", tt.path, all, rules, tt.all, tt.rules)
		}
	}
	cfg := f.Lint("/repo/.greyhound/exp-1.yaml")
	if cfg.Severity["unknown-field"] != lint.Off || !cfg.Strict || !cfg.IsExtraField("service", "livenessProbe") {
		t.Errorf("lint config %+v", cfg)
	}
}

// select, ignore (rule IDs) and fail_on, with their mistakes positioned;
// an old-style path under ignore is told to move to exclude; a huge or
// non-ASCII glob neither panics nor fails to match.
func TestSelectIgnoreFailOnExclude(t *testing.T) {
	long := strings.Repeat("a", maxGlob+1)
	src := "select: [unknown-field, unknown-build, unknwn-service]\nignore: [legacy/**, public-visibility]\nfail_on: warning\nexclude:\n  - \"été/**\"\n  - \"" + long + "\"\n"
	f, diags := Parse("/repo/.greylint.yaml", []byte(src))
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`no rule "unknwn-service"; did you mean "unknown-service"?`, `"legacy/**" looks like a path; ignore lists rule IDs, and paths not to lint go under exclude:`, "patterns are limited to 4096"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if strings.Join(f.Select, ",") != "unknown-field,unknown-build" || strings.Join(f.Ignore, ",") != "public-visibility" || f.FailOn != lint.Warning {
		t.Errorf("select %v ignore %v fail_on %v", f.Select, f.Ignore, f.FailOn)
	}
	if all, _ := f.Skip("/repo/été/.greyhound/config.yaml"); !all {
		t.Error("the non-ASCII glob does not match")
	}
	cfg := f.Lint("/repo/.greyhound/config.yaml")
	if cfg.Severity["no-cluster"] != lint.Off || cfg.Severity["public-visibility"] != lint.Off || cfg.Enabled(lint.Syntax) != true {
		t.Errorf("selection: %v", cfg.Severity)
	}
	if _, off := cfg.Severity["unknown-field"]; off {
		t.Error("a selected rule is off")
	}
}

func TestFindStopsAtTheRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "apps", "api", ".greyhound")
	os.MkdirAll(deep, 0o755)
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	os.WriteFile(filepath.Join(root, FileName), []byte("strict: true\n"), 0o644) // outside the repository
	if p, ok := Find(deep); ok {
		t.Errorf("found %s outside the repository", p)
	}
	os.WriteFile(filepath.Join(repo, "apps", FileName), []byte("strict: true\n"), 0o644)
	if p, ok := Find(deep); !ok || p != filepath.Join(repo, "apps", FileName) {
		t.Errorf("Find = %s %v", p, ok)
	}
}

// Outside a git repository, discovery stops at the directory that holds
// .greyhound/: a configuration three directories above the project does not
// apply (it used to turn rules off).
func TestFindStopsWithoutGit(t *testing.T) {
	root := t.TempDir()
	project := filepath.Join(root, "a", "b", "project")
	os.MkdirAll(filepath.Join(project, ".greyhound"), 0o755)
	os.WriteFile(filepath.Join(root, FileName), []byte("rules:\n  unknown-field: off\n"), 0o644)
	if p, ok := Find(filepath.Join(project, ".greyhound")); ok {
		t.Errorf("found %s above the project, outside any repository", p)
	}
	os.WriteFile(filepath.Join(project, FileName), []byte("strict: true\n"), 0o644)
	if p, ok := Find(filepath.Join(project, ".greyhound")); !ok || p != filepath.Join(project, FileName) {
		t.Errorf("Find = %s %v", p, ok)
	}
}

// repositories: maps only checkouts: a directory without .greyhound/ or
// .git (a pull request's .greylint.yaml pointing at ~/.config, /etc) is
// refused with a warning and never read.
func TestRepositoriesMapOnlyCheckouts(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "payments", ".greyhound"), 0o755)
	os.MkdirAll(filepath.Join(dir, "secrets"), 0o755)
	path := filepath.Join(dir, "repo", FileName)
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, diags := Parse(path, []byte("repositories:\n  acme/payments: ../payments\n  acme/secrets: ../secrets\n"))
	if _, ok := f.Repositories["acme/payments"]; !ok {
		t.Errorf("the payments checkout was not mapped: %v", f.Repositories)
	}
	if _, ok := f.Repositories["acme/secrets"]; ok {
		t.Error("a directory that is no checkout was mapped")
	}
	if len(diags) != 1 || diags[0].Severity != lint.Warning || !strings.Contains(diags[0].Message, "not a checkout") {
		t.Errorf("diagnostics %+v", diags)
	}
}

// repository: and files: are checked: a value that is not owner/name, a
// repositories key that is not owner/name, and a glob that cannot be used
// are findings on their own range; good ones are read.
func TestRepositoryAndFilesSettings(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "payments", ".greyhound"), 0o755)
	path := filepath.Join(dir, "repo", FileName)
	src := "repository: not-a-repo\nrepositories:\n  payments: ../payments\nfiles: [\"deploy/*.yml\", \"" + strings.Repeat("a", maxGlob+1) + "\"]\n"
	f, diags := Parse(path, []byte(src))
	want := []string{`repository "not-a-repo" is not owner/name (e.g. acme-corp/api); write`, `"payments" is not owner/name`, "patterns are limited"}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics %+v", diags)
	}
	for i, d := range diags {
		if !strings.Contains(d.Message, want[i]) || d.Severity != lint.Error || d.Range.End <= d.Range.Start {
			t.Errorf("finding %d: %s %q, want an error saying %q", i, d.Severity, d.Message, want[i])
		}
	}
	if f.Repository != "" || len(f.Repositories) != 0 || len(f.Files) != 1 {
		t.Errorf("read: %q %v %d globs", f.Repository, f.Repositories, len(f.Files))
	}
	good, diags := Parse(path, []byte("repository: Acme-Corp/API\nfiles: [\"deploy/*.yml\"]\n"))
	if len(diags) != 0 || good.Repository != "Acme-Corp/API" || !good.IsFile(filepath.Join(dir, "repo", "deploy", "api.yml")) || good.IsFile(filepath.Join(dir, "repo", "deploy", "x", "api.yml")) {
		t.Errorf("good settings: %+v %+v", good, diags)
	}
}
