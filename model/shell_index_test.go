package model

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// The script argument over every composition of the parts a container's
// command is made of: wrappers and their options, a shell (with or
// without a directory, busybox and its applet), the shell's options in
// every form, and what follows -c. Each part knows how many items it
// adds and whether it makes a script, so the expected index is built
// with the command, not written beside it.
func TestShellScriptIndexOverCompositions(t *testing.T) {
	type part struct {
		words []string
		ok    bool // the command can still run a script after it
		dashC bool // it asks the shell for a script (-c)
	}
	wrappers := []part{
		{nil, true, false},
		{[]string{"env"}, true, false},
		{[]string{"/usr/bin/env", "-i", "TZ=UTC"}, true, false},
		{[]string{"timeout", "10"}, true, false},
		{[]string{"timeout", "1.5m", "nice", "-n", "5"}, true, false},
		{[]string{"tini", "--"}, true, false},
		{[]string{"tini", "--", "--"}, false, false}, // "--" is not a shell
		{[]string{"su-exec"}, true, false},
		{[]string{"python3"}, false, false},
	}
	shells := []part{
		{[]string{"sh"}, true, false},
		{[]string{"/bin/bash"}, true, false},
		{[]string{"dash"}, true, false},
		{[]string{"busybox", "sh"}, true, false},
		{[]string{"busybox", "ash"}, true, false},
		{[]string{"busybox", "wget"}, false, false},
		{[]string{"/usr/bin/node"}, false, false},
		{[]string{"shx"}, false, false},
	}
	options := []part{
		{nil, true, false},
		{[]string{"-e"}, true, false},
		{[]string{"-o", "pipefail"}, true, false},
		{[]string{"+o", "c"}, true, false}, // "c" is -o's argument
		{[]string{"-O", "extglob", "+O", "nullglob"}, true, false},
		{[]string{"--login", "--norc"}, true, false},
		{[]string{"+x"}, true, false},
		{[]string{"+c"}, true, false}, // + turns an option off
		{[]string{"-"}, false, false}, // a lone dash is an operand
		{[]string{"-c"}, true, true},
		{[]string{"-ec"}, true, true},
		{[]string{"-xc", "-e"}, true, true},
		{[]string{"-c", "-o", "errexit"}, true, true},
	}
	tails := []struct {
		words []string
		at    int // index of the script within the tail, -1 for none
	}{
		{[]string{"S"}, 0},
		{[]string{"S", "name", "arg"}, 0},
		{[]string{"--", "S"}, 1},
		{[]string{"--"}, -1},
		{nil, -1},
	}
	n := 0
	for _, w := range wrappers {
		for _, s := range shells {
			for _, o := range options {
				for _, tl := range tails {
					var words []string
					words = append(append(append(append(words, w.words...), s.words...), o.words...), tl.words...)
					want := -1
					if w.ok && s.ok && o.ok && o.dashC && tl.at >= 0 {
						want = len(w.words) + len(s.words) + len(o.words) + tl.at
					}
					if got := shellScriptIndex(scalars(words), true); got != want {
						t.Errorf("command %q: script at %d, want %d", words, got, want)
					}
					n++
					// args alone: the image's entrypoint runs them, a
					// shell when they start with the shell's options.
					if len(w.words) == 0 && len(s.words) == 0 {
						want := -1
						if o.ok && o.dashC && tl.at >= 0 {
							want = len(o.words) + tl.at
						}
						if got := shellScriptIndex(scalars(words), false); got != want {
							t.Errorf("args alone %q: script at %d, want %d", words, got, want)
						}
					}
				}
			}
		}
	}
	if n < 4000 {
		t.Fatalf("only %d compositions", n)
	}
}

func scalars(words []string) []*yaml.Node {
	var items []*yaml.Node
	for _, w := range words {
		items = append(items, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: w})
	}
	return items
}
