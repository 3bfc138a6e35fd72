package lint

import "testing"

func TestSuggest(t *testing.T) {
	fields := []string{"restart_policy", "replicas", "image", "image_from_build", "mount_path", "containerPort"}
	tests := []struct{ word, want string }{
		{"restartPolicy", "restart_policy"},
		{"RESTART_POLICY", "restart_policy"},
		{"replica", "replicas"},
		{"imgae", "image"},
		{"imageFromBuild", "image_from_build"},
		{"container_port", "containerPort"},
		{"mountPath", "mount_path"},
		{"livenessProbe", ""},
		{"image", ""}, // an exact match is not a suggestion
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, fields); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Suggest("public", []string{"nginx-internal", "nginx-public"}); got != "nginx-public" {
		t.Errorf("Suggest(public) = %q, want nginx-public", got)
	}
}

func TestApplyFixesSkipsOverlapsAndUncertain(t *testing.T) {
	src := []byte("abcdef")
	diags := []Diagnostic{
		{Fixes: []Fix{{Certain: true, Edits: []Edit{{Range: Range{0, 2}, NewText: "X"}}}}},
		{Fixes: []Fix{{Certain: true, Edits: []Edit{{Range: Range{1, 3}, NewText: "Y"}}}}},  // overlaps the first
		{Fixes: []Fix{{Certain: false, Edits: []Edit{{Range: Range{4, 5}, NewText: "Z"}}}}}, // only offered
		{Fixes: []Fix{{Certain: true, Edits: []Edit{{Range: Range{5, 6}, NewText: "W"}}}}},
	}
	got, n := ApplyFixes(src, diags)
	if string(got) != "XcdeW" || n != 2 {
		t.Errorf("got %q (%d fixes), want %q (2)", got, n, "XcdeW")
	}
}
