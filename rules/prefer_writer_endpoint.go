package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var PreferWriterEndpoint = &lint.Rule{
	ID:       "prefer-writer-endpoint",
	Summary:  "${database.<pool>.host} is kept for compatibility; use writer_endpoint",
	Severity: lint.Info,
	Fixes: []lint.FixDoc{
		{Safety: lint.Safe, What: "changes ${database.<pool>.host} to ${database.<pool>.writer_endpoint}, which the docs define as the same value"},
	},
	Run: runPreferWriterEndpoint,
}

func runPreferWriterEndpoint(p *lint.Pass) {
	p.Doc.StringValues(func(n *yaml.Node, _ string) {
		for _, ph := range model.Placeholders(n.Value) {
			parts := strings.Split(ph.Name, ".")
			if !ph.Closed || len(parts) != 3 || parts[0] != "database" || parts[2] != "host" || !validPool(parts[1]) {
				continue
			}
			r := subRange(p.Doc, n, ph.Index, ph.Text)
			// The docs define host as the writer endpoint, so the
			// interpolated text is the same: a safe fix.
			repl := "${database." + parts[1] + ".writer_endpoint}"
			p.Report(lint.Diagnostic{
				Range:   r,
				Message: fmt.Sprintf("%s is the same as %s, which the docs prefer", ph.Text, repl),
				Fixes:   valueFix(p.Doc, n, ph.Index, ph.Text, repl, "change to "+repl, lint.Safe),
			})
		}
	})
}
