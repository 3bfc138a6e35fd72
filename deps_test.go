package greylint_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The import direction of docs/ARCHITECTURE.md (with workspace between config and
// the front ends, and the file layer, userfs, under config and workspace): cmd -> lsp, rules, lint, schema;
// rules -> lint, schema; lint -> yaml only; schema -> jsonschema only; only
// cmd imports pflag, and only lsp imports go.lsp.dev (directly: cmd reaches
// it through lsp).
func TestImportDirection(t *testing.T) {
	const mod = "github.com/greylint/greylint/"
	allowed := map[string][]string{
		"lint":            {"go.yaml.in/yaml/v3"},
		"userfs":          {}, // the file layer: the standard library only
		"shellcheck":      {}, // runs shellcheck: the standard library only
		"schema":          {"github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text", "github.com/dlclark/regexp2"},
		"model":           {mod + "lint", "go.yaml.in/yaml/v3", "mvdan.cc/sh/v3/"},
		"rules":           {mod + "shellcheck", mod + "lint", mod + "model", mod + "schema", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text", "github.com/dlclark/regexp2", "mvdan.cc/sh/v3/"},
		"rules/catalogue": {mod + "shellcheck", mod + "lint", mod + "model", mod + "schema", mod + "rules", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text", "github.com/dlclark/regexp2", "mvdan.cc/sh/v3/"},
		"config":          {mod + "shellcheck", mod + "userfs", mod + "lint", mod + "model", mod + "schema", mod + "rules", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text", "github.com/dlclark/regexp2", "mvdan.cc/sh/v3/"},
		"workspace":       {mod + "shellcheck", mod + "userfs", mod + "lint", mod + "model", mod + "schema", mod + "rules", mod + "config", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text", "github.com/dlclark/regexp2", "mvdan.cc/sh/v3/"},
		"lsp": {mod + "shellcheck", mod + "userfs", mod + "lint", mod + "model", mod + "schema", mod + "rules", mod + "config", mod + "workspace", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text",
			"github.com/dlclark/regexp2", "go.lsp.dev/", "mvdan.cc/sh/v3/", "github.com/go-json-experiment/json"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") || dep == mod+pkg {
				continue // standard library, or the package itself
			}
			permitted := false
			for _, p := range ok {
				if dep == p || strings.HasPrefix(dep, strings.TrimSuffix(p, "/")+"/") {
					permitted = true
				}
			}
			if !permitted {
				t.Errorf("%s depends on %s, which the import direction (docs/ARCHITECTURE.md) does not allow", pkg, dep)
			}
		}
	}
}

func TestOnlyCmdImportsPflagOnlyLspImportsLSP(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		for _, imp := range f[1:] {
			if strings.HasPrefix(imp, "github.com/spf13/pflag") && !strings.HasSuffix(f[0], "/cmd/greylint") {
				t.Errorf("%s imports pflag", f[0])
			}
			if strings.HasPrefix(imp, "go.lsp.dev/") && !strings.HasSuffix(f[0], "/lsp") {
				t.Errorf("%s imports %s", f[0], imp)
			}
		}
	}
}
