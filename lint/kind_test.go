package lint

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestKindDetectionAndManifests: for random files of top-level keys
// (greyhound's sections of either kind, Kubernetes' apiVersion and kind,
// other keys, some through a merge) at random paths, Analyze gives the
// kind the path says (applications.y[a]ml anywhere, any other file in a
// .greyhound directory a config), else the content says (sections of
// applications files only: applications; else config), an explicit Kind
// winning over both; a file with apiVersion and kind and no section gets
// one not-greyhound finding at the kind's value and nothing else, unless
// not-greyhound is turned off.
func TestKindDetectionAndManifests(t *testing.T) {
	rnd := rand.New(rand.NewPCG(19, 20))
	paths := map[string]Kind{
		".greyhound/config.yaml": KindConfig, "x/.greyhound/api-config.yml": KindConfig, "applications.yaml": KindApplications,
		"deploy/APPLICATIONS.YML": KindApplications, ".greyhound/applications.yml": KindApplications, "other/app.yaml": KindUnknown,
		"": KindUnknown, ".greyhound": KindUnknown, "greyhound/config.yaml": KindUnknown,
	}
	var pathList []string
	for p := range paths {
		pathList = append(pathList, p)
	}
	keys := append(append([]string{}, SectionKeys(KindConfig)...), SectionKeys(KindApplications)...)
	keys = append(keys, "apiVersion", "kind", "metadata", "name")
	every := &Rule{ID: "every", Severity: Info, Run: func(p *Pass) { p.Reportf(Range{0, 0}, "ran on %s", p.File.Kind) }}
	seen := map[string]int{}
	for range 1500 {
		var b strings.Builder
		present := map[string]bool{}
		merged := rnd.IntN(4) == 0
		if merged {
			b.WriteString("base: &b\n")
			for _, k := range []string{"kind", "apiVersion", "jobs", "environments"} {
				if rnd.IntN(2) == 0 {
					fmt.Fprintf(&b, "  %s: Deployment\n", k)
					present[k] = true
				}
			}
			b.WriteString("<<: *b\n")
		}
		top, nonScalar := map[string]bool{}, map[string]bool{}
		if rnd.IntN(3) == 0 {
			if rnd.IntN(5) == 0 {
				b.WriteString("apiVersion: v1\nkind: {x: 1}\n")
				nonScalar["kind"] = true
			} else {
				b.WriteString("apiVersion: v1\nkind: Pod\n")
			}
			top["apiVersion"], top["kind"], present["apiVersion"], present["kind"] = true, true, true, true
		}
		for range rnd.IntN(5) {
			if k := keys[rnd.IntN(len(keys))]; !top[k] {
				if rnd.IntN(4) == 0 {
					fmt.Fprintf(&b, "%s: {x: 1}\n", k)
					nonScalar[k] = true
				} else {
					fmt.Fprintf(&b, "%s: v%d\n", k, rnd.IntN(9))
				}
				top[k], present[k] = true, true
			}
		}
		if rnd.IntN(15) == 0 {
			b.Reset()
			present = map[string]bool{}
			b.WriteString("- a list\n")
		}
		src := b.String()
		if src == "" {
			continue // an empty file: its own finding
		}
		path := pathList[rnd.IntN(len(pathList))]
		explicit := []Kind{KindUnknown, KindUnknown, KindConfig, KindApplications}[rnd.IntN(4)]
		cfg := &Config{Rules: []*Rule{NotGreyhound, DuplicateKey, every}}
		off := rnd.IntN(4) == 0
		if off {
			cfg.Severity = map[string]Severity{NotGreyhound.ID: Off}
		}
		res := Analyze(context.Background(), &File{Path: path, Kind: explicit, Source: []byte(src)}, cfg)
		// The expected kind.
		want := explicit
		if want == KindUnknown {
			want = paths[path]
		}
		configSection, appsSection := false, false
		for k := range present {
			if s := SectionOf(k); s != nil {
				configSection = configSection || s.Kind == KindConfig
				appsSection = appsSection || s.Kind == KindApplications
			}
		}
		if want == KindUnknown {
			// Top-level keys only (a merge's keys are not the file's own).
			topConfig, topApps := false, false
			for _, line := range strings.Split(src, "\n") {
				k, _, ok := strings.Cut(line, ":")
				if s := SectionOf(k); ok && s != nil {
					topConfig = topConfig || s.Kind == KindConfig
					topApps = topApps || s.Kind == KindApplications
				}
			}
			want = KindConfig
			if topApps && !topConfig {
				want = KindApplications
			}
		}
		if res.Kind != want {
			t.Fatalf("%q at %q (kind %v): %v, want %v", src, path, explicit, res.Kind, want)
		}
		manifest := present["apiVersion"] && present["kind"] && !nonScalar["apiVersion"] && !nonScalar["kind"] && !configSection && !appsSection
		if manifest && !off {
			seen["manifest"]++
			if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != NotGreyhound.ID || res.Diagnostics[0].Severity != Warning {
				t.Fatalf("%q: %v, want one not-greyhound finding", src, res.Diagnostics)
			}
			at := strings.LastIndex(src, "kind: ") + len("kind: ")
			if d := res.Diagnostics[0]; d.Range.Start != at || !strings.Contains(d.Message, fmt.Sprintf("(%q)", src[d.Range.Start:d.Range.End])) {
				t.Fatalf("%q: %v, want it at the kind's value (%d)", src, d, at)
			}
			continue
		}
		seen[fmt.Sprint("linted ", want)]++
		if n := len(res.Diagnostics); n != 1 || res.Diagnostics[0].Message != "ran on "+want.String() {
			t.Fatalf("%q at %q: %v, want the rule to run on a %v file", src, path, res.Diagnostics, want)
		}
	}
	for _, c := range []string{"manifest", "linted config", "linted applications"} {
		if seen[c] < 50 {
			t.Errorf("only %d cases of %s", seen[c], c)
		}
	}
	for _, k := range []Kind{KindConfig, KindApplications} {
		if got, ok := ParseKind(k.String()); !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("greylint"); ok || KindGreylint.String() != "greylint" || KindUnknown.String() != "unknown" {
		t.Error("ParseKind accepts a kind a file cannot be given")
	}
}
