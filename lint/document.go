package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Document is a parsed YAML file with a byte range for every node.
type Document struct {
	Source []byte
	Lines  *Lines
	// Root is the top-level node of the first document (a mapping in a
	// well-formed greyhound file); nil when the file is empty or does not
	// parse.
	Root *yaml.Node

	rangesOnce sync.Once
	ranges     map[*yaml.Node]Range // measured on the first Range call
	flowNodes  map[*yaml.Node]bool  // the scalars inside flow collections, found by the same walk

	stringsOnce sync.Once
	strings     []stringValue // StringValues

	budgetOnce sync.Once
	budget     int // ValueBudget

	valueOnce     sync.Once
	value         any
	valueTooLarge bool

	scalars sync.Map // *yaml.Node -> *scalarMap: where a scalar's value is in the source (scalar.go)

	doctorCrash any // what the syntax doctor panicked with (syntaxErrors reports it)

	keysMu sync.Mutex
	keys   map[*yaml.Node]*keyIndex // large mappings' keys, built on first lookup
}

// Parse parses src. It always returns a Document (with a nil Root when the
// text does not parse) and the syntax-level diagnostics: YAML errors placed
// on the offending line, duplicate keys, a second document, an empty file.
func Parse(src []byte) (*Document, []Diagnostic) { return ParseContext(context.Background(), src) }

// ParseContext is Parse that stops when ctx is done: yaml.v3 reads its
// input 512 bytes at a time, and the reader it is given fails once ctx is
// done, so a superseded parse of a large file ends within microseconds
// instead of running to the end (0.2 s per 2 MB). The document is then
// incomplete (a nil Root, a syntax finding) and the caller discards it.
func ParseContext(ctx context.Context, src []byte) (*Document, []Diagnostic) {
	d := &Document{Source: src, Lines: NewLines(src)}
	text := acceptYAML12(src)
	var in io.Reader = bytes.NewReader(text)
	if ctx.Done() != nil {
		in = &ctxReader{ctx: ctx, r: bytes.NewReader(text)}
	}
	dec := yaml.NewDecoder(in)
	var doc yaml.Node
	err := dec.Decode(&doc)
	switch {
	case ctx.Err() != nil:
		// Superseded: the caller discards the document, so no time goes
		// to placing a syntax error that is only the reader's refusal
		// (that search of the whole file took 0.5-0.8 s of a 3.6 MB one).
		return d, nil
	case errors.Is(err, io.EOF):
		return d, []Diagnostic{d.emptyFile()}
	case err != nil:
		return d, d.syntaxErrors(ctx, err)
	}
	var diags []Diagnostic
	if len(doc.Content) > 0 {
		d.Root = doc.Content[0]
	}
	var next yaml.Node
	if err := dec.Decode(&next); ctx.Err() != nil {
		d.Root = nil
		return d, nil // superseded (see above)
	} else if err == nil {
		diags = append(diags, d.secondDocument(&next))
	} else if !errors.Is(err, io.EOF) {
		// The text broke after a first document that parsed (often a
		// fragment of the real one): the file does not parse.
		d.Root = nil
		return d, d.syntaxErrors(ctx, err)
	}
	if d.Root == nil || (d.Root.Kind == yaml.ScalarNode && d.Root.ShortTag() == "!!null" && d.Range(d.Root).End == d.Range(d.Root).Start) {
		d.Root = nil
		diags = append(diags, d.emptyFile())
		return d, diags
	}
	diags = append(diags, d.duplicateKeys(d.Root)...)
	return d, diags
}

// acceptYAML12 returns src with a `%YAML 1.2` directive of the first
// document's prologue spelt `%YAML 1.1`, the only version yaml.v3 accepts
// ("found incompatible YAML document" otherwise), though it reads the text
// by YAML 1.2's rules anyway. The replacement has the same length, so every
// offset stays; src itself is never changed (a copy is made only when there
// is such a directive).
func acceptYAML12(src []byte) []byte {
	rest := src
	for off := 0; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		trimmed := bytes.TrimLeft(line, "\ufeff")
		switch {
		case bytes.HasPrefix(trimmed, []byte("%YAML 1.2")):
			at := off + len(line) - len(trimmed) + len("%YAML 1.")
			out := bytes.Clone(src)
			out[at] = '1'
			return out
		case len(bytes.TrimSpace(trimmed)) == 0, trimmed[0] == '#', trimmed[0] == '%':
		default:
			return src // the prologue ended (`---` or content)
		}
		off += len(line)
		rest = rest[len(line):]
	}
	return src
}

