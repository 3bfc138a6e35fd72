package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var MissingField = &lint.Rule{
	ID:       schema.MissingField,
	Summary:  "a required field is missing, or neither of two alternatives is set (catalogue GH011, GH035, GH052, GH053, GH100, GH105)",
	Severity: lint.Error,
	Doc: `A service or job needs a name and an image (image or image_from_build); a
rule needs service, hostnames and path; a configmap needs name and data;
an application needs name, repository and branch or tag; an environment
needs name and from_applications. Fields the docs only imply are required
(a build's name, a volume mount's mount_path and claim, a shared volume's
type and source) are reported as warnings.

The finding points at the first key of the incomplete object.`,
	Run: schemaRun(schema.MissingField, nil),
}
