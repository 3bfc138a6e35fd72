package rules

import (
	"context"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/corpus"
	"github.com/greylint/greylint/lint"
)

func benchConfig(lines int) []byte { return corpus.Config(lines) }

func TestBenchConfigIsValid(t *testing.T) {
	src := benchConfig(350)
	if n := strings.Count(string(src), "\n"); n < 330 || n > 370 {
		t.Fatalf("generated %d lines, want about 350", n)
	}
	ds := lint.Run(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, &lint.Config{Rules: All()})
	for _, d := range ds {
		t.Errorf("unexpected %s: %s", d.Rule, d.Message)
	}
}

// BenchmarkLint350 is a full lint of a 350-line config: parse, ranges,
// schema validation, every rule.
func BenchmarkLint350(b *testing.B) {
	src := benchConfig(350)
	cfg := &lint.Config{Rules: All()}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Run(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, cfg)
	}
}

// BenchmarkYAMLParse350 is the bare yaml.v3 parse of the same bytes, the
// floor any YAML linter pays.
func BenchmarkYAMLParse350(b *testing.B) {
	src := benchConfig(350)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLint5000 is the same on a 5,000-line config (the editor target).
func BenchmarkLint5000(b *testing.B) {
	src := benchConfig(5000)
	cfg := &lint.Config{Rules: All()}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Run(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, cfg)
	}
}
