package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestInterpolatedRepositoryShapes: a repository built from an owner and
// a repo, each a word, a placeholder (one whose text has a space or a
// slash too: only its value counts) or both, with or without a URL
// prefix or a .git suffix: interpolated-repository reports the ones with
// a placeholder that cannot become owner/repo (a URL, .git, or no slash
// between words), and no repository without a placeholder.
func TestInterpolatedRepositoryShapes(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	parts := []string{"acme", "${env.name}", "${a b}", "${a/b}", "x-${env.name}", "${env.name}-${commit.sha}"}
	n := 0
	for _, owner := range parts {
		for _, repo := range parts {
			for _, sep := range []string{"/", "-"} {
				for _, wrap := range [][2]string{{"", ""}, {"https://github.com/", ""}, {"", ".git"}} {
					r := wrap[0] + owner + sep + repo + wrap[1]
					hasPlaceholder := owner != "acme" || repo != "acme"
					want := hasPlaceholder && (sep != "/" || wrap != [2]string{})
					src := fmt.Sprintf("applications:\n  - name: api\n    repository: %q\n    branch: main\n", r)
					res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindApplications, Source: []byte(src)}, cfg)
					var got []lint.Diagnostic
					for _, d := range res.Diagnostics {
						if d.Rule == InterpolatedRepository.ID {
							got = append(got, d)
						}
					}
					n++
					if (len(got) == 1) != want || len(got) > 1 {
						t.Errorf("%q: %d findings, want reported=%v", r, len(got), want)
					} else if want && src[got[0].Range.Start:got[0].Range.End] != fmt.Sprintf("%q", r) {
						t.Errorf("%q: finding at %q", r, src[got[0].Range.Start:got[0].Range.End])
					}
				}
			}
		}
	}
	t.Logf("%d repositories", n)
}
