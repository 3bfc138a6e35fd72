package rules

import (
	"go.yaml.in/yaml/v3"

	"fmt"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var DuplicatePort = &lint.Rule{
	ID:       "duplicate-port",
	Summary:  "a service lists the same containerPort twice",
	Severity: lint.Error,
	Kinds:    []lint.Kind{lint.KindConfig},
	Run:      runDuplicatePort,
}

func runDuplicatePort(p *lint.Pass) {
	for _, w := range model.Of(p).Workloads() {
		first := map[string]*yaml.Node{} // a range only for a finding
		for _, port := range w.PortList {
			n := port.ContainerPort.Value
			v, ok := intValue(n)
			if !ok {
				continue
			}
			proto := port.Protocol.String()
			if proto == "" {
				proto = "TCP"
			}
			key := fmt.Sprintf("%d/%s", v, proto)
			if at, dup := first[key]; dup {
				p.Report(lint.Diagnostic{
					Range:   p.Doc.Range(n),
					Message: fmt.Sprintf("%s lists containerPort %d more than once; remove the duplicate", w, v),
					Related: []lint.Related{{Range: p.Doc.Range(at), Message: "first listed here"}},
				})
				continue
			}
			first[key] = n
		}
	}
}
