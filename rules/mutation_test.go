package rules

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// Each mutation of the valid corpus introduces one catalogue mistake and
// must give exactly the intended diagnostic, on the mutated text.
func TestMutations(t *testing.T) {
	tests := []struct {
		file, old, new string // file is <valid project>/<name>.yaml
		rule, at       string // the new diagnostic and the exact text of its range
		word           string // a word its message must contain
	}{
		{"docs-examples/config.yaml", "image_from_build: api-build\n    ports:", "image_from_build: api-buld\n    ports:", "unknown-build", "api-buld", "build"},
		{"docs-examples/config.yaml", "image_from_build: api-build\n    ports:", "image: nginx\n    image_from_build: api-build\n    ports:", "conflicting-fields", "image_from_build", "image"},
		{"docs-examples/config.yaml", "restart_policy: OnFailure", "restart_policy: Always", "invalid-value", "Always", "Always"},
		{"docs-examples/config.yaml", "backoff_limit: 3", "backoff_limit: 3\n    replicas: 2", "forbidden-field", "replicas", "replicas"},
		{"docs-examples/config.yaml", "backoff_limit: 3", "backoff_limit: 3m", "invalid-type", "3m", "integer"},
		{"docs-examples/config.yaml", "service_account_name: fantasy-sa", "serviceAccountName: fantasy-sa", "unknown-field", "serviceAccountName", "serviceAccountName"},
		{"docs-examples/config.yaml", "claim: nginx-config", "claim: nginx-conf", "unknown-claim", "nginx-conf", "shared volume"},
		{"docs-examples/config.yaml", "key: LOG_LEVEL", "key: LOG_LVL", "unknown-configmap-key", "LOG_LVL", "LOG_LVL"},
		{"docs-examples/config.yaml", "name: github-token\n            key: password", "name: github-tokn\n            key: password", "build-secret-not-attached", "github-tokn", "github-tokn"},
		{"docs-examples/config.yaml", "path: /api", "path: api", "invalid-path", "api", "/"},
		{"docs-examples/config.yaml", "read_timeout: 30", "read_timeout: 90", "read-timeout-too-high", "90", "90"},
		{"docs-examples/config.yaml", "visibility: nginx-internal", "visibility: nginx-public", "public-visibility", "nginx-public", "public"},
		{"docs-examples/config.yaml", "visibility: nginx-internal", "visibility: internal", "invalid-value", "internal", "nginx-internal"},
		{"docs-examples/config.yaml", "  - service: web", "  - service: db-migrate", "unknown-service", "db-migrate", "db-migrate"},
		{"docs-examples/config.yaml", "FEATURE_FLAG_NEW_UI: 'true'", "FEATURE_FLAG_NEW_UI: true", "invalid-type", "true", "quote it"},
		{"docs-examples/config.yaml", "memory: 32Gi\n      requests", "memory: 32GB\n      requests", "invalid-quantity", "32GB", "32GB"},
		{"docs-examples/config.yaml", "parallelism: 4", "parallelism: 40", "parallelism-exceeds-completions", "40", "parallelism"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "$(GIT_USER):$(GIT_PASSWORD)"`, "undefined-env-reference", "$(GIT_USER)", "GIT_USER"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${commit.SHA}"`, "unknown-variable", "${commit.SHA}", "commit.sha"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "$(commit.sha)"`, "wrong-interpolation-syntax", "$(commit.sha)", "${commit.sha}"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${commit.sha"`, "unterminated-placeholder", "${commit.sha", "}"},
		{"docs-examples/config.yaml", "      - containerPort: 80", "      - containerPort: 80\n      - containerPort: 80", "duplicate-port", "80", "80"},
		{"docs-examples/config.yaml", "mount_path: /etc/nginx/conf.d", "mount_path: etc/nginx/conf.d", "invalid-mount-path", "etc/nginx/conf.d", "absolute"},
		{"docs-examples/config.yaml", "      - myapp.example.com\n    path: /api", "      - https://myapp.example.com\n    path: /api", "invalid-hostname", "https://myapp.example.com", "https://"},
		{"docs-examples/config.yaml", "  - name: batch-process", "  - name: db-migrate", "duplicate-name", "db-migrate", "db-migrate"},
		{"docs-examples/config.yaml", "  - name: batch-process", "  - name: Batch_Process", "invalid-name", "Batch_Process", "Batch_Process"},
		{"docs-examples/config.yaml", "      LOG_LEVEL: debug", "      LOG_LEVEL: debug\n      DB_PASSWORD: hunter2hunter2", "plaintext-secret", "hunter2hunter2", "DB_PASSWORD"},
		{"docs-examples/applications.yaml", "      - name: api\n        alias", "      - name: apii\n        alias", "unknown-application", "apii", "apii"},
		{"docs-examples/applications.yaml", "    tag: v1.4.2", "    tag: v1.4.2\n    branch: main", "conflicting-fields", "tag", "branch"},
		{"docs-examples/applications.yaml", "repository: Underdog-Inc/web", "repository: https://github.com/Underdog-Inc/web", "invalid-value", "https://github.com/Underdog-Inc/web", "owner/repo"},
		{"docs-examples/applications.yaml", "auto_deploy: false", "auto_deploy: \"no\"", "invalid-type", `"no"`, "true or false"},
		{"docs-examples/applications.yaml", "    removed_services:\n      api:", "    removed_services:\n      apx:", "unknown-removed-application", "apx", "apx"},
		{"docs-examples/applications.yaml", "  - name: preview", "  - name: staging", "duplicate-name", "staging", "already used"},
		{"docs-examples/applications.yaml", "config_source: .greyhound/api-config.yaml", "config_source: /api-config.yaml", "invalid-config-source", "/api-config.yaml", "absolute"},
		{"docs-examples/applications.yaml", "      - name: web\n    cluster", "      - name: web\n      - name: web\n    cluster", "duplicate-import", "web", "web"},
		// The platform project: merges, aliases, envFrom variables, flow style.
		{"platform/config.yaml", "configMapKeyRef: {name: gateway-env, key: TZ}", "configMapKeyRef: {name: gateway-env, key: TX}", "unknown-configmap-key", "TX", "TZ"},
		{"platform/config.yaml", "http://$(UPSTREAM_HOST)", "http://$(UPSTREAM_HOTS)", "undefined-env-reference", "$(UPSTREAM_HOTS)", "UPSTREAM_HOTS"},
		{"platform/config.yaml", "{service: admin-readonly,", "{service: admin-readonli,", "unknown-service", "admin-readonli", "admin-readonly"},
		{"platform/config.yaml", "restart_policy: Never", "restart_policy: never", "invalid-value", "never", "Never"},
		{"platform/config.yaml", `command: [node, reindex.js, --batch-size, "500"]`, `command: [node, reindex.js, --batch-size: 500]`, "invalid-type", "--batch-size: 500", "quote the entry"},
		{"platform/config.yaml", `hostnames: ["api.${env.name}.example.com"]`, `hostnames: [api.${env.name}.example.com]`, "syntax", "${env.name}", "quote"},
		{"platform/config.yaml", "${database.catalog.port}", "${database.catalog.portt}", "unknown-variable", "${database.catalog.portt}", "port"},
		{"platform/config.yaml", "replicas: 3", "replicas: three", "invalid-type", "three", "integer"},
		{"platform/config.yaml", "parallelism: 2", "parallelism: 5", "parallelism-exceeds-completions", "5", "completions"},
		{"platform/config.yaml", "TZ: Europe/Berlin", "TZ: Europe/Berlin\n      TZ: UTC", "duplicate-key", "TZ", "TZ"},
		{"platform/config.yaml", "image: ghcr.io/acme/catalog:2.4.1", "image: ghcr.io/acme/catalog:2.4.1\n    image_from_build: gateway-build", "conflicting-fields", "image_from_build", "image"},
		{"platform/config.yaml", "ports: [{containerPort: 9090}]", `ports: ["9090:9090"]`, "invalid-type", `"9090:9090"`, "docker-compose"},
		{"platform/applications.yaml", "from_applications: [{name: platform}]", "from_applications: [{name: platfrom}]", "unknown-application", "platfrom", "platform"},
		{"platform/applications.yaml", "    auto_deploy: false", "    auto_deploy: off", "invalid-type", "off", "true or false"},
		{"platform/applications.yaml", "repository: acme-corp/platform", "repository: acme-corp/platform.git", "invalid-value", "acme-corp/platform.git", ".git"},
		// Neighbouring formats' habits and misplaced fields.
		{"docs-examples/config.yaml", "    image: nginx:1.27-alpine\n    ports:", "    image: nginx:1.27-alpine\n    environment: {MODE: prod}\n    ports:", "unknown-field", "environment", "env"},
		{"docs-examples/config.yaml", "ttl: 3600", "ttlSecondsAfterFinished: 3600", "unknown-field", "ttlSecondsAfterFinished", "ttl"},
		{"docs-examples/config.yaml", "completed_timeout: 600", "completed_timeout: 600\n    activeDeadlineSeconds: 60", "unknown-field", "activeDeadlineSeconds", "deadline"},
		{"docs-examples/config.yaml", "    path: /api", "    path: /api\n    read_timeout: 120", "read-timeout-too-high", "120", "60"},
		{"docs-examples/config.yaml", "    ports:\n      - containerPort: 3000", "    ports:\n      - \"3000:3000\"", "invalid-type", `"3000:3000"`, "docker-compose"},
		{"docs-examples/config.yaml", "          name: app-config\n  - name: web", "          name: app-confg\n  - name: web", "unknown-configmap", "app-confg", "app-config"},
		{"docs-examples/config.yaml", "mount_path: /etc/nginx/conf.d", "mountPath: /etc/nginx/conf.d", "unknown-field", "mountPath", "mount_path"},
		{"docs-examples/config.yaml", "    type: configmap", "    type: configMap", "unknown-volume-type", "configMap", "configmap"},
		{"docs-examples/config.yaml", "    source: nginx-config", "    source: nginx-cfg", "unknown-volume-source", "nginx-cfg", "nginx-config"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${{ github.sha }}"`, "unknown-variable", "${{ github.sha }}", "commit.sha"},
		{"docs-examples/config.yaml", `value: "$(GIT_USERNAME):$(GIT_PASSWORD)"`, `value: "${commit.sha:0:7}"`, "unknown-variable", "${commit.sha:0:7}", "modifiers"},
		{"docs-examples/config.yaml", "      - myapp.example.com\n    path: /\n", "      - MyApp.example.com\n    path: /\n", "invalid-hostname", "MyApp.example.com", "lower-case"},
		{"docs-examples/config.yaml", "restart_policy: OnFailure", "restartPolicy: OnFailure", "unknown-field", "restartPolicy", "restart_policy"},
		{"docs-examples/config.yaml", "suspend: true", "suspend: \"yes\"", "invalid-type", `"yes"`, "true or false"},
		{"docs-examples/config.yaml", "image_from_build: api-build\n    ports:", "image_from_build: db-migrate\n    ports:", "unknown-build", "db-migrate", "job"},
		{"docs-examples/config.yaml", "  - service: api\n    hostnames:\n      - myapp", "  - service: api-build\n    hostnames:\n      - myapp", "unknown-service", "api-build", "build"},
		{"docs-examples/config.yaml", "FEATURE_FLAG_NEW_UI: 'true'", "FEATURE_FLAG_NEW_UI: 1", "invalid-type", "1", "quote"},
		{"docs-examples/config.yaml", "backoff_limit: 3", "backoff_limit: -1", "invalid-value", "-1", "0"},
		{"docs-examples/applications.yaml", "  - name: web\n    repository: Underdog-Inc/web", "  - name: web\n    repository: Underdog-Inc/w", "invalid-value", "Underdog-Inc/w", "3 characters"},
		{"docs-examples/applications.yaml", "    optional_applications:\n      - name: monitoring-sidecar", "    optional_applications:\n      - monitoring-sidecar", "invalid-type", "monitoring-sidecar", "mapping"},
		{"docs-examples/applications.yaml", "    cluster: shared-staging-eks", "    cluster: shared-staging-eks\n    clusters: eks", "unknown-field", "clusters", "cluster"},
		{"docs-examples/applications.yaml", "      - name: api\n    removed_services:\n      api:\n        services: debug", "      - name: api\n        cluster: eks\n    removed_services:\n      api:\n        services: debug", "unknown-field", "cluster", "belongs on the environment"},
		// The shop.
		{"shop/config.yaml", "      - shop-${env.name}.example.com\n    path: /api", "      - shop-${env.nam}.example.com\n    path: /api", "unknown-variable", "${env.nam}", "env.name"},
		{"shop/config.yaml", "    replicas: 2", "    replicas: 2\n    replica: 3", "unknown-field", "replica", "already set"},
		{"shop/config.yaml", "${database.0.writer_endpoint}", "${database.0.host}", "prefer-writer-endpoint", "${database.0.host}", "writer_endpoint"},
		{"shop/config.yaml", "        value: ${commit.sha}", "        value: ${commit.branch}", "nullable-variable", "${commit.branch}", "commit.branch"},
		{"shop/config.yaml", "cpu: 500m", "cpu: 500mb", "invalid-quantity", "500mb", "500mb"},
		{"shop/applications.yaml", "repository: acme-corp/payments-api", "repository: acme-corp/payments-api.git", "invalid-value", "acme-corp/payments-api.git", ".git"},
		{"shop/applications.yaml", "    tag: v2.3.0", "    tag: 2.3", "invalid-type", "2.3", "a number"},
		{"shop/applications.yaml", "      - name: shop\n    auto_deploy", "      - name: shopp\n    auto_deploy", "unknown-application", "shopp", "shop"},
		{"shop/applications.yaml", "      payments:\n        services:", "      payment:\n        services:", "unknown-removed-application", "payment", "payments"},
	}
	cfg := &lint.Config{Rules: All()}
	run := func(file string, src []byte) []lint.Diagnostic {
		return lint.Run(context.Background(), &lint.File{Path: ".greyhound/" + filepath.Base(file), Source: src}, cfg)
	}
	n := 0
	defer func() {
		if n < 80 && !t.Failed() {
			t.Errorf("%d mutations checked; the table holds at least 80", n)
		}
	}()
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.at, func(t *testing.T) {
			base, err := os.ReadFile("../testdata/valid/" + filepath.Dir(tt.file) + "/.greyhound/" + filepath.Base(tt.file))
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
			// The line: where the expected text last appears in the mutation
			// (a duplicate is reported on its second copy).
			want := start + strings.LastIndex(string(mutated[start:start+len(tt.new)]), tt.at)
			if got := bytes.Count(mutated[:d.Range.Start], []byte("\n")); got != bytes.Count(mutated[:want], []byte("\n")) {
				t.Errorf("on line %d, want line %d", got+1, bytes.Count(mutated[:want], []byte("\n"))+1)
			}
			if !strings.Contains(d.Message, tt.word) {
				t.Errorf("message %q does not say %q", d.Message, tt.word)
			}
			n++
		})
	}
}
