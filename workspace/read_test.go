package workspace

import (
	"errors"
	"strings"
	"testing"
)

// A file that grows between the stat and the read is read past its stated
// size, up to the limit, and refused beyond it.
func TestReadSizedBeyondTheStatedSize(t *testing.T) {
	for _, c := range []struct {
		text        string
		size, limit int64
		tooLarge    bool
	}{
		{"0123456789", 10, 20, false},
		{"012345678901234", 10, 20, false},
		{"01234567890123456789", 10, 20, false},
		{"012345678901234567890", 10, 20, true},
		{strings.Repeat("x", 1000), 10, 20, true},
		{"", 0, 20, false},
	} {
		b, err := readSized(strings.NewReader(c.text), c.size, c.limit)
		var tl ErrTooLarge
		switch {
		case c.tooLarge && !errors.As(err, &tl):
			t.Errorf("%d bytes stated as %d, limit %d: got %d bytes, %v; want too large", len(c.text), c.size, c.limit, len(b), err)
		case !c.tooLarge && (err != nil || string(b) != c.text):
			t.Errorf("%d bytes stated as %d, limit %d: got %q, %v", len(c.text), c.size, c.limit, b, err)
		}
	}
}
