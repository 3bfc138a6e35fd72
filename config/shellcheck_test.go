package config

import (
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// The shellcheck family's IDs are rule IDs wherever the configuration takes
// one: the family, and each shellcheck code; anything else after the slash is
// not a rule. shellcheck: reaches the engine, and the overlay (the flag)
// wins over it.
func TestShellcheckConfig(t *testing.T) {
	for _, c := range []struct {
		id string
		ok bool
	}{{"shellcheck", true}, {"shellcheck/SC2086", true}, {"shellcheck/SC1000", true}, {"shellcheck/SC20", false}, {"shellcheck/2086", false}, {"shellcheck/", false}, {"unknown-field/SC2086", false}} {
		src := "shellcheck: /opt/sc\nrules:\n  " + c.id + ": error\nignore: [" + c.id + "]\n"
		f, diags := Parse("/repo/.greylint.yaml", []byte(src))
		var bad []string
		for _, d := range diags {
			bad = append(bad, d.Message)
		}
		if got := len(bad) == 0; got != c.ok {
			t.Errorf("%s: accepted %v, want %v (%s)", c.id, got, c.ok, strings.Join(bad, "; "))
		}
		if f.Shellcheck != "/opt/sc" || f.Lint("x.yaml").Shellcheck != "/opt/sc" {
			t.Errorf("shellcheck: read as %q", f.Shellcheck)
		}
		if c.ok && f.Lint("x.yaml").Severity[c.id] != lint.Off {
			t.Errorf("%s: ignore did not turn it off", c.id)
		}
	}
	if got := Default().Lint("x.yaml").Shellcheck; got != rules.ShellcheckAuto {
		t.Errorf("default setting %q, want %q", got, rules.ShellcheckAuto)
	}
	r := &Resolver{Explicit: "/nonexistent/.greylint.yaml"}
	r.SetOverlay(Overlay{Shellcheck: "off"})
	if cfg, _ := r.For("x.yaml"); cfg == nil || cfg.Shellcheck != "off" {
		t.Errorf("the overlay's off did not win: %+v", cfg)
	}
}
