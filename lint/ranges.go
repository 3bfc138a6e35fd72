package lint

import (
	"go.yaml.in/yaml/v3"
)

// yaml.v3 gives each node a start (line and character column) but no end.
// measure computes the byte range of every node: the end of each token style
// (plain, single- and double-quoted, literal and folded block scalars, flow
// collections, aliases) is found by scanning the source from the start.

func (d *Document) measure(n *yaml.Node, inFlow bool) Range {
	start := d.Lines.Offset(n.Line, n.Column)
	var r Range
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		flow := n.Style&yaml.FlowStyle != 0
		r = Range{start, start}
		for _, c := range n.Content {
			cr := d.measure(c, inFlow || flow)
			if cr.End > r.End {
				r.End = cr.End
			}
		}
		if flow {
			s := d.skipProps(start)
			if s < len(d.Source) && (d.Source[s] == '[' || d.Source[s] == '{') {
				// The collection ends at the first closer after its last
				// child (measured already): scanning from its start again
				// at every level cost depth x size on deep nesting.
				r = Range{s, d.flowEndFrom(max(s+1, r.End))}
			}
		}
	case yaml.AliasNode:
		r = Range{start, min(start+1+len(n.Value), len(d.Source))}
	case yaml.ScalarNode:
		s := d.skipProps(start)
		r = Range{s, d.scalarEnd(n, s, inFlow)}
		if inFlow {
			if d.flowNodes == nil {
				d.flowNodes = map[*yaml.Node]bool{}
			}
			d.flowNodes[n] = true
		}
	case yaml.DocumentNode:
		r = Range{start, start}
		for _, c := range n.Content {
			r.End = max(r.End, d.measure(c, false).End)
		}
	}
	if r.End < r.Start {
		r.End = r.Start
	}
	d.ranges[n] = r
	return r
}

// skipProps skips an anchor (&a) and a tag (!!str) before a node's content,
// when they are on the same line.
func (d *Document) skipProps(p int) int {
	src := d.Source
	for p < len(src) && (src[p] == '&' || src[p] == '!') {
		q := p
		for q < len(src) && !isSpaceOrBreak(src[q]) {
			q++
		}
		for q < len(src) && (src[q] == ' ' || src[q] == '\t') {
			q++
		}
		if q >= len(src) || src[q] == '\n' || src[q] == '\r' || src[q] == '#' {
			return p
		}
		p = q
	}
	return p
}

func isSpaceOrBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (d *Document) scalarEnd(n *yaml.Node, p int, inFlow bool) int {
	src := d.Source
	if p >= len(src) {
		return p
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[p] == '"':
		for q := p + 1; q < len(src); q++ {
			switch src[q] {
			case '\\':
				q++
			case '"':
				return q + 1
			}
		}
		return len(src)
	case n.Style&yaml.SingleQuotedStyle != 0 && src[p] == '\'':
		for q := p + 1; q < len(src); q++ {
			if src[q] == '\'' {
				if q+1 < len(src) && src[q+1] == '\'' {
					q++
					continue
				}
				return q + 1
			}
		}
		return len(src)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[p] == '|' || src[p] == '>'):
		return d.blockScalarEnd(n, p)
	}
	return d.plainEnd(n, p, inFlow)
}

// plainEnd finds the end of a plain scalar, which may continue over several
// lines. It counts the non-blank characters of the value and consumes the
// same number from the source.
func (d *Document) plainEnd(n *yaml.Node, p int, inFlow bool) int {
	want := 0
	for i := 0; i < len(n.Value); i++ {
		if !isSpaceOrBreak(n.Value[i]) {
			want++
		}
	}
	src := d.Source
	end, got := p, 0
	for q := p; q < len(src) && got < want; {
		c := src[q]
		switch {
		case c == '\n' || c == '\r':
			q++
			continue
		case c == ' ' || c == '\t':
			if q+1 < len(src) && src[q+1] == '#' {
				return end
			}
			q++
			continue
		case c == ':' && (q+1 >= len(src) || isSpaceOrBreak(src[q+1]) || (inFlow && isFlowIndicator(src[q+1]))):
			return end
		case inFlow && isFlowIndicator(c):
			return end
		}
		got++
		q++
		end = q
	}
	return end
}

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

// blockScalarEnd returns the end of the last non-blank content line of a
// literal (|) or folded (>) scalar whose header starts at p.
func (d *Document) blockScalarEnd(n *yaml.Node, p int) int {
	hl := d.Lines.Line(p)
	_, headerEnd := d.Lines.Bounds(hl)
	// The header is the indicator with its modifiers; a comment may follow.
	end := p + 1
	for end < headerEnd && (d.Source[end] == '-' || d.Source[end] == '+' || (d.Source[end] >= '1' && d.Source[end] <= '9')) {
		end++
	}
	if n.Value == "" {
		return end
	}
	indent := -1
	for i := hl + 1; i < d.Lines.Count(); i++ {
		text := d.Lines.Text(i)
		ind := leadingSpaces(text)
		if ind == len(text) { // blank line: part of the scalar only if content follows
			continue
		}
		if indent < 0 {
			indent = ind
		} else if ind < indent {
			break
		}
		_, end = d.Lines.Bounds(i)
	}
	return end
}

func leadingSpaces(b []byte) int {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// flowEndFrom returns the offset just past the bracket that closes the
// flow collection whose content continues at p (p is inside it, past its
// nested collections), skipping quoted scalars and comments.
func (d *Document) flowEndFrom(p int) int {
	src := d.Source
	depth := 1
	for q := p; q < len(src); q++ {
		switch c := src[q]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return q + 1
			}
		case '"':
			for q++; q < len(src) && src[q] != '"'; q++ {
				if src[q] == '\\' {
					q++
				}
			}
		case '\'':
			for q++; q < len(src); q++ {
				if src[q] == '\'' {
					if q+1 < len(src) && src[q+1] == '\'' {
						q++
						continue
					}
					break
				}
			}
		case '#':
			if q > 0 && isSpaceOrBreak(src[q-1]) {
				for q < len(src) && src[q] != '\n' && src[q] != '\r' {
					q++
				}
			}
		}
	}
	return len(src)
}
