package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var BuildSecretNotAttached = &lint.Rule{
	ID:       "build-secret-not-attached",
	Summary:  "a build env var reads a secret the build does not attach (catalogue GH031, XR7)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `A build pod can read only the Kubernetes Secrets attached through the
build's secrets list; builds[].secrets[].secretName "attaches existing
Kubernetes Secrets to the build pod so that secretKeyRef references
resolve". A secretKeyRef to a secret that is not attached fails the build.`,
	Run: runBuildSecretNotAttached,
}

func runBuildSecretNotAttached(p *lint.Pass) {
	for _, o := range envOwners(p.Doc) {
		if o.Kind != "build" {
			continue
		}
		var attached []string
		for _, s := range lint.Mappings(o.Node, "secrets") {
			if name, ok := lint.Str(lint.Get(s, "secretName")); ok {
				attached = append(attached, name)
			}
		}
		for _, e := range o.Env {
			n := lint.Get(e, "valueFrom", "secretKeyRef", "name")
			ref, ok := lint.Str(n)
			if !ok || ref == "" || strings.Contains(ref, "${") || contains(attached, ref) {
				continue
			}
			msg := fmt.Sprintf("%s reads secret %q, which it does not attach; add - secretName: %s to its secrets", o, ref, ref)
			if s := suggest(ref, attached); s != "" {
				msg = fmt.Sprintf("%s reads secret %q, which it does not attach; did you mean %q?", o, ref, s)
			}
			p.Report(lint.Diagnostic{Range: p.Doc.Range(n), Message: msg})
		}
	}
}