// ctxReader reads r until ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Range returns the byte range of n, or an empty range at the start of the
// file for a node that does not belong to this document.
//
// The whole document is measured on the first call, not by Parse: a
// valid file in the CLI asks for no range at all (measuring was a tenth of
// a lint and a map entry per node), while a finding or an editor feature
// pays for it once.
func (d *Document) Range(n *yaml.Node) Range {
	if n == nil {
		return Range{}
	}
	d.rangesOnce.Do(func() {
		if d.Root != nil {
			d.ranges = make(map[*yaml.Node]Range, countNodes(d.Root))
			d.measure(d.Root, false)
		}
	})
	return d.ranges[n]
}

// Text returns the source text of r.
func (d *Document) Text(r Range) string {
	return string(d.Source[r.Start:r.End])
}

func (d *Document) emptyFile() Diagnostic {
	return Diagnostic{
		Rule:     EmptyFile.ID,
		Severity: EmptyFile.Severity,
		Range:    Range{d.Lines.starts[0], d.Lines.starts[0]},
		Message:  "the file has no content; greyhound expects a mapping of top-level sections (remove the file or add content)",
	}
}

func (d *Document) secondDocument(next *yaml.Node) Diagnostic {
	// The marker "---" that starts the next document sits on or before the
	// first line of its content; point at the marker when there is one.
	line := next.Line - 1
	if line < 0 {
		line = 0
	}
	for i := line; i >= 0; i-- {
		if t := d.Lines.Text(i); bytes.HasPrefix(t, []byte("---")) {
			s, _ := d.Lines.Bounds(i)
			if empty := len(next.Content) == 0 || (next.Content[0].Kind == yaml.ScalarNode && next.Content[0].ShortTag() == "!!null" && next.Content[0].Value == ""); empty {
				// A trailing "---" with nothing after it: still a second
				// (empty) document to a strict loader; deleting the line is
				// the whole fix.
				end := len(d.Source)
				if i+1 < d.Lines.Count() {
					end, _ = d.Lines.Bounds(i + 1)
				}
				// A comment on the marker's line stays, on its own line.
				if c := bytes.IndexByte(t, '#'); c > 3 {
					end = s + c
				}
				return Diagnostic{
					Rule: MultipleDocuments.ID, Severity: MultipleDocuments.Severity, Range: Range{s, s + 3},
					Message: "this \"---\" starts a second, empty YAML document, which greyhound's loader rejects; remove it",
					Fixes:   []Fix{{Title: "remove the trailing \"---\"", Edits: []Edit{{Range: Range{s, end}}}, Safety: Safe}},
				}
			}
			return Diagnostic{
				Rule: MultipleDocuments.ID, Severity: MultipleDocuments.Severity,
				Range:   Range{s, s + 3},
				Message: "a second YAML document starts here; greyhound reads exactly one document per file (remove the \"---\" and merge the sections, or move them to another file)",
			}
		}
	}
	s, e := d.Lines.Bounds(line)
	return Diagnostic{Rule: MultipleDocuments.ID, Severity: MultipleDocuments.Severity, Range: Range{s, e},
		Message: "a second YAML document starts here; greyhound reads exactly one document per file (merge it into the first, or move it to another file)"}
}

// duplicateKeys reports every repeated key of every mapping, at the second
// occurrence, relating the first. yaml.v3 keeps both when decoding into a
// Node; greyhound's loader would keep one silently or fail.
func (d *Document) duplicateKeys(root *yaml.Node) []Diagnostic {
	var diags []Diagnostic
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		// An alias's target is not in Content, so the walk cannot loop.
		if n.Kind == yaml.MappingNode {
			// A small mapping is scanned (faster than a map); a large one
			// (a 40,000-key mapping took 20 s) is indexed by key.
			var seen map[string]*yaml.Node
			if len(n.Content) > 32 {
				seen = make(map[string]*yaml.Node, len(n.Content)/2)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
					continue
				}
				var first *yaml.Node
				if seen != nil {
					if first = seen[k.Value]; first == nil {
						seen[k.Value] = k
					}
				} else {
					for j := 0; j < i; j += 2 {
						if f := n.Content[j]; f.Kind == yaml.ScalarNode && f.Value == k.Value && f.ShortTag() != "!!merge" {
							first = f
							break
						}
					}
				}
				if first != nil {
					// Which of the two the user meant is not certain, so no fix.
					diags = append(diags, Diagnostic{
						Rule: DuplicateKey.ID, Severity: DuplicateKey.Severity, Range: d.Range(k),
						Message: fmt.Sprintf("key %q is defined more than once in this mapping; remove or rename one of them", k.Value),
						Related: []Related{{Range: d.Range(first), Message: fmt.Sprintf("%q first defined here", k.Value)}},
					})
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return diags
}

func countNodes(n *yaml.Node) int {
	c := 1
	for _, x := range n.Content {
		c += countNodes(x)
	}
	return c
}
