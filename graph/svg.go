package graph

import (
	"bufio"
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"
)

// The SVG layout is layered: each file is a band, each band has a row per
// layer (builds, configmaps, rules and applications on top; shared volumes
// and environments; services and jobs), and every edge goes down. A row
// is ordered by the mean position of what points into it (one sweep of
// the barycentre heuristic), which keeps most edges from crossing without
// a layout engine.
const (
	charWidth = 7  // px per character at font-size 12, roughly
	padX      = 10 // inside a box
	gapX      = 24 // between boxes
	rowGap    = 70 // between rows
	lineH     = 15
	margin    = 20
	titleH    = 28
	maxRow    = 1600 // px: where a row wraps
)

type box struct {
	n          *Node
	x, y, w, h int
	order      float64
}

func width(s string) int { return utf8.RuneCountInString(shown(s)) * charWidth }

func (g *Graph) layout() (map[*Node]*box, []int, int, int) {
	boxes := map[*Node]*box{}
	into := map[*Node][]*Node{}
	for _, e := range g.Edges {
		into[e.To] = append(into[e.To], e.From)
	}
	var titles []int
	y, maxW := margin, 0
	for _, nodes := range g.byFile() {
		titles = append(titles, y)
		y += titleH
		var rows [3][]*box
		for i, n := range nodes {
			kind, name, detail := n.lines()
			b := &box{n: n, w: max(width(kind), width(name), width(detail)) + 2*padX, h: 2*lineH + 12, order: float64(i)}
			if detail != "" {
				b.h += lineH
			}
			boxes[n] = b
			rows[layer(n.Kind)] = append(rows[layer(n.Kind)], b)
		}
		for r := range rows {
			if r > 0 {
				for _, b := range rows[r] {
					if from := into[b.n]; len(from) > 0 {
						sum := 0.0
						for _, f := range from {
							sum += float64(boxes[f].x + boxes[f].w/2)
						}
						b.order = sum / float64(len(from))
					} else {
						b.order = 1e9 + b.order // unreferenced: after the rest, in file order
					}
				}
				slices.SortStableFunc(rows[r], func(a, b *box) int { return cmp.Compare(a.order, b.order) })
			}
			if len(rows[r]) == 0 {
				continue
			}
			// A row wider than maxRow wraps: a file of a thousand
			// services is a tall picture, not one a million pixels wide.
			x, h := margin, 0
			for i, b := range rows[r] {
				if i > 0 && x+b.w > maxRow {
					x, y = margin, y+h+lineH
					h = 0
				}
				b.x, b.y = x, y
				x += b.w + gapX
				h = max(h, b.h)
				maxW = max(maxW, x-gapX+margin)
			}
			y += h + rowGap
		}
	}
	return boxes, titles, max(maxW, 200), y - rowGap + margin
}

func (g *Graph) writeSVG(w *bufio.Writer) {
	boxes, titles, width, height := g.layout()
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>`+
		`<marker id="arrow-broken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>`+"\n", red)
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	for f, path := range g.Files {
		fmt.Fprintf(w, `<text class="file" x="%d" y="%d" font-size="14" font-weight="bold">%s</text>`+"\n", margin, titles[f]+16, xmlText(path))
	}
	for _, e := range g.Edges {
		a, b := boxes[e.From], boxes[e.To]
		x1, y1, x2, y2 := a.x+a.w/2, a.y+a.h, b.x+b.w/2, b.y
		stroke, marker, dash := "#555", "arrow", ""
		if e.Broken {
			stroke, marker, dash = red, "arrow-broken", ` stroke-dasharray="5 3"`
		}
		fmt.Fprintf(w, `<g class="edge%s"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.3"%s marker-end="url(#%s)"/>`,
			map[bool]string{true: " broken"}[e.Broken], x1, y1, x2, y2, stroke, dash, marker)
		if l := e.Label(); l != "" {
			fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s" stroke="#ffffff" stroke-width="3" paint-order="stroke">%s</text>`, (x1+x2)/2, (y1+y2)/2, stroke, xmlText(l))
		}
		w.WriteString("</g>\n")
	}
	for _, n := range g.Nodes {
		b := boxes[n]
		kind, name, detail := n.lines()
		stroke, fill, dash := "#37474f", "#f5f7fa", ""
		if n.Missing {
			stroke, fill, dash = red, "#ffebee", ` stroke-dasharray="5 3"`
		}
		fmt.Fprintf(w, `<g class="node" id="%s"><title>%s %s</title><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="%s"%s/>`,
			n.ID, xmlText(kind), xmlText(name), b.x, b.y, b.w, b.h, fill, stroke, dash)
		cx := b.x + b.w/2
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s">%s</text>`, cx, b.y+lineH, stroke, xmlText(kind))
		fmt.Fprintf(w, `<text class="name" x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`, cx, b.y+2*lineH+2, xmlText(name))
		if detail != "" {
			fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle" font-size="10">%s</text>`, cx, b.y+3*lineH+2, xmlText(detail))
		}
		w.WriteString("</g>\n")
	}
	w.WriteString("</svg>\n")
}
