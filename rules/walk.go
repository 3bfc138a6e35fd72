package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

// subRange is the source range of value[idx:idx+len(part)] of the scalar
// n: exactly that text when the source spells it as it is, else the whole
// node (an escape, a fold or a line continuation inside it). The scalar is
// decoded once, in one forward scan, however many parts are asked for
// (lint.Document.LocateValue).
func subRange(doc *lint.Document, n *yaml.Node, idx int, part string) lint.Range {
	if r, ok := doc.LocateValue(n, idx, idx+len(part)); ok {
		return r
	}
	return doc.Range(n)
}

// valueFix is the fix that changes value[idx:idx+len(part)] of the scalar
// n to repl and nothing else of its value: in place when the source spells
// that part as it is, else the whole scalar written again
// (lint.Document.EditValue). It is nil when no edit can do that exactly:
// the finding then has no fix.
func valueFix(doc *lint.Document, n *yaml.Node, idx int, part, repl, title string, safety lint.Safety) []lint.Fix {
	e, ok := doc.EditValue(n, idx, idx+len(part), repl)
	if !ok {
		return nil
	}
	return []lint.Fix{{Title: title, Edits: []lint.Edit{e}, Safety: safety}}
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
