package model

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
)

func parse(t *testing.T, src string) *Model {
	t.Helper()
	doc, _ := lint.Parse([]byte(src))
	return New(doc)
}

func TestModelOfTheShopCorpus(t *testing.T) {
	for _, f := range []string{"config.yaml", "applications.yaml"} {
		src, err := os.ReadFile("../testdata/valid/shop/.greyhound/" + f)
		if err != nil {
			t.Fatal(err)
		}
		m := parse(t, string(src))
		if f == "config.yaml" && (len(m.Builds) == 0 || len(m.Services) == 0 || len(m.Rules) == 0 || len(m.ConfigMaps) == 0) {
			t.Errorf("config model: %d builds, %d services, %d rules, %d configmaps", len(m.Builds), len(m.Services), len(m.Rules), len(m.ConfigMaps))
		}
		if f == "applications.yaml" && (len(m.Applications) == 0 || len(m.Environments) == 0) {
			t.Errorf("applications model: %d applications, %d environments", len(m.Applications), len(m.Environments))
		}
		// Every symbol has a typed definition, and every reference names it.
		for _, s := range m.Symbols {
			typed := s.Build != nil || s.Workload != nil || s.ConfigMap != nil || s.SharedVolume != nil || s.Application != nil || s.Kind == AliasKind || s.Kind == JobKind
			if !typed || s.Def == nil || s.Name == "" {
				t.Errorf("%s %q: untyped or unnamed symbol", s.Kind, s.Name)
			}
			for _, r := range s.Refs {
				if v, _ := lint.Str(r); v != s.Name {
					t.Errorf("%s %q: a reference says %q", s.Kind, s.Name, v)
				}
			}
		}
	}
}

func TestModelReferencesAndKinds(t *testing.T) {
	m := parse(t, `builds:
  - name: api
services:
  - name: web
    image_from_build: api
    env:
      - name: A
        valueFrom:
          configMapKeyRef: {name: cm, key: K}
    envFrom:
      - configMapRef: {name: cm}
jobs:
  - name: migrate
    image_from_build: api
configmaps:
  - name: cm
    data: {K: v}
`)
	kinds := map[Kind]*Symbol{}
	for _, s := range m.Symbols {
		kinds[s.Kind] = s
	}
	if b := kinds[BuildKind]; b == nil || len(b.Refs) != 2 || b.Build == nil {
		t.Errorf("build api: %+v", b)
	}
	if c := kinds[ConfigMapKind]; c == nil || len(c.Refs) != 2 {
		t.Errorf("configmap cm: %+v", c)
	}
	if got := m.Workloads(); len(got) != 2 || got[0].Kind != ServiceKind || got[1].Kind != JobKind || got[1].String() != `job "migrate"` {
		t.Errorf("workloads: %v", got)
	}
	if refs := m.ConfigMapRefs(); len(refs) != 2 || refs[0].Key.String() != "K" || refs[1].Key.Value != nil {
		t.Errorf("configmap refs: %+v", refs)
	}
}

// A document that did not parse, or a fragment, gives a partial model.
func TestPartialModel(t *testing.T) {
	if m := New(nil); m == nil || len(m.Symbols) != 0 {
		t.Errorf("nil document: %+v", m)
	}
	m := parse(t, "services:\n  - not a mapping\n  - name: web\n    ports: 80\n")
	if len(m.Services) != 1 || m.Services[0].NameString() != "web" || len(m.Services[0].PortList) != 0 {
		t.Errorf("services: %+v", m.Services)
	}
}

func TestValidName(t *testing.T) {
	for s, want := range map[string]bool{"api": true, "api-v2": true, "API": false, "-a": false, "a-": false, "": false, "a_b": false,
		strings.Repeat("a", 63): true, strings.Repeat("a", 64): false, "é": false} {
		if ValidName(s) != want {
			t.Errorf("ValidName(%q) = %v", s, !want)
		}
	}
	// The loop says what the schema's pattern says, on every string of
	// up to four characters from an alphabet around its edges.
	pattern := regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	alphabet := []string{"a", "z", "0", "9", "-", "A", "_", ".", "\n", "é"}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		if ValidName(prefix) != pattern.MatchString(prefix) {
			t.Errorf("ValidName(%q) = %v, the pattern says %v", prefix, ValidName(prefix), !ValidName(prefix))
		}
		if n > 0 {
			for _, c := range alphabet {
				all(prefix+c, n-1)
			}
		}
	}
	all("", 4)
}
