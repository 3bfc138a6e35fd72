package graph

import (
	"bufio"
	"fmt"
	"io"
)

// Formats are the output formats, in the order help lists them.
var Formats = []string{"svg", "dot", "mermaid"}

// Write writes g in format (one of Formats).
func (g *Graph) Write(w io.Writer, format string) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "dot":
		g.writeDOT(bw)
	case "mermaid":
		g.writeMermaid(bw)
	case "svg":
		g.writeSVG(bw)
	default:
		return fmt.Errorf("unknown graph format %q: use svg, dot or mermaid", format)
	}
	return bw.Flush()
}

// label is the lines a node shows: its kind (and "undefined" for a broken
// reference's name), its name, a rule's hostnames.
func (n *Node) lines() (kind, name, detail string) {
	kind = n.Kind
	if n.Missing {
		kind = "undefined " + n.Kind
	}
	return kind, n.Name, n.Detail
}

// byFile returns the nodes of each file.
func (g *Graph) byFile() [][]*Node {
	out := make([][]*Node, len(g.Files))
	for _, n := range g.Nodes {
		out[n.File] = append(out[n.File], n)
	}
	return out
}

const red = "#c62828"

func (g *Graph) writeDOT(w *bufio.Writer) {
	w.WriteString("digraph greylint {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n  edge [fontname=\"sans-serif\", fontsize=10];\n")
	for f, nodes := range g.byFile() {
		fmt.Fprintf(w, "  subgraph cluster_%d {\n    label=%s;\n", f, dotLines(g.Files[f]))
		for _, n := range nodes {
			kind, name, detail := n.lines()
			attrs := ""
			if n.Missing {
				attrs = fmt.Sprintf(", color=%q, fontcolor=%q, style=\"rounded,dashed\"", red, red)
			}
			fmt.Fprintf(w, "    %s [label=%s%s];\n", n.ID, dotLines(kind, name, detail), attrs)
		}
		w.WriteString("  }\n")
	}
	for _, e := range g.Edges {
		attrs := ""
		if l := e.Label(); l != "" {
			attrs = "label=" + dotLines(l)
		}
		if e.Broken {
			if attrs != "" {
				attrs += ", "
			}
			attrs += fmt.Sprintf("color=%q, fontcolor=%q", red, red)
		}
		if attrs != "" {
			attrs = " [" + attrs + "]"
		}
		fmt.Fprintf(w, "  %s -> %s%s;\n", e.From.ID, e.To.ID, attrs)
	}
	w.WriteString("}\n")
}

func (g *Graph) writeMermaid(w *bufio.Writer) {
	w.WriteString("flowchart TB\n")
	for f, nodes := range g.byFile() {
		fmt.Fprintf(w, "  subgraph f%d[%s]\n", f, mermaidLines(g.Files[f]))
		for _, n := range nodes {
			kind, name, detail := n.lines()
			fmt.Fprintf(w, "    %s[%s]\n", n.ID, mermaidLines(kind, name, detail))
		}
		w.WriteString("  end\n")
	}
	for _, e := range g.Edges {
		if l := e.Label(); l != "" {
			fmt.Fprintf(w, "  %s -->|%s| %s\n", e.From.ID, mermaidLines(l), e.To.ID)
		} else {
			fmt.Fprintf(w, "  %s --> %s\n", e.From.ID, e.To.ID)
		}
	}
	fmt.Fprintf(w, "  classDef broken stroke:%s,color:%s,stroke-dasharray:4 3\n", red, red)
	for _, n := range g.Nodes {
		if n.Missing {
			fmt.Fprintf(w, "  class %s broken\n", n.ID)
		}
	}
	for i, e := range g.Edges {
		if e.Broken {
			fmt.Fprintf(w, "  linkStyle %d stroke:%s,color:%s\n", i, red, red)
		}
	}
}
