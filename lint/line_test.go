package lint

import "testing"

func TestScanLine(t *testing.T) {
	tests := []struct {
		line string
		want LineShape
	}{
		{"services:", LineShape{Dash: -1, Key: "services"}},
		{"  - name: api  # the API", LineShape{Indent: 2, Dash: 2, Content: 4, Key: "name", Value: "api"}},
		{"    image: \"nginx # not a comment\"", LineShape{Indent: 4, Dash: -1, Content: 4, Key: "image", Value: "nginx # not a comment"}},
		{"  - - nested: x", LineShape{Indent: 2, Dash: 4, Content: 6, Key: "nested", Value: "x"}},
		{"  - plain entry", LineShape{Indent: 2, Dash: 2, Content: 4}},
		{"    # only a comment", LineShape{Indent: 4, Dash: -1, Content: 4, Blank: true}},
		{"  -", LineShape{Indent: 2, Dash: 2, Content: 3}},
		{"url: http://example.com:8080/x", LineShape{Dash: -1, Key: "url", Value: "http://example.com:8080/x"}},
		{"'quoted key': v", LineShape{Dash: -1, Key: "quoted key", Value: "v"}},
	}
	for _, tt := range tests {
		if got := ScanLine([]byte(tt.line)); got != tt.want {
			t.Errorf("ScanLine(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}
