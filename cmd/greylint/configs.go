package main

import (
	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// configResults returns the findings of the configuration files the run
// read (and the ones it could not read), in path order.
func configResults(r *config.Resolver) []*result {
	var out []*result
	for _, l := range r.Loaded() {
		res := &result{path: displayPath(l.Path), err: l.Err}
		if l.Err == nil && len(l.Diags) > 0 {
			src, _ := config.ReadSource(l.Path)
			res.src, res.lines, res.diags = src, lint.NewLines(src), l.Diags
		}
		if res.err != nil || len(res.diags) > 0 {
			out = append(out, res)
		}
	}
	return out
}
