package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var MissingField = &lint.Rule{
	ID:       schema.MissingField,
	Summary:  "a required field is missing, or neither of two alternatives is set",
	Severity: lint.Error,
	Run:      schemaRun(schema.MissingField, nil),
}
