// Package testtool finds the real programs the tests run (editors,
// pre-commit, shellcheck): a test skips where one is missing, except in CI
// (CI set), where .ci/run installs it and a missing one fails the test.
// It imports nothing of greylint.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the program name, or skips t where it is not
// installed (install says how to get it); with CI set, t fails instead.
func Need(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed ("+install+")", err)
	}
	return p
}

// Missing skips t because of what is missing, or fails it in CI, which
// must run every test.
func Missing(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, but CI must run this test (.ci/run installs it): %v", what, err)
	}
	t.Skipf("%s: %v", what, err)
}
