package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// shellLines reads testdata/unterminated-placeholder/shell-lines.txt: real-world lines of
// migration, seed, backup and batch scripts, one per line.
func shellLines(t *testing.T) []string {
	src, err := os.ReadFile("testdata/unterminated-placeholder/shell-lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if l != "" && !strings.HasPrefix(l, "# ") && l != "#" {
			lines = append(lines, l)
		}
	}
	return lines
}

// shellContexts put a script where a shell reads it: each gives the YAML
// of one job (or configmap entry) running it, indented for a jobs list.
var shellContexts = []struct {
	name string
	job  func(i int, script string) string
}{
	{"bash -c with a | block", func(i int, s string) string {
		return fmt.Sprintf("  - name: job-%d\n    image: alpine\n    restart_policy: Never\n%s    command:\n      - bash\n      - -c\n      - |\n        %s\n", i, shellEnv, s)
	}},
	{"sh -ec in a flow list, double-quoted", func(i int, s string) string {
		q, _ := json.Marshal(s)
		return fmt.Sprintf("  - name: job-%d\n    image: alpine\n%s    command: [/bin/sh, -ec, %s]\n", i, shellEnv, q)
	}},
	{"args of sh: -c, single-quoted", func(i int, s string) string {
		return fmt.Sprintf("  - name: job-%d\n    image: alpine\n%s    command: [sh]\n    args:\n      - -c\n      - '%s'\n", i, shellEnv, strings.ReplaceAll(s, "'", "''"))
	}},
	{"env bash -o pipefail -c, plain after >-", func(i int, s string) string {
		return fmt.Sprintf("  - name: job-%d\n    image: alpine\n%s    command: [/usr/bin/env, TZ=UTC, bash, -o, pipefail, -c]\n    args:\n      - >-\n        %s\n", i, shellEnv, s)
	}},
}

// shellEnv defines the variables the lines read, so that Kubernetes'
// $(DB_HOST) is a reference to a variable defined earlier.
const shellEnv = `    env:
      - name: DB_HOST
        value: db
      - name: DB_USER
        value: app
      - name: DB_NAME
        value: app
      - name: DB_PASSWORD
        valueFrom:
          secretKeyRef: {name: db, key: password}
`

// lintShell lints jobs and returns the findings at warning or above, by the
// index of the job they are in, and the number of infos.
func lintShell(t *testing.T, jobs []string, extra string) (map[int][]string, int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("jobs:\n")
	starts := make([]int, len(jobs))
	line := 2
	for i, j := range jobs {
		starts[i] = line
		b.WriteString(j)
		line += strings.Count(j, "\n")
	}
	b.WriteString(extra)
	src := []byte(b.String())
	diags := lint.Run(context.Background(), &lint.File{Path: "config.yaml", Source: src}, &lint.Config{Rules: All(),
		// args is Kubernetes' and not in greyhound's documentation: a team
		// that uses it declares it (README, .greylint.yaml extra_fields).
		ExtraFields: map[string][]string{"job": {"args"}}})
	lines := lint.NewLines(src)
	bad, infos := map[int][]string{}, 0
	for _, d := range diags {
		if d.Severity > lint.Warning {
			infos++
			continue
		}
		l := lines.Line(d.Range.Start) // 0-based
		i := 0
		for i+1 < len(starts) && starts[i+1] <= l+1 {
			i++
		}
		bad[i] = append(bad[i], fmt.Sprintf("%s %s: %s", d.Severity, d.Rule, d.Message))
	}
	return bad, infos
}

// TestShellCorpus: no line of the corpus gives an error or a warning, in
// any of the places a shell reads it (a job's command or args, a
// configmap's script).
func TestShellCorpus(t *testing.T) {
	lines := shellLines(t)
	if len(lines) < 200 {
		t.Fatalf("the corpus has %d lines, want at least 200", len(lines))
	}
	for _, c := range shellContexts {
		jobs := make([]string, len(lines))
		for i, l := range lines {
			jobs[i] = c.job(i, l)
		}
		bad, infos := lintShell(t, jobs, "")
		for i, msgs := range bad {
			t.Errorf("%s: %q: %s", c.name, lines[i], strings.Join(msgs, "; "))
		}
		t.Logf("%s: %d lines, %d infos", c.name, len(lines), infos)
	}
	// A configmap's script: no Kubernetes expansion, a shell later.
	var cm strings.Builder
	cm.WriteString("  - name: runner\n    image: alpine\n    command: [sh, /scripts/run.sh]\n    volumes:\n      - {name: scripts, mount_path: /scripts, claim: scripts}\n")
	cm.WriteString("configmaps:\n  - name: scripts\n    data:\n      run.sh: |\n        #!/bin/sh\n")
	for _, l := range lines {
		cm.WriteString("        " + l + "\n")
	}
	cm.WriteString("shared_volumes:\n  - {name: scripts, type: configmap, source: scripts}\n")
	bad, _ := lintShell(t, nil, cm.String())
	for _, msgs := range bad {
		t.Errorf("configmap run.sh: %s", strings.Join(msgs, "; "))
	}
}

// TestShellCorpusCanFail: the same contexts report the mistakes the corpus
// must not hide.
func TestShellCorpusCanFail(t *testing.T) {
	broken := map[string]string{
		`echo "deploying ${commit.SHA}"`:      "unknown-variable",
		`echo "start: $(date -u +%FT%TZ"`:     "unterminated-placeholder",
		`echo "tag ${commit.tag_or_branch"`:   "unterminated-placeholder",
		`echo "${commit.short_sha}"`:          "unknown-variable",
		`psql -h "$(commit.sha)" -c 'select'`: "wrong-interpolation-syntax",
	}
	for line, rule := range broken {
		for _, c := range shellContexts {
			bad, _ := lintShell(t, []string{c.job(0, line)}, "")
			if !strings.Contains(strings.Join(bad[0], "\n"), rule) {
				t.Errorf("%s: %q: got %q, want %s", c.name, line, bad[0], rule)
			}
		}
	}
}
