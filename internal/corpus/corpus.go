// Package corpus generates large valid greyhound files for benchmarks.
package corpus

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// Config returns a valid config.yaml of about the given number of lines:
// builds, a shared volume, a configmap, services with ports, env
// (interpolation and configMapKeyRef) and volume mounts, a job and a rule.
func Config(lines int) []byte {
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

// Workflow returns a valid GitHub Actions workflow of about the given number
// of lines: a job with many steps, expressions and environment, the kind of
// file actionlint is built for (the CLI benchmark's point of comparison).
func Workflow(lines int) []byte {
	var b strings.Builder
	b.WriteString("name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\npermissions:\n  contents: read\njobs:\n")
	n := 8
	for j := 0; n < lines; j++ {
		fmt.Fprintf(&b, "  job-%d:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    env:\n      LOG_LEVEL: info\n    steps:\n      - uses: actions/checkout@v4\n", j)
		n += 7
		for s := 0; s < 10 && n < lines; s++ {
			fmt.Fprintf(&b, "      - name: step %d\n        run: echo \"${{ github.sha }} %d\"\n        env:\n          STEP: \"%d\"\n", s, s, s)
			n += 4
		}
	}
	return []byte(b.String())
}

// YAMLFiles lists the .yaml and .yml files under the roots, but not the
// fix goldens (for the tests that run every case of the repository).
func YAMLFiles(roots ...string) []string {
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) && !strings.Contains(p, "golden") {
				files = append(files, p)
			}
			return nil
		})
	}
	return files
}
