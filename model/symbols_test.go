package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

// A reference kind of the symbol index: where a name is written (use,
// a fragment of a file that refers to name) and what it names.
type refKind struct {
	what Kind
	use  func(name string) string
}

// Every place the index takes a reference from. The test below generates
// its documents from this table: each place refers to "target", which is
// defined twice (a duplicate) beside "other".
var refKinds = map[string]refKind{
	"service image_from_build": {BuildKind, func(n string) string { return "services:\n  - name: s\n    image_from_build: " + n + "\n" }},
	"job image_from_build":     {BuildKind, func(n string) string { return "jobs:\n  - name: j\n    image_from_build: " + n + "\n" }},
	"service volume claim": {SharedVolumeKind, func(n string) string {
		return "services:\n  - name: s\n    volumes:\n      - {name: v, mount_path: /v, claim: " + n + "}\n"
	}},
	"job volume claim": {SharedVolumeKind, func(n string) string {
		return "jobs:\n  - name: j\n    volumes:\n      - {name: v, mount_path: /v, claim: " + n + "}\n"
	}},
	"rule service": {ServiceKind, func(n string) string { return "rules:\n  - {service: " + n + ", path: /}\n" }},
	"configMapKeyRef": {ConfigMapKind, func(n string) string {
		return "services:\n  - name: s\n    env:\n      - name: A\n        valueFrom:\n          configMapKeyRef: {name: " + n + ", key: K}\n"
	}},
	"build configMapKeyRef": {ConfigMapKind, func(n string) string {
		return "builds:\n  - name: b\n    env:\n      - name: A\n        valueFrom:\n          configMapKeyRef: {name: " + n + ", key: K}\n"
	}},
	"envFrom configMapRef": {ConfigMapKind, func(n string) string {
		return "jobs:\n  - name: j\n    envFrom:\n      - configMapRef: {name: " + n + "}\n"
	}},
	"configmap shared volume source": {ConfigMapKind, func(n string) string {
		return "shared_volumes:\n  - {name: sv, type: configmap, source: " + n + "}\n"
	}},
	"import name": {ApplicationKind, func(n string) string {
		return "environments:\n  - name: e\n    from_applications:\n      - name: " + n + "\n"
	}},
	"removed_services key": {ApplicationKind, func(n string) string {
		return "environments:\n  - name: e\n    removed_services:\n      " + n + ": {services: [x]}\n"
	}},
}

// definitions writes the section that defines name (twice) and other.
func definitions(k Kind, name string) string {
	section := map[Kind]string{BuildKind: "builds", ServiceKind: "services", ConfigMapKind: "configmaps",
		SharedVolumeKind: "shared_volumes", ApplicationKind: "applications"}[k]
	return fmt.Sprintf("%s:\n  - name: %s\n  - name: other\n  - name: %s\n", section, name, name)
}

// merge puts two fragments in one document: a section written in both has
// the items of both (the fragments are block lists at two spaces).
func merge(a, b string) string {
	sections := map[string][]string{}
	var order []string
	for _, frag := range []string{a, b} {
		var cur string
		for _, l := range strings.SplitAfter(frag, "\n") {
			if l == "" {
				continue
			}
			if !strings.HasPrefix(l, " ") {
				cur = l
				if _, ok := sections[cur]; !ok {
					order = append(order, cur)
					sections[cur] = nil
				}
				continue
			}
			sections[cur] = append(sections[cur], l)
		}
	}
	var out strings.Builder
	for _, s := range order {
		out.WriteString(s + strings.Join(sections[s], ""))
	}
	return out.String()
}

func TestIndexEveryReferenceKind(t *testing.T) {
	for place, rk := range refKinds {
		t.Run(place, func(t *testing.T) {
			src := merge(definitions(rk.what, "target"), rk.use("target"))
			src = merge(src, rk.use("nothing-defines-this"))
			m := parse(t, src)
			var target, other []*Symbol
			for _, s := range m.Symbols {
				if s.Kind != rk.what {
					continue
				}
				switch s.Name {
				case "target":
					target = append(target, s)
				case "other":
					other = append(other, s)
				}
			}
			// The duplicate is not a second symbol: the first definition
			// holds the references.
			if len(target) != 1 || len(other) != 1 {
				t.Fatalf("%s symbols: %d named target, %d named other, want 1 each\n%s", rk.what, len(target), len(other), src)
			}
			first := m.Defined(rk.what)[0]
			if target[0].Def != first.Name.Value || target[0].Item != first.Node {
				t.Errorf("the symbol is not the first definition (line %d)", target[0].Def.Line)
			}
			if len(target[0].Refs) != 1 {
				t.Fatalf("target has %d references, want 1\n%s", len(target[0].Refs), src)
			}
			if v, _ := lint.Str(target[0].Refs[0]); v != "target" {
				t.Errorf("the reference says %q", v)
			}
			if len(other[0].Refs) != 0 {
				t.Errorf("other has %d references, want none", len(other[0].Refs))
			}
			if !m.Dangling(rk.what) || m.Symbol(rk.what, "target") != target[0] || m.Symbol(rk.what, "nothing-defines-this") != nil {
				t.Errorf("Dangling(%s) = %v, Symbol(target) = %v", rk.what, m.Dangling(rk.what), m.Symbol(rk.what, "target"))
			}
			if clean := parse(t, merge(definitions(rk.what, "target"), rk.use("target"))); clean.Dangling(rk.what) {
				t.Errorf("Dangling(%s) without a dangling reference", rk.what)
			}
			if got := m.DefinedAs("target", rk.what); len(got) != 0 {
				t.Errorf("DefinedAs(target, %s) = %v, want nothing of another kind", rk.what, got)
			}
			if got := m.DefinedAs("target", AliasKind); len(got) != 1 || got[0] != target[0] {
				t.Errorf("DefinedAs(target, alias) = %v, want the %s", got, rk.what)
			}
			// The typed definition is the one of the symbol's kind.
			typed := map[Kind]bool{BuildKind: target[0].Build != nil, ServiceKind: target[0].Workload != nil,
				ConfigMapKind: target[0].ConfigMap != nil, SharedVolumeKind: target[0].SharedVolume != nil,
				ApplicationKind: target[0].Application != nil}
			for k, set := range typed {
				if set != (k == rk.what) {
					t.Errorf("typed value of %s set: %v", k, set)
				}
			}
		})
	}
}

