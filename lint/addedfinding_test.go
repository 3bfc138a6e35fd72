package lint

import (
	"fmt"
	"testing"
)

// AddedFinding over two findings after no edit, each at any of three
// starts with any of three messages. Never reported: both findings kept
// their messages, wherever they moved (one kept its start too, or both
// swapped places). Always reported: findings no one-to-one pairing by
// message or start explains, and a third finding copying the first.
// (Pairings that mix a moved finding with one whose message changed at
// the other's old start are beyond the guard's greedy passes: it then
// refuses the fix, the safe side.)
func TestAddedFindingPairsOneToOne(t *testing.T) {
	d := func(msg string, at int) Diagnostic {
		return Diagnostic{Rule: "r", Message: msg, Range: Range{at, at + 1}}
	}
	before := []Diagnostic{d("m1", 10), d("m2", 20)}
	shares := func(a, b Diagnostic) bool { return a.Message == b.Message || a.Range.Start == b.Range.Start }
	n := 0
	for _, s1 := range []int{10, 20, 30} {
		for _, s2 := range []int{10, 20, 30} {
			for _, m1 := range []string{"m1", "m2", "m3"} {
				for _, m2 := range []string{"m1", "m2", "m3"} {
					after := []Diagnostic{d(m1, s1), d(m2, s2)}
					name := fmt.Sprintf("after %s@%d %s@%d", m1, s1, m2, s2)
					got := AddedFinding(before, nil, after)
					moved := m1 != m2 && m1 != "m3" && m2 != "m3"
					pairable := shares(after[0], before[0]) && shares(after[1], before[1]) ||
						shares(after[0], before[1]) && shares(after[1], before[0])
					if moved && got != nil {
						t.Errorf("%s: reported %s@%d as added, yet both kept their messages", name, got.Message, got.Range.Start)
					}
					if !pairable && got == nil {
						t.Errorf("%s: nothing reported, yet no pairing exists", name)
					}
					if AddedFinding(before, nil, append(after[:2:2], d(m1, s1))) == nil {
						t.Errorf("%s plus a copy of the first: nothing reported", name)
					}
					n++
				}
			}
		}
	}
	if n != 81 {
		t.Fatalf("%d cases", n)
	}
}
