package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var ConflictingFields = &lint.Rule{
	ID:       schema.ConflictingFields,
	Summary:  "two mutually exclusive fields are both set (catalogue GH010, GH100)",
	Severity: lint.Error,
	Doc: `A workload runs one image: image (a reference) or image_from_build (a build
of this repository), never both. An application tracks a branch or a tag,
never both. The finding points at the second field.`,
	Run: schemaRun(schema.ConflictingFields, nil),
}
