package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// One combination of the layers that configure a rule for a file: the
// keys of .greylint.yaml and the front end's overlay (flags, editor
// settings).
type layers struct {
	fileSev      string // rules: <rule>: <fileSev>, "" when absent
	fileStrict   bool
	excludeRule  bool   // exclude: [{path: the file, rules: [<rule>]}]
	excludeOther bool   // exclude: [{path: the file, rules: [<other>]}]
	excludeAll   bool   // exclude: [the file]
	fileSelect   string // select: [<fileSelect>], "" when absent
	fileIgnore   bool   // ignore: [<rule>]
	flagSev      string // the overlay's severity, "" when absent
	flagStrict   *bool
	flagSelect   string // the overlay's select, "" when nil
	flagIgnore   *bool  // the overlay's ignore: [<rule>] (true) or [] (false); nil when absent
}

// want is the precedence, stated once: the front end's severity over the
// file's over the rule's default; the front end's select and ignore
// replace the file's; exclude:, select and ignore turn the rule off
// whatever severity either gives; an exclude of the whole path skips the
// file; the front end's strict replaces the file's.
func (l layers) want(rule *lint.Rule) (sev lint.Severity, strict, skip bool) {
	if l.excludeAll {
		return 0, false, true
	}
	sev = rule.Severity
	if l.fileSev != "" {
		sev = level(l.fileSev)
	}
	if l.flagSev != "" {
		sev = level(l.flagSev)
	}
	selected, ignored := l.fileSelect, l.fileIgnore
	if l.flagSelect != "" {
		selected = l.flagSelect
	}
	if l.flagIgnore != nil {
		ignored = *l.flagIgnore
	}
	if l.excludeRule || (selected != "" && selected != rule.ID) || ignored {
		sev = lint.Off
	}
	strict = l.fileStrict
	if l.flagStrict != nil {
		strict = *l.flagStrict
	}
	return sev, strict, false
}

func (l layers) file(rule, other string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "strict: %v\n", l.fileStrict)
	if l.fileSev != "" {
		fmt.Fprintf(&b, "rules:\n  %s: %s\n", rule, l.fileSev)
	}
	if l.fileSelect != "" {
		fmt.Fprintf(&b, "select: [%s]\n", l.fileSelect)
	}
	if l.fileIgnore {
		fmt.Fprintf(&b, "ignore: [%s]\n", rule)
	}
	b.WriteString("exclude:\n")
	if l.excludeRule {
		fmt.Fprintf(&b, "  - {path: \".greyhound/*.yaml\", rules: [%s]}\n", rule)
	}
	if l.excludeOther {
		fmt.Fprintf(&b, "  - {path: \".greyhound/config.yaml\", rules: [%s]}\n", other)
	}
	if l.excludeAll {
		b.WriteString("  - \".greyhound/**\"\n")
	}
	b.WriteString("  - \"elsewhere/**\"\n")
	return b.String()
}

// every calls f with every combination of the layers (strict, which
// depends on nothing else, cycles through its six combinations).
func every(f func(layers)) {
	t, fa := true, false
	stricts := []*bool{nil, &t, &fa}
	n := 0
	for _, fileSev := range []string{"", "warning", "off"} {
		for _, flagSev := range []string{"", "error", "off"} {
			for _, flagIgnore := range []*bool{nil, &t, &fa} {
				for bits := range 1 << 4 {
					for _, sel := range [][2]string{{"", ""}, {"self", ""}, {"other", ""}, {"", "self"}, {"", "other"}, {"other", "self"}, {"self", "other"}} {
						n++
						f(layers{fileSev: fileSev, flagSev: flagSev, flagIgnore: flagIgnore,
							fileStrict: n%2 == 0, flagStrict: stricts[n/2%3],
							excludeRule: bits&1 != 0, excludeOther: bits&2 != 0, excludeAll: bits&4 != 0, fileIgnore: bits&8 != 0,
							fileSelect: sel[0], flagSelect: sel[1]})
					}
				}
			}
		}
	}
}

// level reads a severity as .greylint.yaml and the settings write it.
func level(s string) lint.Severity {
	if s == "off" {
		return lint.Off
	}
	sev, _ := lint.ParseSeverity(s)
	return sev
}

// TestPrecedence: every combination of .greylint.yaml's rules:, strict,
// exclude:, select and ignore with the front end's severity, strict,
// select and ignore gives the severity, strict mode and skip that want
// states; the file is read and resolved as the CLI and the server do.
func TestPrecedence(t *testing.T) {
	rule, other := rules.UnusedDefinition, rules.UnknownField
	// One checkout per distinct .greylint.yaml, its resolver reused for
	// every overlay (the file is read once, as in a run).
	type checkout struct {
		r    *Resolver
		path string
	}
	checkouts := map[string]checkout{}
	top := t.TempDir()
	cases := 0
	every(func(l layers) {
		cases++
		names := map[string]string{"self": rule.ID, "other": other.ID, "": ""}
		l.fileSelect, l.flagSelect = names[l.fileSelect], names[l.flagSelect]
		src := l.file(rule.ID, other.ID)
		c, ok := checkouts[src]
		if !ok {
			root := filepath.Join(top, fmt.Sprint(len(checkouts)))
			if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, FileName), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			c = checkout{&Resolver{}, filepath.Join(root, ".greyhound", "config.yaml")}
			checkouts[src] = c
		}
		o := Overlay{Strict: l.flagStrict}
		if l.flagSev != "" {
			o.Severity = map[string]lint.Severity{rule.ID: level(l.flagSev)}
		}
		if l.flagSelect != "" {
			o.Select = []string{l.flagSelect}
		}
		if l.flagIgnore != nil {
			o.Ignore = []string{}
			if *l.flagIgnore {
				// The engine's syntax and internal findings are never
				// turned off by select or ignore.
				o.Ignore = []string{rule.ID, lint.Syntax.ID, lint.Internal.ID}
			}
		}
		r := c.r
		r.SetOverlay(o)
		cfg, skip := r.For(c.path)
		if l := r.Loaded(); len(l) != 1 || len(l[0].Diags) != 0 {
			t.Fatalf("%s: not loaded, or with findings: %+v", src, l)
		}
		wantSev, wantStrict, wantSkip := l.want(rule)
		if skip != wantSkip {
			t.Fatalf("skip = %v, want %v\n%s overlay %+v", skip, wantSkip, src, o)
		}
		if skip {
			return
		}
		got, set := cfg.Severity[rule.ID]
		if !set {
			got = rule.Severity
		}
		if got != wantSev || cfg.Strict != wantStrict {
			t.Fatalf("severity %v strict %v, want %v and %v\n%s overlay %+v", got, cfg.Strict, wantSev, wantStrict, src, o)
		}
		if !cfg.Enabled(lint.Syntax) || !cfg.Enabled(lint.Internal) {
			t.Fatalf("syntax or internal turned off\n%s overlay %+v", src, o)
		}
		// The other rule is excluded only by its own exclude.
		if l.excludeOther && cfg.Enabled(other) {
			t.Fatalf("the other rule's exclude did not turn it off\n%s", src)
		}
		if l.flagSelect == "" && l.fileSelect == "" && !l.excludeOther && !cfg.Enabled(other) {
			t.Fatalf("the other rule is off\n%s overlay %+v", src, o)
		}
	})
	t.Logf("%d combinations", cases)
}