// A shared volume's source names its configmap whatever the type says (a
// mistyped type must not make the configmap unused), and a
// removed_services key that is an alias refers to the alias, not to an
// application of that name.
func TestIndexScopes(t *testing.T) {
	m := parse(t, `configmaps:
  - name: cm
shared_volumes:
  - {name: a, type: configMap, source: cm}
  - {name: b, source: cm}
  - {name: c, type: "${T}", source: cm}
`)
	if s := m.Symbol(ConfigMapKind, "cm"); s == nil || len(s.Refs) != 3 || m.Dangling(ConfigMapKind) {
		t.Errorf("configmap cm: %+v, dangling %v; want the three sources", s, m.Dangling(ConfigMapKind))
	}
	m = parse(t, `applications:
  - name: shop
  - name: pay
environments:
  - name: e
    from_applications:
      - {name: shop, alias: pay}
    removed_services:
      pay: {services: [x]}
  - name: f
    from_applications:
      - {name: pay}
    removed_services:
      pay: {services: [x]}
`)
	refs := map[string]int{}
	var aliases int
	for _, s := range m.Symbols {
		refs[s.Kind.String()+" "+s.Name] = len(s.Refs)
		if s.Kind == AliasKind {
			aliases++
			if s.Scope != m.Environments[0].Node || s.Def != m.Environments[0].Imports[0].Alias.Value {
				t.Errorf("alias %q: scope or definition is not its environment's import", s.Name)
			}
		}
	}
	// shop: the import in e; pay: the import and the removal in f (e's
	// removal names the alias).
	want := map[string]int{"application shop": 1, "application pay": 2, "alias pay": 1}
	for k, n := range want {
		if refs[k] != n {
			t.Errorf("%s: %d references, want %d (all: %v)", k, refs[k], n, refs)
		}
	}
	if aliases != 1 {
		t.Errorf("%d aliases, want 1", aliases)
	}
	if got := m.Environments[1].Imported(); len(got) != 1 || got["pay"] != "pay" {
		t.Errorf("Imported of f = %v", got)
	}
	if got := m.Environments[0].Imported(); len(got) != 2 || got["pay"] != "shop" || got["shop"] != "shop" {
		t.Errorf("Imported of e = %v", got)
	}
}

// An import that is not a mapping, or has no name, makes the environment
// partial; a complete one is not.
func TestEnvironmentPartial(t *testing.T) {
	for imports, want := range map[string]bool{
		"[{name: a}, {name: b, alias: c}]": false,
		"[{name: a}, x]":                   true,
		"[{alias: c}]":                     true,
		"[{name: ''}]":                     true,
		"[]":                               false,
	} {
		m := parse(t, "environments:\n  - name: e\n    from_applications: "+imports+"\n")
		if got := m.Environments[0].Partial; got != want {
			t.Errorf("from_applications %s: Partial = %v, want %v", imports, got, want)
		}
	}
}

// Every kind has its own name, and a value past the list is named by number.
func TestKindNames(t *testing.T) {
	seen := map[string]bool{}
	for k := BuildKind; k <= AliasKind; k++ {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "kind(") || seen[s] {
			t.Errorf("Kind(%d).String() = %q", k, s)
		}
		seen[s] = true
	}
	if got := (AliasKind + 1).String(); got != fmt.Sprintf("kind(%d)", AliasKind+1) {
		t.Errorf("past the last kind: %q", got)
	}
}

// Removals reads a single service name, a list (skipping what is not a
// scalar), and nothing.
func TestRemovals(t *testing.T) {
	m := parse(t, `environments:
  - name: e
    removed_services:
      a: {services: x}
      b: {services: [y, {z: 1}, w]}
      c: {}
`)
	var got []string
	for _, r := range m.Environments[0].Removals() {
		var names []string
		for _, n := range r.Names {
			names = append(names, n.Value)
		}
		got = append(got, r.App.Value+"="+strings.Join(names, ","))
	}
	if s := strings.Join(got, " "); s != "a=x b=y,w c=" {
		t.Errorf("removals: %s", s)
	}
}

// Owners are the builds, then the services and jobs; each names itself
// in messages.
func TestOwners(t *testing.T) {
	m := parse(t, "jobs:\n  - name: j\nservices:\n  - name: s\n  - {image: x}\nbuilds:\n  - name: b\n")
	var got []string
	for _, o := range m.Owners() {
		got = append(got, o.String())
	}
	if s := strings.Join(got, ", "); s != `build "b", service "s", service, job "j"` {
		t.Errorf("owners: %s", s)
	}
	if e := (&Environment{}); e.String() != "environment" {
		t.Errorf("unnamed environment: %q", e.String())
	}
}
