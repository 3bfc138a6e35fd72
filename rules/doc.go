// Package rules holds greylint's checks, one file per rule, and the
// registry (All). A rule is an immutable *lint.Rule value; everything it
// computes for a file lives in the lint.Pass.
//
// It may import lint, schema and the standard library (and yaml.v3 for the
// node type). Test cases live in testdata/<rule-id>/ with inline
// "# want:" expectations.
package rules
