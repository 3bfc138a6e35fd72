package lint

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/corpus"
)

// BenchmarkParse5000 is the engine's parse (yaml.v3 plus node ranges and
// duplicate keys) of a 5,000-line config; BenchmarkYAML5000 the bare
// yaml.v3 parse of the same bytes.
func BenchmarkParse5000(b *testing.B) {
	src := corpus.Config(5000)
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}

func BenchmarkYAML5000(b *testing.B) {
	src := corpus.Config(5000)
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		yaml.Unmarshal(src, &n)
	}
}

func BenchmarkValue5000(b *testing.B) {
	d, _ := Parse(corpus.Config(5000))
	b.ReportAllocs()
	for b.Loop() {
		d.Value()
	}
}

// BenchmarkParseBroken5000 is the parse of the same file with one line
// mis-indented, as while typing: yaml.v3 fails and the indentation scan
// runs over every line to find the offending one.
func BenchmarkParseBroken5000(b *testing.B) {
	src := corpus.Config(5000)
	src = append(append(append([]byte{}, src[:len(src)/2]...), ' '), src[len(src)/2:]...)
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}
