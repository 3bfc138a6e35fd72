package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// benchConfig generates a valid config of about the given number of lines:
// builds, services with env, ports and volumes, jobs, rules, configmaps.
func benchConfig(lines int) []byte {
	var b strings.Builder
	b.WriteString("builds:\n  - name: api-build\n    dockerfile: Dockerfile\n")
	b.WriteString("shared_volumes:\n  - name: conf\n    type: configmap\n    source: conf\n")
	b.WriteString("configmaps:\n  - name: conf\n    data:\n      LOG_LEVEL: info\n")
	b.WriteString("services:\n")
	for i := 0; strings.Count(b.String(), "\n") < lines-30; i++ {
		fmt.Fprintf(&b, `  - name: svc-%d
    image_from_build: api-build
    replicas: 2
    ports:
      - containerPort: %d
    env:
      - name: RELEASE
        value: ${commit.sha}
      - name: LOG_LEVEL
        valueFrom:
          configMapKeyRef:
            name: conf
            key: LOG_LEVEL
    volumes:
      - name: conf
        mount_path: /etc/conf
        claim: conf
`, i, 3000+i)
	}
	b.WriteString("jobs:\n  - name: migrate\n    image_from_build: api-build\n    command: [yarn, migrate]\n    restart_policy: OnFailure\n")
	b.WriteString("rules:\n  - service: svc-0\n    hostnames: [api.example.com]\n    path: /\n")
	return []byte(b.String())
}

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
