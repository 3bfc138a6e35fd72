package rules

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// Each mutation of the valid corpus introduces one catalogue mistake and
// must give exactly the intended diagnostic, on the mutated text.
func TestMutations(t *testing.T) {
	tests := []struct {
		file, old, new string
		rule, at       string // the new diagnostic and the exact text of its range
	}{
		{"config.yaml", "image_from_build: api-build\n    ports:", "image_from_build: api-buld\n    ports:", "unknown-build", "api-buld"},
		{"config.yaml", "image_from_build: api-build\n    ports:", "image: nginx\n    image_from_build: api-build\n    ports:", "conflicting-fields", "image_from_build"},
		{"config.yaml", "restart_policy: OnFailure", "restart_policy: Always", "invalid-value", "Always"},
		{"config.yaml", "backoff_limit: 3", "backoff_limit: 3\n    replicas: 2", "forbidden-field", "replicas"},
		{"config.yaml", "backoff_limit: 3", "backoff_limit: 3m", "invalid-type", "3m"},
		{"config.yaml", "service_account_name: fantasy-sa", "serviceAccountName: fantasy-sa", "unknown-field", "serviceAccountName"},
		{"config.yaml", "claim: nginx-config", "claim: nginx-conf", "unknown-claim", "nginx-conf"},
		{"config.yaml", "key: LOG_LEVEL", "key: LOG_LVL", "unknown-configmap-key", "LOG_LVL"},
		{"config.yaml", "name: github-token\n            key: password", "name: github-tokn\n            key: password", "build-secret-not-attached", "github-tokn"},
		{"config.yaml", "path: /api", "path: api", "invalid-path", "api"},
		{"config.yaml", "read_timeout: 30", "read_timeout: 90", "read-timeout-too-high", "90"},
		{"config.yaml", "visibility: nginx-internal", "visibility: nginx-public", "public-visibility", "nginx-public"},
		{"config.yaml", "visibility: nginx-internal", "visibility: internal", "invalid-value", "internal"},
		{"config.yaml", "  - service: web", "  - service: db-migrate", "unknown-service", "db-migrate"},
		{"config.yaml", "FEATURE_FLAG_NEW_UI: 'true'", "FEATURE_FLAG_NEW_UI: true", "invalid-type", "true"},
		{"config.yaml", "memory: 32Gi\n      requests", "memory: 32GB\n      requests", "invalid-quantity", "32GB"},
		{"config.yaml", "parallelism: 4", "parallelism: 40", "parallelism-exceeds-completions", "40"},
		{"config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "$(GIT_USER):$(GIT_PASSWORD)"`, "undefined-env-reference", "$(GIT_USER)"},
		{"config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${commit.SHA}"`, "unknown-variable", "${commit.SHA}"},
		{"config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "$(commit.sha)"`, "wrong-interpolation-syntax", "$(commit.sha)"},
		{"config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${commit.sha"`, "unterminated-placeholder", "${commit.sha"},
		{"config.yaml", "      - containerPort: 80", "      - containerPort: 80\n      - containerPort: 80", "duplicate-port", "80"},
		{"config.yaml", "mount_path: /etc/nginx/conf.d", "mount_path: etc/nginx/conf.d", "invalid-mount-path", "etc/nginx/conf.d"},
		{"config.yaml", "      - myapp.example.com\n    path: /api", "      - https://myapp.example.com\n    path: /api", "invalid-hostname", "https://myapp.example.com"},
		{"config.yaml", "  - name: batch-process", "  - name: db-migrate", "duplicate-name", "db-migrate"},
		{"config.yaml", "  - name: batch-process", "  - name: Batch_Process", "invalid-name", "Batch_Process"},
		{"config.yaml", "      LOG_LEVEL: debug", "      LOG_LEVEL: debug\n      DB_PASSWORD: hunter2hunter2", "plaintext-secret", "hunter2hunter2"},
		{"applications.yaml", "      - name: api\n        alias", "      - name: apii\n        alias", "unknown-application", "apii"},
		{"applications.yaml", "    tag: v1.4.2", "    tag: v1.4.2\n    branch: main", "conflicting-fields", "tag"},
		{"applications.yaml", "repository: Underdog-Inc/web", "repository: https://github.com/Underdog-Inc/web", "invalid-value", "https://github.com/Underdog-Inc/web"},
		{"applications.yaml", "auto_deploy: false", "auto_deploy: \"no\"", "invalid-type", `"no"`},
		{"applications.yaml", "    removed_services:\n      api:", "    removed_services:\n      apx:", "unknown-removed-application", "apx"},
		{"applications.yaml", "  - name: preview", "  - name: staging", "duplicate-name", "staging"},
		{"applications.yaml", "config_source: .greyhound/api-config.yaml", "config_source: /api-config.yaml", "invalid-config-source", "/api-config.yaml"},
		{"applications.yaml", "      - name: web\n    cluster", "      - name: web\n      - name: web\n    cluster", "duplicate-import", "web"},
	}
	cfg := &lint.Config{Rules: All()}
	run := func(file string, src []byte) []lint.Diagnostic {
		return lint.Run(context.Background(), &lint.File{Path: ".greyhound/" + file, Source: src}, cfg)
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.at, func(t *testing.T) {
			base, err := os.ReadFile("../testdata/valid/docs-examples/.greyhound/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(base), tt.old) {
				t.Fatalf("%q not in %s", tt.old, tt.file)
			}
			before := map[string]bool{}
			for _, d := range run(tt.file, base) {
				before[d.Rule+d.Message] = true
			}
			mutated := []byte(strings.Replace(string(base), tt.old, tt.new, 1))
			var fresh []lint.Diagnostic
			for _, d := range run(tt.file, mutated) {
				if !before[d.Rule+d.Message] {
					fresh = append(fresh, d)
				}
			}
			if len(fresh) != 1 {
				for _, d := range fresh {
					t.Logf("%s: %s [%s]", d.Rule, d.Message, mutated[d.Range.Start:d.Range.End])
				}
				t.Fatalf("got %d new diagnostics, want exactly 1 %s", len(fresh), tt.rule)
			}
			d := fresh[0]
			text := string(mutated[d.Range.Start:d.Range.End])
			start := strings.Index(string(base), tt.old) // where the mutation begins
			if d.Rule != tt.rule || text != tt.at || d.Range.Start < start || d.Range.End > start+len(tt.new) {
				t.Errorf("got %s at %q (%d-%d), want %s at %q inside the mutation (%d-%d): %s", d.Rule, text, d.Range.Start, d.Range.End, tt.rule, tt.at, start, start+len(tt.new), d.Message)
			}
		})
	}
}
