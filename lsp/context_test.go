package lsp

import (
	"sort"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// The cursor is marked with "|" in each text.
func TestCursorAt(t *testing.T) {
	tests := []struct {
		name, text string
		path       string // Path joined by "/"
		inValue    bool
		key        string
		prefix     string
		siblings   string // sorted keys, comma-separated; "" skips the check
	}{
		{"top-level key", "servi|", "", false, "", "servi", ""},
		{"key with no colon in a list entry", "services:\n  - name: api\n    imag|\n    replicas: 2\n", "services/[]", false, "", "imag", "name,replicas"},
		{"value of a key", "jobs:\n  - name: x\n    image_from_build: ap|", "jobs/[]", true, "image_from_build", "ap", "name"},
		{"new list entry", "services:\n  - name: a\n  - |", "services/[]", false, "", "", ""},
		{"compact list", "services:\n- name: a\n  ima|", "services/[]", false, "", "ima", "name"},
		{"nested mapping", "services:\n  - name: a\n    env:\n      - name: X\n        valueFrom:\n          configMapKeyRef:\n            key: |\n            name: cm\n", "services/[]/env/[]/valueFrom/configMapKeyRef", true, "key", "", "name"},
		{"blank line in a mapping", "jobs:\n  - name: x\n    |\n", "jobs/[]", false, "", "", "name"},
		{"garbage below", "builds:\n  - name: b\njobs:\n  - name: j\n    image_from_build: |\n  ]]] not yaml {\n", "jobs/[]", true, "image_from_build", "", ""},
		{"removed_services key", "environments:\n  - name: staging\n    from_applications:\n      - name: api\n    removed_services:\n      a|\n", "environments/[]/removed_services", false, "", "a", ""},
		{"quoted value", "rules:\n  - service: \"ap|", "rules/[]", true, "service", "ap", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.text, "|")
			src := []byte(strings.Replace(tt.text, "|", "", 1))
			c := cursorAt(src, lint.NewLines(src), off)
			if got := strings.Join(c.Path, "/"); got != tt.path || c.InValue != tt.inValue || c.Key != tt.key || c.Prefix != tt.prefix {
				t.Errorf("got path %q value %v key %q prefix %q; want %q %v %q %q", got, c.InValue, c.Key, c.Prefix, tt.path, tt.inValue, tt.key, tt.prefix)
			}
			if tt.siblings != "" {
				var keys []string
				for k := range c.Siblings {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				if got := strings.Join(keys, ","); got != tt.siblings {
					t.Errorf("siblings %q, want %q", got, tt.siblings)
				}
			}
		})
	}
}

func TestCursorItems(t *testing.T) {
	text := "environments:\n  - name: staging\n    from_applications:\n      - name: api\n    removed_services:\n      |\n"
	off := strings.Index(text, "|")
	src := []byte(strings.Replace(text, "|", "", 1))
	c := cursorAt(src, lint.NewLines(src), off)
	if len(c.Items) != 1 || c.Items[0]["name"] != "staging" {
		t.Errorf("items %v, want the staging environment", c.Items)
	}
}
