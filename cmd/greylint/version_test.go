package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/testtool"
)

func TestVersionFrom(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "08fda93a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		stamped, rev, file string
		bi                 *debug.BuildInfo
		want               string
	}{
		{"0.2.0", "", "0.2.0", vcs, "v0.2.0"},
		{"v0.2.0", "v0.2.0-3-g08fda93-dirty", "0.2.0", nil, "v0.2.0 (v0.2.0-3-g08fda93-dirty)"},
		{"", "", "0.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "v0.2.0"},
		{"", "", "0.2.0", vcs, "v0.2.0-dev (08fda93a1b2c-dirty)"},
		{"", "", "0.3.1", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v0.3.1-dev"},
		{"", "", "0.2.0", nil, "v0.2.0-dev"},
		{"", "", "", vcs, "dev (08fda93a1b2c-dirty)"},
		// Go 1.24+ stamps a checkout's build: a pseudo-version, "+dirty",
		// or the tag it sits on.
		{"", "", "0.2.0", withVCS("v0.0.0-20261208013251-08fda93a1b2c", false), "v0.2.0-dev (08fda93a1b2c)"},
		{"", "", "0.2.0", withVCS("v0.1.1-0.20261208013251-08fda93a1b2c+dirty", true), "v0.2.0-dev (08fda93a1b2c-dirty)"},
		{"", "", "0.2.0", withVCS("v0.2.0+dirty", true), "v0.2.0-dev (08fda93a1b2c-dirty)"},
		{"", "", "0.2.0", withVCS("v0.2.0", false), "v0.2.0"},
		{"", "", "0.2.0", withVCS("v0.1.0", false), "v0.2.0-dev (08fda93a1b2c)"},
	} {
		if got := versionFrom(c.stamped, c.rev, c.file, c.bi); got != c.want {
			t.Errorf("versionFrom(%q, %q, %q, %+v) = %q, want %q", c.stamped, c.rev, c.file, c.bi, got, c.want)
		}
	}
}

func withVCS(version string, dirty bool) *debug.BuildInfo {
	return &debug.BuildInfo{Main: debug.Module{Version: version}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "08fda93a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.modified", Value: fmt.Sprint(dirty)},
	}}
}

// TestPlainBuildNamesTheVersionFile: `go build` with no -ldflags, as a
// person does in a checkout, reports the VERSION file's version as a
// development build (it said "greylint dev").
func TestPlainBuildNamesTheVersionFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds greylint")
	}
	// What it guards is the go command's stamping (TestVersionFrom holds
	// versionFrom's every branch); 3 s of each mutant's run.
	testtool.Slow(t, "a build of greylint by the go command")
	file, err := os.ReadFile("../../VERSION")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "greylint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	want := "greylint v" + strings.TrimSpace(string(file)) + "-dev"
	if err != nil || !strings.HasPrefix(string(out), want) {
		t.Errorf("--version of a plain build: %q %v, want %q...", out, err, want)
	}
}
