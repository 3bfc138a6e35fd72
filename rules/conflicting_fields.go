package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var ConflictingFields = &lint.Rule{
	ID:       schema.ConflictingFields,
	Summary:  "two mutually exclusive fields are both set (catalogue GH010, GH100)",
	Severity: lint.Error,
	Run:      schemaRun(schema.ConflictingFields, nil),
}
