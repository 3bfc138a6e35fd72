package lsp

import (
	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
)

// LSP positions are converted by lint.Lines (lint/position.go lists every
// representation); these helpers only choose UTF-16 or UTF-8 columns as
// negotiated at initialize.

func (s *Server) offset(l *lint.Lines, p protocol.Position) int {
	if s.utf8 {
		return l.FromUTF8(int(p.Line), int(p.Character))
	}
	return l.FromUTF16(int(p.Line), int(p.Character))
}

func (s *Server) position(l *lint.Lines, off int) protocol.Position {
	var line, char int
	if s.utf8 {
		line, char = l.UTF8(off)
	} else {
		line, char = l.UTF16(off)
	}
	return protocol.Position{Line: uint32(line), Character: uint32(char)}
}

func (s *Server) lspRange(l *lint.Lines, r lint.Range) protocol.Range {
	return protocol.Range{Start: s.position(l, r.Start), End: s.position(l, r.End)}
}

func (sn *snapshot) offset(p protocol.Position) int { return sn.s.offset(sn.doc.Lines, p) }

func (sn *snapshot) rng(r lint.Range) protocol.Range { return sn.s.lspRange(sn.doc.Lines, r) }
