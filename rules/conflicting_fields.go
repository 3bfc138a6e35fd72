package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var ConflictingFields = &lint.Rule{
	ID:       schema.ConflictingFields,
	Summary:  "two mutually exclusive fields are both set",
	Severity: lint.Error,
	Run:      schemaRun(schema.ConflictingFields, nil),
}
