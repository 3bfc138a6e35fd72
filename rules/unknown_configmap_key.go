package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
)

var UnknownConfigmapKey = &lint.Rule{
	ID:       "unknown-configmap-key",
	Summary:  "configMapKeyRef.key is not a key of the configmap's data (catalogue GH034, XR6)",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Doc: `When env[].valueFrom.configMapKeyRef names a configmap defined in the same
file, its key must be one of that configmap's data keys; otherwise the pod
fails to start (CreateContainerConfigError). Keys are case-sensitive.`,
	Run: runUnknownConfigmapKey,
}

func runUnknownConfigmapKey(p *lint.Pass) {
	data := map[string][]string{}
	defined := map[string]definition{}
	for _, d := range definitions(p.Doc, "configmaps") {
		defined[d.Name] = d
		m := lint.Resolve(lint.Get(d.Item, "data"))
		if m == nil {
			continue
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			data[d.Name] = append(data[d.Name], m.Content[i].Value)
		}
	}
	for _, r := range configmapRefs(p.Doc) {
		name, _ := lint.Str(r.Name)
		key, ok := lint.Str(r.Key)
		cm, local := defined[name]
		if !local || !ok || r.Optional || strings.Contains(key, "${") || contains(data[name], key) {
			continue
		}
		unresolved(p, r.Key, fmt.Sprintf("configmap %q has no key %q", name, key), data[name],
			"its keys are: "+strings.Join(data[name], ", "),
			[]lint.Related{{Range: p.Doc.Range(cm.NameNode), Message: fmt.Sprintf("configmap %q defined here", name)}})
	}
}
