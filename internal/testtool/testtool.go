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
	Slow(t, name+" end to end")
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

// MutationEnv is set by `make mutation` in the environment of every test run
// gremlins starts for a mutant.
const MutationEnv = "GREYLINT_MUTATION"

// Mutating reports whether this test run is one mutant's (MutationEnv set).
func Mutating() bool { return os.Getenv(MutationEnv) != "" }

// Slow skips t when it runs for a mutant: the test guards something a
// planted one-token bug rarely changes (how cost grows with the input, a
// real editor or hook end to end) and costs seconds, paid once per mutant
// (hundreds per package). A skipped test can only lower the efficacy
// make mutation reports, never raise it; CI and go test run it as always.
func Slow(t testing.TB, why string) {
	t.Helper()
	if Mutating() {
		t.Skipf("skipped per mutant (%s set): %s", MutationEnv, why)
	}
}
