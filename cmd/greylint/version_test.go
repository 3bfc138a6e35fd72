package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "08fda93a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		stamped, rev string
		bi           *debug.BuildInfo
		want         string
	}{
		{"0.2.0", "", vcs, "v0.2.0"},
		{"v0.2.0", "v0.2.0-3-g08fda93-dirty", nil, "v0.2.0 (v0.2.0-3-g08fda93-dirty)"},
		{"", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "v0.2.0"},
		{"", "", vcs, "dev (08fda93a1b2c-dirty)"},
		{"", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"", "", nil, "dev"},
	} {
		if got := versionFrom(c.stamped, c.rev, c.bi); got != c.want {
			t.Errorf("versionFrom(%q, %q, %+v) = %q, want %q", c.stamped, c.rev, c.bi, got, c.want)
		}
	}
}
