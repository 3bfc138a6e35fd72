package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/greylint/greylint/lint"
)

var MissingConfigSource = &lint.Rule{
	CrossFile: true,
	ID:        "missing-config-source",
	Summary:   "an application's config file does not exist in its repository's checkout",
	Severity:  lint.Error,
	Kinds:     []lint.Kind{lint.KindApplications},
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes config_source to the one config file of .greyhound/ whose name is closest: a guess"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Run: runMissingConfigSource,
}

// configFiles are a repository's config files, by file name without its
// extension, for did-you-mean.
type configFiles struct {
	byStem map[string]string
	stems  *lint.Candidates
}

func runMissingConfigSource(p *lint.Pass) {
	byRepo := map[string]*configFiles{} // listed once per repository, not per application
	for _, c := range appConfigs(p) {
		if c.file != nil {
			continue
		}
		a, repo, rel, at := c.app, c.repo, c.rel, c.at
		clean := path.Clean(rel)
		if a.ConfigSource.Value == nil {
			p.Reportf(p.Doc.Range(at), "application %q has no config_source, so greyhound reads %s, which does not exist in %q; add that file or set config_source to the application's config", a.NameString(), clean, repo)
			continue
		}
		// Guess by file name: every candidate shares ".greyhound/", which
		// would make any two names look close.
		files := byRepo[repo]
		if files == nil {
			files = &configFiles{byStem: map[string]string{}}
			var stems []string
			for _, c := range configNames(p.File.Workspace, repo) {
				files.byStem[stem(c)] = c
				stems = append(stems, stem(c))
			}
			files.stems = lint.NewCandidates(stems)
			byRepo[repo] = files
		}
		what := fmt.Sprintf("config_source %q does not exist in %q", rel, repo)
		g := files.stems.Guess(stem(clean))
		d := lint.Diagnostic{Range: p.Doc.Range(at), Message: what + "; create it, or name the application's config (a .yaml file of its repository)"}
		if len(g.Names) > 0 {
			full := lint.Guess{Match: g.Match}
			for _, n := range g.Names {
				full.Names = append(full.Names, files.byStem[n])
			}
			d.Message = fmt.Sprintf("%s; did you mean %s?", what, full.Phrase())
			d.Fixes = full.Fixes(false, func(s string) lint.Fix {
				return lint.Fix{Title: fmt.Sprintf("change to %q", s), Edits: []lint.Edit{replaceScalar(p.Doc, at, s)}}
			})
		}
		p.Report(d)
	}
}

// configNames lists the config files in repo's .greyhound/ directory, as
// config_source would name them.
func configNames(ws lint.Workspace, repo string) []string {
	lister, ok := ws.(interface{ ConfigNames(repo string) []string })
	if !ok {
		return nil
	}
	return lister.ConfigNames(repo)
}

// stem is a path's file name without its .yaml or .yml extension.
func stem(p string) string {
	return strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".yaml"), ".yml")
}
