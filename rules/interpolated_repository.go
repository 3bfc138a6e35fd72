package rules

import (
	"regexp"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var InterpolatedRepository = &lint.Rule{
	ID:       "interpolated-repository",
	Summary:  "an interpolated repository or branch that cannot be valid after substitution",
	Severity: lint.Info,
	Kinds:    []lint.Kind{lint.KindApplications},
	Run:      runInterpolatedRepository,
}

var repoShape = regexp.MustCompile(`^[^/\s]+/[^/\s]+$`)

var urlOrGitSuffix = regexp.MustCompile(`\.git$|^https?:`)

func runInterpolatedRepository(p *lint.Pass) {
	for _, a := range model.Of(p).Applications {
		n := a.Repository.Value
		s, ok := lint.Str(n)
		phs := model.Placeholders(s)
		if !ok || len(phs) == 0 {
			continue
		}
		sub := s
		for i := len(phs) - 1; i >= 0; i-- {
			ph := phs[i]
			sub = sub[:ph.Index] + "word" + sub[ph.Index+len(ph.Text):]
		}
		if repoShape.MatchString(sub) && !urlOrGitSuffix.MatchString(sub) {
			continue
		}
		p.Reportf(p.Doc.Range(n), "repository %q cannot become a GitHub owner/repo after interpolation; keep the owner/repo shape around the placeholders", s)
	}
}
