package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/greylint/greylint/lint"
)

// TestDuplicatePortByProtocol: two ports entries of a service, each port
// and protocol written or omitted, in every combination: duplicate-port
// reports the second exactly when the ports and the protocols Kubernetes
// uses are the same (an omitted protocol is TCP).
func TestDuplicatePortByProtocol(t *testing.T) {
	cfg := &lint.Config{Rules: All()}
	protocols := []string{"", "TCP", "UDP", "SCTP"}
	effective := func(p string) string {
		if p == "" {
			return "TCP"
		}
		return p
	}
	entry := func(port int, proto string) string {
		if proto == "" {
			return fmt.Sprintf("{containerPort: %d}", port)
		}
		return fmt.Sprintf("{containerPort: %d, protocol: %s}", port, proto)
	}
	for _, a := range protocols {
		for _, b := range protocols {
			for _, port := range []int{80, 81} {
				src := fmt.Sprintf("services:\n  - name: api\n    image: nginx\n    ports: [%s, %s]\n", entry(80, a), entry(port, b))
				res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
				n := 0
				for _, d := range res.Diagnostics {
					if d.Rule == DuplicatePort.ID {
						n++
					}
				}
				if want := port == 80 && effective(a) == effective(b); (n == 1) != want || n > 1 {
					t.Errorf("%d duplicate-port findings, want reported=%v:\n%s", n, want, src)
				}
			}
		}
	}
}
