// Package schema holds the JSON Schemas of the two greyhound files
// (config.schema.json and applications.schema.json), embedded and compiled
// once. Validate turns the validator's error tree into one readable
// violation per mistake, located by instance path; Describe and Properties
// navigate the schema for completion and hover.
//
// It may import only the standard library and
// github.com/santhosh-tekuri/jsonschema/v6. The schemas carry a few
// annotations of our own, which other tools ignore (a validator in strict
// mode, ajv's default, needs them registered; the README lists them):
//
//	x-status     stated | example | inferred: how sure the docs are
//	x-message    the message for a composite constraint (%q: the value or key)
//	x-rule       the rule ID that reports that constraint
//	x-at         for a conflict between fields, the field to point at
//	x-severity   a severity lower than the rule's default for this constraint
//	x-required-severity  the same for the object's required fields
//	x-type-hint  advice appended to a wrong-type message
//	x-values     a description of each enum value
//	x-noun       what to call the top-level object in messages
package schema
