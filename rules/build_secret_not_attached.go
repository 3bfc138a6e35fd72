package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var BuildSecretNotAttached = &lint.Rule{
	ID:       "build-secret-not-attached",
	Summary:  "a build env var reads a secret the build does not attach",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runBuildSecretNotAttached,
}

func runBuildSecretNotAttached(p *lint.Pass) {
	for _, b := range model.Of(p).Builds {
		var attached []string
		for _, s := range b.Secrets {
			if name, ok := s.SecretName.Str(); ok {
				attached = append(attached, name)
			}
		}
		for _, e := range b.Env {
			if e.SecretKeyRef == nil {
				continue
			}
			n := e.SecretKeyRef.Name.Value
			ref, ok := lint.Str(n)
			if !ok || ref == "" || strings.Contains(ref, "${") || slices.Contains(attached, ref) {
				continue
			}
			msg := fmt.Sprintf("%s reads secret %q, which it does not attach; add - secretName: %s to its secrets", &b.Owner, ref, ref)
			if s := lint.Suggest(ref, attached); s != "" {
				msg = fmt.Sprintf("%s reads secret %q, which it does not attach; did you mean %q?", &b.Owner, ref, s)
			}
			p.Report(lint.Diagnostic{Range: p.Doc.Range(n), Message: msg})
		}
	}
}
