package rules

import (
	"fmt"

	"github.com/greylint/greylint/lint"
)

var DuplicatePort = &lint.Rule{
	ID:       "duplicate-port",
	Summary:  "a service lists the same containerPort twice (catalogue GH021)",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Doc: `Kubernetes rejects a container whose ports repeat a containerPort with the
same protocol.`,
	Run: runDuplicatePort,
}

func runDuplicatePort(p *lint.Pass) {
	for _, w := range workloads(p.Doc) {
		first := map[string]lint.Range{}
		for _, port := range lint.Mappings(w.Node, "ports") {
			n := lint.Get(port, "containerPort")
			v, ok := intValue(n)
			if !ok {
				continue
			}
			proto, _ := lint.Str(lint.Get(port, "protocol"))
			if proto == "" {
				proto = "TCP"
			}
			key := fmt.Sprintf("%d/%s", v, proto)
			if r, dup := first[key]; dup {
				p.Report(lint.Diagnostic{
					Range:   p.Doc.Range(n),
					Message: fmt.Sprintf("%s lists containerPort %d more than once; remove the duplicate", w, v),
					Related: []lint.Related{{Range: r, Message: "first listed here"}},
				})
				continue
			}
			first[key] = p.Doc.Range(n)
		}
	}
}
