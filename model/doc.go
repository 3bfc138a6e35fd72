// Package model is the typed greyhound model: one file's builds, services,
// jobs, ingress rules, configmaps, shared volumes, env entries,
// applications, environments and imports as Go values, each field with its
// YAML nodes (for ranges), and the symbol index (definitions and the
// references that name them, by typed kind). It is built once per parse
// (Of, FromResult) and read by the rules and the language server alike;
// the interpolation variables (${...}) and their parsing live here too.
//
// It may import lint and go.yaml.in/yaml/v3 only.
package model
