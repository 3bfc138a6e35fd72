package model

import (
	"reflect"
	"strings"
	"testing"
)

// every calls f with every string of up to n characters from alphabet.
func every(alphabet string, n int, f func(string)) {
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		f(prefix)
		if n > 0 {
			for _, c := range alphabet {
				all(prefix+string(c), n-1)
			}
		}
	}
	all("", n)
}

// placeholdersByLoop is Placeholders written as the plainest loop, without
// the fast skip to the next '$': what the format says, one byte at a time.
func placeholdersByLoop(s string) []Placeholder {
	var out []Placeholder
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		if s[i+1] == '$' {
			i++ // "$$" escapes
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		end, next := -1, -1
		for j := i + 2; j < len(s) && end < 0; j++ {
			if s[j] == '}' {
				end = j
			}
		}
		for j := i + 2; j+1 < len(s) && next < 0; j++ {
			if s[j] == '$' && s[j+1] == '{' {
				next = j
			}
		}
		if end < 0 || (next >= 0 && next < end) {
			stop := len(s)
			if next >= 0 {
				stop = next
			}
			out = append(out, Placeholder{Index: i, Text: s[i:stop], Name: s[i+2 : stop]})
			i = stop - 1
			continue
		}
		out = append(out, Placeholder{Index: i, Text: s[i : end+1], Name: s[i+2 : end], Closed: true})
		i = end
	}
	return out
}

// kubeRefsByLoop is KubeRefs without the regexp: "$(" then characters
// other than parentheses, '$' and white space, then ")"; not after a '$'.
func kubeRefsByLoop(s string) []KubeRef {
	var out []KubeRef
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' || s[i+1] != '(' {
			continue
		}
		j := i + 2
		for j < len(s) && !strings.ContainsRune("()$ \t\n\f\r", rune(s[j])) {
			j++
		}
		if j == len(s) || s[j] != ')' {
			continue
		}
		if i == 0 || s[i-1] != '$' {
			out = append(out, KubeRef{Index: i, Text: s[i : j+1], Name: s[i+2 : j]})
		}
		i = j
	}
	return out
}

// Placeholders and KubeRefs agree with their plainest loops on every
// string of up to six characters around their syntax.
func TestInterpolationAgreesWithTheLoops(t *testing.T) {
	n := 0
	every("${}a.", 6, func(s string) {
		n++
		if got, want := Placeholders(s), placeholdersByLoop(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Placeholders(%q) = %+v, want %+v", s, got, want)
		}
	})
	every("$()a ", 6, func(s string) {
		if got, want := KubeRefs(s), kubeRefsByLoop(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("KubeRefs(%q) = %+v, want %+v", s, got, want)
		}
	})
	if n < 5000 {
		t.Errorf("only %d strings", n)
	}
}

// IsTrue is the boolean true through aliases, not the string "true";
// ResourceList is a mapping or nil.
func TestIsTrueAndResources(t *testing.T) {
	m := parse(t, `x: &t true
services:
  - name: a
    env:
      - name: A
        valueFrom: {configMapKeyRef: {name: c, key: k, optional: *t}}
      - name: B
        valueFrom: {configMapKeyRef: {name: c, key: k, optional: "true"}}
      - name: C
        valueFrom: {configMapKeyRef: {name: c, key: k, optional: false}}
    resources: {limits: {cpu: 1}, requests: 2}
`)
	var got []bool
	for _, e := range m.Services[0].Env {
		got = append(got, e.ConfigMapKeyRef.IsOptional())
	}
	if !reflect.DeepEqual(got, []bool{true, false, false}) {
		t.Errorf("optional: %v, want true, false, false", got)
	}
	o := &m.Services[0].Owner
	if l := o.ResourceList("limits"); l == nil || len(l.Content) != 2 {
		t.Errorf("limits: %v", l)
	}
	if o.ResourceList("requests") != nil || o.ResourceList("other") != nil {
		t.Error("a resource list that is not a mapping, or absent, is not nil")
	}
	if IsTrue(nil) {
		t.Error("IsTrue(nil)")
	}
}
