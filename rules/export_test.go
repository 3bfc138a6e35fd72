package rules

import (
	"testing"

	"github.com/greylint/greylint/lint"
)

// For the cross-file cases (crossfile_test.go, package rules_test, which
// can import package workspace).

func CheckWants(t *testing.T, path string, src []byte, diags []lint.Diagnostic) {
	t.Helper()
	checkWants(t, path, src, diags)
}

func ExpectsRule(t *testing.T, src []byte, id string) bool {
	for _, w := range parseWants(t, string(src)) {
		if w.rule == id {
			return true
		}
	}
	return false
}
