package rules

import (
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/schema"
)

var InterpolatedNonString = &lint.Rule{
	ID:       schema.InterpolatedNonString,
	Summary:  "a ${...} placeholder where a number or boolean is expected (catalogue GH205)",
	Severity: lint.Warning,
	Doc: `greyhound interpolates ${...} placeholders before it validates the file,
and interpolation always produces a string. In a field that must be a
number or a boolean (replicas, read_timeout, suspend) the result is a string
such as "3", which the schema check can reject. It is a warning because
the exact behaviour of the validator on numeric strings is not documented.`,
	Run: schemaRun(schema.InterpolatedNonString, nil),
}
