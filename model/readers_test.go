package model

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Who reads each string, over every place a string can be read from and
// every sharing of one node through an alias: the value marked in the
// text (a tag word in it) must get its reader, a shell's reading must win
// over any other use of the same node, whatever the order they are met
// in, and only a shell's strings have a Script.
func TestReadersOfEveryPlace(t *testing.T) {
	places := []struct {
		name string
		yaml string // %s: the value
		want Reader
	}{
		{"env value", "services:\n  - name: a\n    image: x\n    env:\n      - name: E\n        value: %s\n", ReadByKubernetes},
		{"command word", "services:\n  - name: a\n    image: x\n    command: [node, %s]\n", ReadByKubernetes},
		{"args word", "jobs:\n  - name: a\n    image: x\n    args: [%s]\n", ReadByKubernetes},
		{"script of sh -c", "services:\n  - name: a\n    image: x\n    command: [sh, -c, %s]\n", ReadByShell},
		{"script in args", "jobs:\n  - name: a\n    image: x\n    command: [bash]\n    args: [-ec, %s]\n", ReadByShell},
		{"args alone", "jobs:\n  - name: a\n    image: x\n    args: [-c, %s]\n", ReadByShell},
		{"configmap .sh", "configmaps:\n  - name: c\n    data:\n      run.sh: %s\n", ReadAsShellFile},
		{"configmap .bash", "configmaps:\n  - name: c\n    data:\n      run.bash: %s\n", ReadAsShellFile},
		{"configmap file", "configmaps:\n  - name: c\n    data:\n      app.conf: %s\n", ReadAsFile},
		{"configmap #!", "configmaps:\n  - name: c\n    data:\n      run: %s\n", ReadAsShellFile},
		{"image", "services:\n  - name: a\n    image: %s\n", ReadByNobody},
	}
	value := func(place string) string {
		if place == "configmap #!" {
			return `"#!/bin/sh\necho MARK"`
		}
		return `"echo MARK"`
	}
	find := func(m *Model, root *yaml.Node) *yaml.Node {
		var found *yaml.Node
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "MARK") {
				found = n
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(root)
		return found
	}
	check := func(label, src string, want Reader) {
		t.Helper()
		m := parse(t, src)
		n := find(m, m.Doc.Root)
		if n == nil {
			t.Fatalf("%s: no marked value in\n%s", label, src)
		}
		if got := m.ReaderOf(n); got != want {
			t.Errorf("%s: read by %v, want %v\n%s", label, got, want, src)
		}
		if got := m.Script(n) != nil; got != want.Shell() {
			t.Errorf("%s: a script %v, want %v", label, got, want.Shell())
		}
	}
	for _, p := range places {
		check(p.name, fmt.Sprintf(p.yaml, value(p.name)), p.want)
	}
	// One node read in two places through an alias: the readers are
	// met env first, then the workloads' command and args, then the
	// configmaps, whatever the order in the text; a shell's reading is
	// never replaced, and configmap data is a file only when nothing
	// else reads it.
	phase := map[string]int{"env value": 0, "command word": 1, "args word": 1, "script of sh -c": 1, "script in args": 1, "args alone": 1, "image": 3}
	simulate := func(names ...string) Reader {
		cur := ReadByNobody
		set := func(r Reader) {
			if cur != r && !cur.Shell() {
				cur = r
			}
		}
		for ph := 0; ph <= 3; ph++ {
			for _, name := range names {
				if p, ok := phase[name]; (ok && p != ph) || (!ok && ph != 2) {
					continue
				}
				switch name {
				case "env value", "command word", "args word":
					set(ReadByKubernetes)
				case "script of sh -c", "script in args", "args alone":
					set(ReadByKubernetes)
					set(ReadByShell)
				case "configmap .sh", "configmap .bash":
					set(ReadAsShellFile)
				case "configmap file":
					if cur == ReadByNobody {
						cur = ReadAsFile
					}
				}
			}
		}
		return cur
	}
	pairs := 0
	for _, a := range places {
		for _, b := range places {
			if a.name == "configmap #!" || b.name == "configmap #!" {
				continue
			}
			src := mergeTop(fmt.Sprintf(a.yaml, "&v "+value(a.name)), fmt.Sprintf(b.yaml, "*v"))
			if src == "" {
				continue
			}
			check(a.name+" then "+b.name, src, simulate(a.name, b.name))
			pairs++
		}
	}
	if pairs < 40 {
		t.Fatalf("only %d pairs", pairs)
	}
}

// mergeTop joins two one-section documents, the first's section first
// (anchors must come before their aliases); "" when both are the same
// section.
func mergeTop(a, b string) string {
	sa, _, _ := strings.Cut(a, ":")
	sb, _, _ := strings.Cut(b, ":")
	if sa == sb {
		return ""
	}
	return a + b
}

// A script is parsed when first asked for, once: building a model parses
// none (the models of a checkout's other files never need them).
func TestScriptsAreParsedWhenAsked(t *testing.T) {
	m := parse(t, "services:\n  - name: a\n    image: x\n    command: [sh, -c, \"echo $(date)\"]\n")
	if len(m.scripts) != 0 {
		t.Fatalf("the model parsed %d scripts before any was asked for", len(m.scripts))
	}
	var n *yaml.Node
	for node, r := range m.readers {
		if r == ReadByShell {
			n = node
		}
	}
	if n == nil {
		t.Fatal("no script in the model")
	}
	s := m.Script(n)
	if s == nil || !s.Parsed || m.Script(n) != s || len(m.scripts) != 1 {
		t.Errorf("Script: %+v, parsed once: %v", s, len(m.scripts) == 1)
	}
}
