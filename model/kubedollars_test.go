package model

import (
	"strings"
	"testing"
)

// KubeDollars against its definition: for every text of '$', 'a' and ' '
// up to 7 bytes, the result keeps the length, and read as the shell
// reads it (empty quotes dropped, each word on its own) it is the text
// with every "$$" made "$", words split only where an odd padding put a
// space before a run of dollars.
func TestKubeDollarsIsKubernetesExpansion(t *testing.T) {
	alphabet := []byte{'$', 'a', ' '}
	var texts []string
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		texts = append(texts, string(prefix))
		if len(prefix) == 7 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix[:len(prefix):len(prefix)], c))
		}
	}
	gen(nil)
	for _, text := range texts {
		b := []byte(text)
		KubeDollars(b)
		if len(b) != len(text) {
			t.Fatalf("%q: length %d, want %d", text, len(b), len(text))
		}
		got := strings.Join(strings.Fields(strings.ReplaceAll(string(b), "''", "")), "")
		want := strings.Join(strings.Fields(strings.ReplaceAll(text, "$$", "$")), "")
		if got != want {
			t.Errorf("%q: the shell sees %q (%q), want %q", text, b, got, want)
		}
		if strings.Contains(string(b), "$ $") && !strings.Contains(text, "$ $") {
			t.Errorf("%q: %q splits a run of dollars", text, b)
		}
	}
}
