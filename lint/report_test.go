package lint

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestReportSeveritiesAndBounds: a finding of a family member takes the
// member's configured severity (Off drops it), else the family's; a
// finding naming no member or a stranger is the rule's own; a long
// quoted name is cut in the message, every related message and every
// fix title, without writing into the slices the rule reported.
func TestReportSeveritiesAndBounds(t *testing.T) {
	long := strings.Repeat("n", 3*MaxQuoted)
	related := []Related{{Range: Range{0, 1}, Message: "short"}, {Range: Range{0, 1}, Message: fmt.Sprintf("%q here", long)}}
	fixes := []Fix{{Title: "keep", Edits: []Edit{{Range: Range{0, 1}, NewText: "b"}}, Safety: Safe}, {Title: fmt.Sprintf("rename to %q", long), Edits: []Edit{{Range: Range{0, 1}, NewText: "c"}}}}
	fam := &Rule{ID: "fam", Severity: Warning, Member: func(m string) bool { return m == "a" || m == "b" }, Run: func(p *Pass) {
		for _, id := range []string{"fam/a", "fam/b", "fam/zz", "other", ""} {
			p.Report(Diagnostic{Rule: id, Range: Range{0, 1}, Message: fmt.Sprintf("%s %q", id, long), Related: related, Fixes: fixes})
		}
	}}
	for _, tt := range []struct {
		severity map[string]Severity
		want     string // rule:severity of each finding, sorted
	}{
		{nil, "fam:warning fam:warning fam:warning fam/a:warning fam/b:warning"},
		{map[string]Severity{"fam/a": Error}, "fam:warning fam:warning fam:warning fam/a:error fam/b:warning"},
		{map[string]Severity{"fam/a": Off, "fam": Info}, "fam:info fam:info fam:info fam/b:info"},
		{map[string]Severity{"fam/b": Hint, "fam": Error}, "fam:error fam:error fam:error fam/a:error fam/b:hint"},
	} {
		ds := Run(context.Background(), &File{Path: "c.yaml", Source: []byte("a: 1\n")}, &Config{Rules: []*Rule{fam}, Severity: tt.severity})
		var got []string
		for _, d := range ds {
			got = append(got, d.Rule+":"+d.Severity.String())
			cut := fmt.Sprintf("%q", strings.Repeat("n", MaxQuoted)+"…")
			if !strings.HasSuffix(d.Message, cut) || d.Related[0].Message != "short" || d.Related[1].Message != cut+" here" ||
				d.Fixes[0].Title != "keep" || d.Fixes[1].Title != "rename to "+cut {
				t.Errorf("%v: a long name is not cut everywhere: %q, %v, %v", tt.severity, d.Message, d.Related, d.Fixes)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%v: got %s, want %s", tt.severity, strings.Join(got, " "), tt.want)
		}
	}
	if strings.Contains(related[1].Message, "…") || strings.Contains(fixes[1].Title, "…") {
		t.Error("Report wrote into the rule's slices")
	}
}
