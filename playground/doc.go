// Package playground is the engine of the playground, the static page that
// lints greyhound files in the browser (make playground): Lint takes the
// two files of a project, config.yaml and applications.yaml, as text and
// returns what the page shows, as JSON: each file's findings (with their
// positions in the page's UTF-16 text and their fixes), the file after
// its safe fixes and the diff, and the deployment graph as SVG. The
// WebAssembly wrapper (playground/wasm) only moves strings between
// JavaScript and Lint, so a native test of Lint covers what the page runs.
//
// It may import lint, rules and graph.
package playground
