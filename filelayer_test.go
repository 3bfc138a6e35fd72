package greylint_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbidden are the calls that open, read, list, walk, write, rename,
// remove or link a file by its name: outside the file layer (userfs) they
// would reach a user's file without its checks (a root, links that stay
// inside, regular files, a size cap, no blocking). Stat and Lstat are
// allowed: they read no content and never block.
var forbidden = map[string]map[string]bool{
	"os": set("Open", "OpenFile", "ReadFile", "WriteFile", "Create", "CreateTemp", "Rename", "Remove", "RemoveAll",
		"ReadDir", "Truncate", "Link", "Symlink", "Readlink", "Chmod", "Chown", "Lchown", "Chtimes", "Mkdir", "MkdirAll",
		"MkdirTemp", "DirFS", "OpenRoot", "OpenInRoot", "CopyFS", "NewFile"),
	"path/filepath": set("Walk", "WalkDir", "EvalSymlinks", "Glob"),
	"io/ioutil":     set("ReadFile", "WriteFile", "ReadDir", "TempFile", "TempDir"),
	"io/fs":         set("ReadFile", "ReadDir", "WalkDir", "Glob"),
	"syscall":       set("Open", "Openat", "Creat", "Rename", "Unlink", "Mkfifo", "Symlink", "Link", "Readlink"),
}

// allowed are the places that may call them: the file layer itself, the
// tools that write generated corpora and release archives (never a user's
// checkout), and output files named on the command line (a sink the user
// chose, checked by checkOutputPaths; not a file of the checkout).
var allowed = map[string]string{
	"userfs/":                           "the file layer",
	"internal/corpus/":                  "make bench-cli: writes and reads its own generated corpus",
	"internal/dist/":                    "make dist: reads the module's files, writes release archives",
	"internal/hostile/":                 "writes generated hostile projects into a temporary directory",
	"shellcheck/":                       "writes the scripts it checks (decoded from YAML values) into its own temporary directory, the one way to hand shellcheck several files in one process",
	"cmd/greylint/formats.go:os.Create": "--output / --format FORMAT=FILE: the report file the user named",
	"cmd/greylint/run.go:os.Create":     "--cpuprofile: the profile file the user named",
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Nothing but the file layer touches a file by its name: every Go file
// of the module (tests aside) is parsed, and each use of a forbidden
// function (a call or a function value, under any import name) outside
// the allowed places fails.
func TestOnlyUserfsTouchesFiles(t *testing.T) {
	bad := forbiddenUses(t, ".")
	for _, b := range bad {
		t.Errorf("%s: goes around the file layer; read and write user files through userfs (docs/SECURITY.md)", b)
	}
}

func forbiddenUses(t *testing.T, root string) []string {
	t.Helper()
	var bad []string
	fset := token.NewFileSet()
	checked := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "node_modules" || (strings.HasPrefix(n, ".") && p != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		for prefix := range allowed {
			if strings.HasSuffix(prefix, "/") && strings.HasPrefix(rel, prefix) {
				return nil
			}
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		names := map[string]string{} // local import name -> import path
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if forbidden[path] == nil {
				continue
			}
			name := path[strings.LastIndex(path, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if name == "." {
				bad = append(bad, rel+": dot-imports "+path)
			}
			names[name] = path
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			path, ok := names[id.Name]
			if !ok || !forbidden[path][sel.Sel.Name] {
				return true
			}
			call := id.Name + "." + sel.Sel.Name
			if _, ok := allowed[rel+":"+call]; ok {
				return true
			}
			bad = append(bad, fset.Position(sel.Pos()).String()+": "+call)
			return true
		})
		return nil
	})
	if checked < 20 {
		t.Fatalf("only %d Go files checked: the walk is broken", checked)
	}
	return bad
}
