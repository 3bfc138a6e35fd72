package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// manyBadRefs is a config with n builds and n services that each name a
// build that does not exist.
func manyBadRefs(n int) []byte {
	var b strings.Builder
	b.WriteString("builds:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: build-%d\n", i)
	}
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: svc-%d\n    image_from_build: nope-%d\n", i, i)
	}
	return []byte(b.String())
}

// findingBytes is what the findings of src weigh: messages and related
// locations, the bulk of every output format.
func findingBytes(t *testing.T, src []byte) (bytes, related int) {
	t.Helper()
	cfg := &lint.Config{Rules: All()}
	for _, d := range lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg) {
		bytes += len(d.Message)
		for _, r := range d.Related {
			bytes += len(r.Message) + 16
			related++
		}
	}
	return bytes, related
}

// Every unresolved reference listed every definition (as related
// locations and in its message): 2,000 of each gave 732 MB of JSON. The
// findings now grow linearly with the file: twice the file, at most a
// little more than twice the bytes, and at most 3 related locations each.
func TestFindingsGrowLinearly(t *testing.T) {
	small, relSmall := findingBytes(t, manyBadRefs(200))
	large, relLarge := findingBytes(t, manyBadRefs(400))
	t.Logf("200 bad references: %d bytes, %d related; 400: %d bytes, %d related", small, relSmall, large, relLarge)
	if float64(large) > 2.3*float64(small) {
		t.Errorf("twice the references weigh %.1f times as much", float64(large)/float64(small))
	}
	if relLarge > 3*400 {
		t.Errorf("%d related locations for 400 findings", relLarge)
	}
}

// oneLine is a valid config written as one line of JSON (valid YAML).
func oneLine(n int) []byte {
	var items []string
	for i := range n {
		items = append(items, fmt.Sprintf(`{"name":"svc-%d","image":"nginx","ports":[{"containerPort":%d}],"env":[{"name":"A","value":"é${commit.sha}"}]}`, i, 1000+i))
	}
	return []byte(`{"services":[` + strings.Join(items, ",") + "]}\n")
}

// wideMapping is a configmap with n keys.
func wideMapping(n int) []byte {
	var b strings.Builder
	b.WriteString("configmaps:\n  - name: cm\n    data:\n")
	for i := range n {
		fmt.Fprintf(&b, "      K%d: v\n", i)
	}
	b.WriteString("services:\n  - name: web\n    image: nginx\n    envFrom: [{configMapRef: {name: cm}}]\n")
	return []byte(b.String())
}

// The shapes that took time with the square of the input (a one-line
// file: 11.9 s for 470 KB; a 40,000-key mapping: 19.7 s), at two sizes
// each: twice the input should take about twice the time.
func BenchmarkHostileOneLine1000(b *testing.B)    { benchLint(b, oneLine(1000)) }
func BenchmarkHostileOneLine2000(b *testing.B)    { benchLint(b, oneLine(2000)) }
func BenchmarkHostileWideMapping20k(b *testing.B) { benchLint(b, wideMapping(20000)) }
func BenchmarkHostileWideMapping40k(b *testing.B) { benchLint(b, wideMapping(40000)) }
func BenchmarkHostileBadRefs1000(b *testing.B)    { benchLint(b, manyBadRefs(1000)) }
func BenchmarkHostileBadRefs2000(b *testing.B)    { benchLint(b, manyBadRefs(2000)) }

func benchLint(b *testing.B, src []byte) {
	cfg := &lint.Config{Rules: All()}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg)
	}
}

// Allocations are a deterministic count: the work for bad references grows
// linearly (it grew with their square: a guess per reference against every
// definition, and every definition rendered as a related location).
func TestBadReferencesAllocateLinearly(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	allocs := func(n int) float64 {
		src := manyBadRefs(n)
		return testing.AllocsPerRun(1, func() {
			lint.Run(context.Background(), &lint.File{Path: "c.yaml", Kind: lint.KindConfig, Source: src}, cfg)
		})
	}
	small, large := allocs(300), allocs(600)
	t.Logf("300 bad references: %.0f allocations; 600: %.0f", small, large)
	if large > 2.3*small {
		t.Errorf("twice the bad references allocate %.1f times as much", large/small)
	}
}

// deepFlow nests a flow list depth levels deep around items entries (a
// depth-9,000 list with 60,000 items took 8.3 s).
func deepFlow(depth, items int) []byte {
	return []byte("services: " + strings.Repeat("[", depth) + strings.Repeat("x, ", items-1) + "x" + strings.Repeat("]", depth) + "\n")
}

func BenchmarkHostileDeepFlow4500(b *testing.B) { benchLint(b, deepFlow(4500, 30000)) }
func BenchmarkHostileDeepFlow9000(b *testing.B) { benchLint(b, deepFlow(9000, 60000)) }

// unknownKeys is a service with n fields greyhound does not know: a
// finding per key looked up every candidate field by scanning the whole
// mapping (20,000 keys: 29 s).
func unknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n  - name: a\n    image: x\n")
	for i := range n {
		fmt.Fprintf(&b, "    k%d: v\n", i)
	}
	return []byte(b.String())
}

func BenchmarkHostileUnknownKeys10k(b *testing.B) { benchLint(b, unknownKeys(10000)) }
func BenchmarkHostileUnknownKeys20k(b *testing.B) { benchLint(b, unknownKeys(20000)) }
