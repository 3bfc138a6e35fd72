// Package graph draws a deployment: which build feeds which service or
// job, which ingress rule routes to which service (with its hostnames and
// path), which configmaps are read by which workloads and shared volumes,
// which shared volumes are mounted where, and which applications each
// environment imports (with its removed_services). It writes the picture
// as Graphviz DOT, Mermaid, or an SVG it lays out itself.
//
// It never decides on its own whether a reference resolves: an edge is
// drawn from the definition the model's symbol index attaches the
// reference to, and in red when a reference rule (unknown-build,
// unknown-service, ...) reported the reference; a reference neither of
// them knows (an interpolated name) is not drawn.
//
// It may import lint, model and rules.
package graph
