package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// subRange locates the text part, found at byte index idx of the scalar's
// value, in the source: the first occurrence of part in the node's source
// text at or after the same number of earlier occurrences. When the source
// spells the value differently (escapes, folding) it falls back to the
// whole node.
func subRange(doc *lint.Document, n *yaml.Node, idx int, part string) lint.Range {
	r := doc.Range(n)
	src := doc.Text(r)
	nth := strings.Count(n.Value[:idx], part)
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], part)
		if j < 0 {
			return r
		}
		if i == nth {
			return lint.Range{Start: r.Start + off + j, End: r.Start + off + j + len(part)}
		}
		off += j + len(part)
	}
}

// related is where the names a reference could have meant are defined,
// for a finding's related locations. It is built for free and renders at
// most maxRelated locations, the guessed names first: a rule may call it
// for every reference of a large file.
func related(doc *lint.Document, defs []*model.Entry, noun string) relatedSource {
	return &relatedSet{doc: doc, defs: defs, noun: noun}
}

// relatedSource gives the related locations of an unresolved reference.
type relatedSource interface {
	nearest(guessed []string) []lint.Related
}

type relatedSet struct {
	doc    *lint.Document
	defs   []*model.Entry
	noun   string
	byName map[string]*model.Entry // the first definition of each name, built on first use
}

// first returns the first definition named name, or nil: one lookup, where
// a scan of every definition for every guessed name of every bad reference
// grew with the square of the file.
func (s *relatedSet) first(name string) *model.Entry {
	if s.byName == nil {
		s.byName = make(map[string]*model.Entry, len(s.defs))
		for _, d := range s.defs {
			if _, dup := s.byName[d.NameString()]; !dup {
				s.byName[d.NameString()] = d
			}
		}
	}
	return s.byName[name]
}

func (s *relatedSet) nearest(guessed []string) []lint.Related {
	if s == nil {
		return nil
	}
	var out []lint.Related
	add := func(d *model.Entry) {
		for _, r := range out {
			if r.Range == s.doc.Range(d.Name.Value) {
				return
			}
		}
		out = append(out, lint.Related{Range: s.doc.Range(d.Name.Value), Message: fmt.Sprintf("%s %q defined here", s.noun, d.NameString())})
	}
	for _, name := range guessed {
		if d := s.first(name); d != nil && len(out) < maxRelated {
			add(d)
		}
	}
	for _, d := range s.defs {
		if len(out) >= maxRelated {
			break
		}
		add(d)
	}
	return out
}

// relatedList is a fixed list of related locations.
type relatedList []lint.Related

func (l relatedList) nearest([]string) []lint.Related {
	if len(l) > maxRelated {
		return l[:maxRelated]
	}
	return l
}
