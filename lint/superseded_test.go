package lint

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// countdown is a context that is done after n calls of Err: a parse
// superseded at a chosen point of its input, deterministically.
type countdown struct {
	context.Context
	n atomic.Int64
}

func (c *countdown) Done() <-chan struct{} { return make(chan struct{}) }
func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// A parse superseded part-way (the server's next keystroke) reports
// nothing and stops: it used to place a syntax error for the reader's
// refusal, which searched the whole file line by line (0.5-0.8 s of a
// 3.6 MB file, for a result the server discards: 10 edits 0.2 s apart
// cost 2.4 s of CPU where 2 s was the bound).
func TestSupersededParseReportsNothing(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "  - name: svc-%d\n    image: nginx\n", i)
	}
	src := []byte("services:\n" + b.String())
	for _, after := range []int64{0, 1, 10, 50} {
		ctx := &countdown{Context: context.Background()}
		ctx.n.Store(after)
		doc, diags := ParseContext(ctx, src)
		if len(diags) != 0 || doc.Root != nil {
			t.Errorf("superseded after %d reads: %d findings (%v), root %v", after, len(diags), diags, doc.Root != nil)
		}
	}
	if doc, diags := ParseContext(context.Background(), src); len(diags) != 0 || doc.Root == nil {
		t.Fatalf("the whole parse: %v", diags)
	}
}
