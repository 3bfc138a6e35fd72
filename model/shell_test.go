package model

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestShellScriptIndex(t *testing.T) {
	cases := []struct {
		cmd, args string // space-separated items; "" for none
		want      int
	}{
		{"bash -c S", "", 2},
		{"/bin/sh -ec S", "", 2},
		{"sh -e -u -c S extra", "", 4},
		{"bash -o pipefail -c S", "", 4},
		{"bash --login -c S", "", 3},
		{"bash -lc S", "", 2},
		{"/usr/bin/env bash -c S", "", 3},
		{"env TZ=UTC bash -c S", "", 4},
		{"tini -- sh -c S", "", 4},
		{"busybox sh -c S", "", 3},
		{"sh", "-c S", 2},
		{"bash -c", "S", 2},
		{"", "-c S", 1}, // args alone, starting with -c: the entrypoint's shell
		{"bash script.sh", "", -1},
		{"python -c S", "", -1},
		{"sh -e S", "", -1},
		{"node -e S", "", -1},
		{"", "S", -1},
	}
	for _, c := range cases {
		var items []*yaml.Node
		for _, w := range append(strings.Fields(c.cmd), strings.Fields(c.args)...) {
			items = append(items, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: w})
		}
		if got := shellScriptIndex(items, c.cmd != ""); got != c.want {
			t.Errorf("command %q args %q: script at %d, want %d", c.cmd, c.args, got, c.want)
		}
	}
}

func TestParseScript(t *testing.T) {
	cases := []struct {
		script     string
		parsed     bool
		unclosedAt int // -1: not unclosed
		paramAt    int // an offset that opens a parameter expansion, or -1
	}{
		{`echo "done: $(date -u +%FT%TZ)"`, true, -1, -1},
		{`n=$((n + 1)); echo ${A:-${B}}`, true, -1, 19},
		{`echo ${commit.sha} $$(date)`, true, -1, -1},
		{`echo "start: $(date -u`, false, 13, -1},
		{`echo ${A:-x`, false, 5, -1},
		{`echo 'it''s`, false, -1, -1},
	}
	for _, c := range cases {
		s := ParseScript(c.script, true)
		at := -1
		if s.Unclosed {
			at = s.ErrAt
		}
		if s.Parsed != c.parsed || at != c.unclosedAt {
			t.Errorf("%q: parsed %v unclosed at %d (%s), want %v, %d", c.script, s.Parsed, at, s.Err, c.parsed, c.unclosedAt)
		}
		if c.paramAt >= 0 && !s.params[c.paramAt] {
			t.Errorf("%q: no parameter expansion at %d: %v", c.script, c.paramAt, s.params)
		}
	}
}
