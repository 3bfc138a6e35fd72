package main

import (
	"io"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/userfs"
)

// fixConfigs applies the safe fixes of the configuration files the run
// read (a misspelt rule ID that has one close match), before anything is
// linted: a mistake in .greylint.yaml stops the run, so --fix must repair
// it first for its [*] to be true. Only a configuration file --fix may
// write is fixed: under the writable root of one of the inputs (the
// paths given, or the checkout). A file whose fixed text would have a
// finding the text before did not have is left as it is. The resolver
// then reads the files again. It returns the number of fixes applied.
func fixConfigs(configs *config.Resolver, inputs []input, stderr io.Writer) int {
	applied := 0
	for _, l := range configs.Loaded() {
		if l.Err != nil {
			continue
		}
		var fixes []lint.Fix
		for _, d := range l.Diags {
			if f, ok := d.SafeFix(); ok {
				fixes = append(fixes, f)
			}
		}
		if len(fixes) == 0 {
			continue
		}
		var root userfs.Root
		for _, in := range inputs {
			if in.src == nil && !in.root.IsZero() && !in.root.ReadOnly() && in.root.Contains(l.Path) {
				root = in.root
				break
			}
		}
		if root.IsZero() {
			continue
		}
		src, err := config.ReadSource(l.Path)
		if err != nil {
			continue
		}
		text, n := lint.ApplyFixes(src, fixes)
		if _, after := config.Parse(l.Path, text); lint.AddedFinding(l.Diags, fixes, after) != nil {
			continue
		}
		if err := writeFixed(input{path: l.Path, root: root}, src, text); err != nil {
			sayf(stderr, "%s", visible(err.Error()))
			continue
		}
		sayf(stderr, "%s: %d fixed", visible(displayPath(l.Path)), n)
		applied += n
	}
	if applied > 0 {
		configs.Forget()
		for _, in := range inputs {
			configs.Load(in.path)
		}
	}
	return applied
}
