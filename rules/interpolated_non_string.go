package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var InterpolatedNonString = &lint.Rule{
	ID:       schema.InterpolatedNonString,
	Summary:  "a ${...} placeholder where a number or boolean is expected",
	Severity: lint.Warning,
	Run:      schemaRun(schema.InterpolatedNonString, nil),
}
