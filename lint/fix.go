package lint

import (
	"cmp"
	"slices"
)

// ApplyFixes applies the first certain fix of every diagnostic, editing
// src by byte ranges (the rest of the file is kept byte for byte). Edits
// that overlap an edit already taken are skipped, with the whole fix they
// belong to; the caller runs again until nothing changes. It returns the new
// text and the number of fixes applied.
func ApplyFixes(src []byte, diags []Diagnostic) ([]byte, int) {
	var edits []Edit
	applied := 0
	for _, d := range diags {
		if len(d.Fixes) == 0 || !d.Fixes[0].Certain {
			continue
		}
		fix := d.Fixes[0]
		if overlapsAny(edits, fix.Edits) {
			continue
		}
		edits = append(edits, fix.Edits...)
		applied++
	}
	slices.SortFunc(edits, func(a, b Edit) int { return cmp.Compare(a.Range.Start, b.Range.Start) })
	out := make([]byte, 0, len(src))
	pos := 0
	for _, e := range edits {
		out = append(out, src[pos:e.Range.Start]...)
		out = append(out, e.NewText...)
		pos = e.Range.End
	}
	out = append(out, src[pos:]...)
	return out, applied
}

func overlapsAny(taken, edits []Edit) bool {
	for _, e := range edits {
		for _, t := range taken {
			if e.Range.Start < t.Range.End && t.Range.Start < e.Range.End ||
				e.Range.Start == t.Range.Start { // two insertions at one point: order unknown
				return true
			}
		}
	}
	return false
}
