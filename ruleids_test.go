package greylint_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/greylint/greylint/rules"
)

// Every rule is declared once, and referred to by its identifier: a rule
// ID written as a string literal anywhere else in the code (a typo there
// would silently drop or misfile findings) fails this test. The only
// literals allowed are the ID: fields of the declarations and the schema
// package's constants, which the schema rules' declarations use.
func TestRuleIDsAreDeclaredOnce(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range rules.All() {
		ids[r.ID] = true
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "editors" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() && path == "shellcheck" {
			return filepath.SkipDir // names the executable, after which the rule family shellcheck/SCnnnn is named
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		allowed := map[*ast.BasicLit]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "ID" {
					if lit, ok := n.Value.(*ast.BasicLit); ok {
						allowed[lit] = true
					}
				}
			case *ast.GenDecl:
				if n.Tok == token.CONST && f.Name.Name == "schema" {
					for _, s := range n.Specs {
						for _, v := range s.(*ast.ValueSpec).Values {
							if lit, ok := v.(*ast.BasicLit); ok {
								allowed[lit] = true
							}
						}
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING || allowed[n] {
					return true
				}
				if s, err := strconv.Unquote(n.Value); err == nil && ids[s] {
					t.Errorf("%s: the rule ID %q is written as a literal; refer to the rule's declaration", fset.Position(n.Pos()), s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every "x-rule" of the published schemas names a registered rule: a typo
// there would file violations under a rule that does not exist.
func TestSchemaRulesAreRegistered(t *testing.T) {
	files, _ := filepath.Glob("schema/*.schema.json")
	if len(files) < 2 {
		t.Fatalf("schemas not found: %v", files)
	}
	seen := 0
	var walk func(file string, v any)
	walk = func(file string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "x-rule" {
					seen++
					if id, _ := c.(string); rules.ByID(id) == nil {
						t.Errorf("%s: x-rule %v names no registered rule", file, c)
					}
				}
				walk(file, c)
			}
		case []any:
			for _, c := range x {
				walk(file, c)
			}
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(f, v)
	}
	if seen == 0 {
		t.Error("no x-rule found in the schemas")
	}
}
