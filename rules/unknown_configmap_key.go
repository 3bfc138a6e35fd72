package rules

import (
	"fmt"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
)

var UnknownConfigmapKey = &lint.Rule{
	ID:       "unknown-configmap-key",
	Summary:  "configMapKeyRef.key is not a key of the configmap's data",
	Severity: lint.Error,
	Fixes: []lint.FixDoc{
		{Safety: lint.Unsafe, What: "changes the name to the one defined name that is closest to it: a guess, since another existing name deploys something else"},
		{Safety: lint.Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Kinds: []lint.Kind{lint.KindConfig},
	Run:   runUnknownConfigmapKey,
}

func runUnknownConfigmapKey(p *lint.Pass) {
	m := model.Of(p)
	data := map[string][]string{} // keys in file order
	defined := map[string]*model.Entry{}
	for _, cm := range m.ConfigMaps {
		name, ok := cm.Name.Str()
		if !ok {
			continue
		}
		defined[name] = &cm.Entry
		for _, kv := range cm.Data.Pairs() { // keys merged in with << count
			data[name] = append(data[name], kv[0].Value)
		}
	}
	keys := map[string]*lint.Candidates{}
	for name := range defined {
		keys[name] = lint.NewCandidates(data[name])
	}
	for _, r := range m.ConfigMapRefs() {
		name := r.Name.String()
		key, ok := r.Key.Str()
		cm, local := defined[name]
		if !local || !ok || r.IsOptional() || strings.Contains(key, "${") || keys[name].Has(key) {
			continue
		}
		unresolved(p, r.Key.Value, fmt.Sprintf("configmap %q has no key %q", name, key), keys[name],
			"its keys are: "+listNames(data[name]),
			relatedList{{Range: p.Doc.Range(cm.Name.Value), Message: fmt.Sprintf("configmap %q defined here", name)}})
	}
}
