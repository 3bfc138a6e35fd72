package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/greylint/greylint/lint"
)

// nowhere is a workspace that sees no other checkout and no referrer.
type nowhere struct{}

func (nowhere) Open(string, string) (*lint.WorkspaceFile, bool) { return nil, false }
func (nowhere) Referrers(string) (int, bool)                    { return 0, false }

// An ignore that suppresses nothing is reported (unused-ignore) only when
// its rule looked at the file: never for a rule of the other kind of file,
// a cross-file rule without a workspace, or any rule of a file that did
// not parse (the file being typed in an editor, where every ignore would
// light up). Generated over every rule that runs, both kinds, with and
// without a workspace, and a file that parses or not.
func TestUnusedIgnoreOnlyForRulesThatLooked(t *testing.T) {
	bodies := map[lint.Kind]string{
		lint.KindConfig:       "builds:\n  - name: api\n",
		lint.KindApplications: "applications:\n  - name: shop\n    repository: acme/shop\n    branch: main\n",
	}
	cfg := &lint.Config{Rules: All()}
	for _, r := range All() {
		if r.Run == nil {
			continue
		}
		for kind, body := range bodies {
			for _, ws := range []lint.Workspace{nil, nowhere{}} {
				for _, parses := range []bool{true, false} {
					// The ignore is on a comment line of its own at the end:
					// nothing follows, so it suppresses nothing.
					src := body + fmt.Sprintf("# greylint-ignore[%s]: kept on purpose\n", r.ID)
					if !parses {
						src = body + "  - [\n" + fmt.Sprintf("# greylint-ignore[%s]: kept on purpose\n", r.ID)
					}
					res := lint.Analyze(context.Background(), &lint.File{Path: "x.yaml", Kind: kind, Source: []byte(src), Workspace: ws}, cfg)
					unused := 0
					for _, d := range res.Diagnostics {
						if d.Rule == lint.UnusedIgnore.ID {
							unused++
						}
					}
					// cfg.Enabled: a rule that cannot run under the
					// configuration (shellcheck, with no program) looks at nothing.
					looked := parses && cfg.Enabled(r) && r.AppliesTo(kind) && (!r.CrossFile || ws != nil)
					if want := map[bool]int{true: 1, false: 0}[looked]; unused != want {
						t.Errorf("%s in a %s file (workspace %v, parses %v): %d unused-ignore, want %d", r.ID, kind, ws != nil, parses, unused, want)
					}
				}
			}
		}
	}
}
