package lsp

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOnlyGreyhoundFiles: a client that sends every YAML document gets
// nothing for a Kubernetes manifest, a compose file and a workflow next to
// .greyhound/ (no diagnostics, empty completion and hover), and findings
// for the greyhound files: those in .greyhound/, a config outside it that
// an application names, a file matched by files:, and an untitled buffer
// with greyhound's top-level keys.
func TestOnlyGreyhoundFiles(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".greylint.yaml"), "repository: acme-corp/api\nfiles: [\"greyhound/*.yml\"]\n")
	writeFile(t, filepath.Join(root, ".greyhound", "applications.yaml"), "applications:\n  - name: api\n    repository: acme-corp/api\n    branch: main\n    default_cluster: eks\n    config_source: deploy/api.yaml\n")
	others := map[string]string{
		"k8s/deployment.yaml":       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n",
		"docker-compose.yaml":       "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n",
		".github/workflows/ci.yaml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
		"charts/api/values.yaml":    "replicaCount: 1\nimage:\n  repository: nginx\n",
	}
	greyhound := map[string]string{
		".greyhound/config.yaml": "services:\n  - name: api\n    image_from_build: nope\n",
		"deploy/api.yaml":        "services:\n  - name: api\n    image_from_build: nope\n",
		"greyhound/extra.yml":    "services:\n  - name: api\n    image_from_build: nope\n",
	}
	for rel, text := range others {
		writeFile(t, filepath.Join(root, rel), text)
	}
	for rel, text := range greyhound {
		writeFile(t, filepath.Join(root, rel), text)
	}
	e := startEditor(t, func(p *protocol.InitializeParams) {
		p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(root), Name: "repo"}})
	})
	open := func(rel, text string) uri.URI {
		u := uri.File(filepath.Join(root, rel))
		e.mu.Lock()
		e.versions[u] = 1
		e.mu.Unlock()
		e.openURI(u, text)
		return u
	}
	for rel, text := range others {
		u := open(rel, text)
		if got := e.wait(u, 1); len(got) != 0 {
			t.Errorf("%s is not a greyhound file, yet has %d findings: %s", rel, len(got), messageOf(got[0]))
		}
		if items := e.complete(u, 1, 0); len(items) != 0 {
			t.Errorf("%s: completion offers %s", rel, labels(items))
		}
		h, err := e.server.Hover(context.Background(), &protocol.HoverParams{TextDocumentPositionParams: tdpp(u, 0, 1)})
		if err != nil || h != nil {
			t.Errorf("%s: hover %+v %v", rel, h, err)
		}
	}
	for rel, text := range greyhound {
		u := open(rel, text)
		found := false
		for _, d := range e.wait(u, 1) {
			found = found || codeOf(d) == "unknown-build"
		}
		if !found {
			t.Errorf("%s is a greyhound file, but has no unknown-build finding", rel)
		}
	}
	// Untitled buffers: by their top-level keys.
	for text, want := range map[string]bool{
		"services:\n  - name: api\n    image_from_build: nope\n": true,
		"apiVersion: v1\nkind: Service\n":                        false,
	} {
		u := uri.URI("untitled:Untitled-" + map[bool]string{true: "1", false: "2"}[want])
		e.mu.Lock()
		e.versions[u] = 1
		e.mu.Unlock()
		e.openURI(u, text)
		if got := e.wait(u, 1); (len(got) > 0) != want {
			t.Errorf("untitled %q: %d findings, want findings: %v", text, len(got), want)
		}
	}
}
