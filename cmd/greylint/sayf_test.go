package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Every line greylint writes to standard error goes through sayf (the one
// escaping layer: bounded, control and bidirectional characters escaped),
// so no path, argument or error text from the input reaches the terminal
// as it is: no fmt.Fprint* to stderr outside escape.go.
func TestStderrGoesThroughSayf(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "escape.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !strings.HasPrefix(sel.Sel.Name, "Fprint") {
				return true
			}
			if id, ok := call.Args[0].(*ast.Ident); ok && id.Name == "stderr" {
				t.Errorf("%s: %s.%s to stderr: print through sayf", fset.Position(call.Pos()), sel.X, sel.Sel.Name)
			}
			return true
		})
	}
}
