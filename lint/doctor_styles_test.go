package lint

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/greylint/greylint/internal/scalars"
)

// The syntax doctor reads every scalar style (escapes, line
// continuations, CR LF, folds, block scalars) in a file that is broken
// around it, and never crashes: a value spelt with a `\`-continuation made
// it slice past its line (it panicked, and took the run with it).
func TestDoctorReadsEveryScalarStyle(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 11))
	values := []string{"a b", "x: y", "it's", `say "hi"`, "line\nbreak", "tab\there", "${commit.sha}", "#not", "trail "}
	breaks := []string{"  bad: [1, 2\n", "- oops\n", "\tkey: v\n", "x: 'open\n", "  : no key\n"}
	for _, style := range scalars.Styles {
		for _, v := range values {
			for _, br := range breaks {
				for k := range 4 {
					s, ok := scalars.Encode(rnd, style, v, 2)
					if !ok {
						continue
					}
					src := "builds:\n  - name: api\n    dockerfile: " + s + "\n"
					if k%2 == 0 {
						src = br + src
					} else {
						src += br
					}
					if k >= 2 {
						src = strings.ReplaceAll(src, "\n", "\r\n")
					}
					_, diags := ParseContext(context.Background(), []byte(src))
					for _, d := range diags {
						if d.Rule == Internal.ID {
							t.Fatalf("%s %q: %s\n%s", style, v, d.Message, src)
						}
					}
				}
			}
		}
	}
}
