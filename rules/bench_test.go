package rules

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

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

// BenchmarkLintOverParse350 runs the lint and the bare parse of the
// 350-line config alternately, 50 of each per round, and reports the
// ratio of their times (the goal is at most 1.5): side by side, a slower
// or busier machine moves both. Run it with GOMAXPROCS=1 (the CLI lints
// one file per core).
func BenchmarkLintOverParse350(b *testing.B) {
	src := benchConfig(350)
	cfg := &lint.Config{Rules: All()}
	var lintTime, parseTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		for range 50 {
			lint.Run(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, cfg)
		}
		t1 := time.Now()
		for range 50 {
			var n yaml.Node
			yaml.Unmarshal(src, &n)
		}
		lintTime += t1.Sub(t0)
		parseTime += time.Since(t1)
	}
	b.ReportMetric(float64(lintTime)/float64(parseTime), "lint/parse")
	b.ReportMetric(float64(lintTime.Microseconds())/float64(50*b.N), "lint-µs/op")
	b.ReportMetric(float64(parseTime.Microseconds())/float64(50*b.N), "parse-µs/op")
}

// BenchmarkLintInvalid5000 is the 5,000-line config with one wrong type,
// as while typing: the full validation runs, on the items that are not
// valid in place (24 ms when it ran on the whole file).
func BenchmarkLintInvalid5000(b *testing.B) {
	src := bytes.Replace(benchConfig(5000), []byte("replicas: 2"), []byte("replicas: many"), 1)
	cfg := &lint.Config{Rules: All()}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Run(context.Background(), &lint.File{Path: ".greyhound/config.yaml", Source: src}, cfg)
	}
}
