// Package lint is the greylint engine: source text and positions, the YAML
// document with byte ranges for every node, Diagnostic, Rule, Pass, Run,
// configuration and fixes.
//
// It may import only the standard library and go.yaml.in/yaml/v3. Rules live
// in package rules, which imports lint; the front ends (cmd/greylint and lsp)
// call Run and convert its result, never add or drop a diagnostic.
package lint
