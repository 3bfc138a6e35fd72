package rules

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/internal/scalars"
	"github.com/greylint/greylint/lint"
)

// fixSafetyFiles are the inputs of the fix-safety property: every rule
// case and the valid corpus.
func fixSafetyFiles(t testing.TB) []string {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, dir := range []string{"../testdata/valid", "../examples"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) && !strings.HasSuffix(p, ".greylint.yaml") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d files for the fix-safety property", len(files))
	}
	return files
}

// TestSafeFixesKeepTheMeaning is the fix-safety policy as a property: for
// every safe fix in every case and corpus file, the documents yaml.v3
// decodes (an oracle independent of greylint's own reading: it expands
// aliases and merges as a loader does) are equal before and after the fix
// except at the one path the fix edits, and the fixed text no longer has
// the finding and has no finding it did not have (but those the fix
// declares it reveals). --fix (FixFile) on the valid corpus changes
// nothing.
func TestSafeFixesKeepTheMeaning(t *testing.T) {
	checked := 0
	for _, path := range fixSafetyFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, cfg := caseFile(path, src)
		res := lint.Analyze(context.Background(), f, cfg)
		for _, d := range res.Diagnostics {
			fix, ok := d.SafeFix()
			if !ok {
				continue
			}
			checked++
			if err := checkSafeFix(f, cfg, res, d, fix); err != nil {
				t.Errorf("%s: %s fix %q: %v", path, d.Rule, fix.Title, err)
			}
		}
		if strings.Contains(path, "testdata/valid") || strings.Contains(path, "examples/shop") {
			if fr := lint.FixFile(context.Background(), f, cfg, res, true); !bytes.Equal(fr.Source, src) {
				t.Errorf("%s: --fix --unsafe-fixes changes a valid file", path)
			}
		}
	}
	if checked < 15 {
		t.Errorf("only %d safe fixes checked; the property needs cases", checked)
	}
	t.Logf("%d safe fixes checked", checked)
}

// FuzzSafeFixes checks the same property on any input.
func FuzzSafeFixes(f *testing.F) {
	addSeeds(f)
	cfg := &lint.Config{Rules: All()}
	f.Fuzz(func(t *testing.T, src []byte, apps bool) {
		file := fuzzFile(src, apps)
		res := lint.Analyze(context.Background(), file, cfg)
		for _, d := range res.Diagnostics {
			if fix, ok := d.SafeFix(); ok {
				if err := checkSafeFix(file, cfg, res, d, fix); err != nil {
					t.Fatalf("%s fix %q: %v", d.Rule, fix.Title, err)
				}
			}
		}
	})
}

func checkSafeFix(f *lint.File, cfg *lint.Config, res *lint.Result, d lint.Diagnostic, fix lint.Fix) error {
	src := f.Source
	after, n := lint.ApplyFixes(src, []lint.Fix{fix})
	if n != 1 {
		return errors.New("the fix's own edits overlap")
	}
	before, errB := decodeAll(src)
	if errB == nil {
		got, err := decodeAll(after)
		if err != nil {
			return fmt.Errorf("the fixed text no longer loads: %v\n%s", err, after)
		}
		if err := sameExceptAt(res.Doc, fix, before, got); err != nil {
			return err
		}
	}
	g := *f
	g.Source = after
	res2 := lint.Analyze(context.Background(), &g, cfg)
	for _, d2 := range res2.Diagnostics {
		if d2.Rule == d.Rule && d2.Message == d.Message {
			return fmt.Errorf("the finding is still there after the fix")
		}
	}
	if added := lint.AddedFinding(res.Diagnostics, []lint.Fix{fix}, res2.Diagnostics); added != nil {
		// Allowed only when --fix's guard refuses it (and then no longer
		// marks it safe: TestNoSafeFixLeftAfterFix).
		for _, r := range lint.FixFile(context.Background(), f, cfg, res, false).Rejected {
			if r.Diagnostic.Rule == d.Rule && r.Diagnostic.Message == d.Message {
				return nil
			}
		}
		return fmt.Errorf("the fix adds %s: %s, and --fix would apply it", added.Rule, added.Message)
	}
	return nil
}

// decodeAll decodes every document of src the way a loader does.
func decodeAll(src []byte) ([]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var docs []any
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}

// sameExceptAt compares the decoded documents before and after a fix. The
// only differences allowed are at the path of the node the fix edits: its
// value (a quoted or corrected scalar), or, when the edit is a key, that
// key renamed with its value unchanged; removing a trailing empty
// document; nothing at all for a fix in a comment.
func sameExceptAt(doc *lint.Document, fix lint.Fix, before, after []any) error {
	if len(after) == len(before)-1 && before[len(before)-1] == nil {
		before = before[:len(before)-1] // the trailing "---"
	}
	if len(before) != len(after) {
		return fmt.Errorf("%d documents before the fix, %d after", len(before), len(after))
	}
	var diffs []valueDiff
	for i := range before {
		diffValues(nil, before[i], after[i], &diffs)
	}
	if len(diffs) == 0 {
		return nil
	}
	target, node, isKey := editedPath(doc, fix.Edits[0].Range)
	switch {
	case len(diffs) == 1 && diffs[0].kind == "changed" && slices.Equal(diffs[0].path, target) && !isKey:
		if !sameMeaning(node, diffs[0].after) {
			return fmt.Errorf("the value at %v changes from %q to %v", target, node.Value, diffs[0].after)
		}
		return nil
	case len(diffs) == 2 && isKey && diffs[0].kind != diffs[1].kind &&
		slices.Equal(diffs[0].path[:len(diffs[0].path)-1], target[:len(target)-1]) &&
		slices.Equal(diffs[1].path[:len(diffs[1].path)-1], target[:len(target)-1]):
		removed, added := diffs[0], diffs[1]
		if removed.kind != "removed" {
			removed, added = added, removed
		}
		if !slices.Equal(removed.path, target) {
			break
		}
		if !reflect.DeepEqual(removed.value, added.value) {
			return fmt.Errorf("the key at %v was renamed and its value changed", target)
		}
		// A safe rename names the same field: a case or separator twin.
		if from, to := removed.path[len(removed.path)-1], added.path[len(added.path)-1]; !lint.SameName(from, to) {
			return fmt.Errorf("the key %q was renamed to %q, which is another field", from, to)
		}
		return nil
	}
	return fmt.Errorf("the fix edits %v but the decoded documents differ at %v", target, diffs)
}

type valueDiff struct {
	kind  string // changed, removed, added
	path  []string
	value any // for removed and added: the value
	after any // for changed: the new value
}

// sameMeaning lists the value changes the policy calls safe: the text kept
// exactly and only its type made a string (quoting a plain scalar; never
// an alias, whose Value is the anchor's name), letter case or separators
// only (an enum value, a DNS name, a variable), a leading "/" on an
// ingress path, and ${database.<pool>.host} for its documented equal
// ${database.<pool>.writer_endpoint}.
func sameMeaning(before *yaml.Node, after any) bool {
	s, ok := after.(string)
	if !ok || before == nil || before.Kind != yaml.ScalarNode {
		return false
	}
	v := before.Value
	switch {
	case s == v && before.ShortTag() != "!!str":
		return before.Style == 0
	case strings.EqualFold(s, v), lint.SameName(s, v):
		return true
	case s == "/"+v:
		return true
	}
	return strings.Contains(v, ".host}") && strings.Replace(v, ".host}", ".writer_endpoint}", 1) == s
}

func (d valueDiff) String() string { return d.kind + " " + strings.Join(d.path, ".") }

// stringKeys turns a mapping with non-string keys (yaml.v3 decodes one
// into map[any]any) into one keyed by the keys' text.
func stringKeys(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, x := range m {
			out[fmt.Sprint(k)] = x
		}
		return out, true
	}
	return nil, false
}

func diffValues(path []string, a, b any, out *[]valueDiff) {
	am, aok := stringKeys(a)
	bm, bok := stringKeys(b)
	if aok && bok {
		for k, v := range am {
			if w, ok := bm[k]; ok {
				diffValues(append(slices.Clip(path), k), v, w, out)
			} else {
				*out = append(*out, valueDiff{kind: "removed", path: append(slices.Clip(path), k), value: v})
			}
		}
		for k, w := range bm {
			if _, ok := am[k]; !ok {
				*out = append(*out, valueDiff{kind: "added", path: append(slices.Clip(path), k), value: w})
			}
		}
		slices.SortFunc(*out, func(x, y valueDiff) int { return strings.Compare(x.String(), y.String()) })
		return
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok && bok && len(as) == len(bs) {
		for i := range as {
			diffValues(append(slices.Clip(path), strconv.Itoa(i)), as[i], bs[i], out)
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, valueDiff{kind: "changed", path: path, after: b})
	}
}

// editedPath returns the path (mapping keys, sequence indices) of the
// deepest node whose range holds r, that node, and whether it is a key.
func editedPath(doc *lint.Document, r lint.Range) ([]string, *yaml.Node, bool) {
	var path []string
	n := doc.Root
	inside := func(x *yaml.Node) bool {
		xr := doc.Range(x)
		return xr.Start <= r.Start && r.End <= xr.End
	}
	for n != nil {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case inside(k):
					return append(path, k.Value), k, true
				case inside(v):
					path, next = append(path, k.Value), v
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if inside(c) {
					path, next = append(path, strconv.Itoa(i)), c
				}
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return path, n, false
}

// TestFixDocsMatchTheFixes holds each rule's documented fixes to what its
// cases produce: every fix a case produces is of a documented safety (an
// Unsafe one may also come from a Safe one in anchored content), and every
// documented safe or unsafe fix is produced by some case.
func TestFixDocsMatchTheFixes(t *testing.T) {
	seen := map[string]map[lint.Safety]bool{}
	for _, path := range fixSafetyFiles(t) {
		src, _ := os.ReadFile(path)
		f, cfg := caseFile(path, src)
		for _, d := range lint.Analyze(context.Background(), f, cfg).Diagnostics {
			for _, fx := range d.Fixes {
				if seen[d.Rule] == nil {
					seen[d.Rule] = map[lint.Safety]bool{}
				}
				seen[d.Rule][fx.Safety] = true
			}
		}
	}
	for _, r := range All() {
		if r.CrossFile {
			continue // checked on their checkouts by TestCrossFileRules
		}
		declared := map[lint.Safety]bool{}
		for _, f := range r.Fixes {
			declared[f.Safety] = true
		}
		for s := range seen[r.ID] {
			if !declared[s] && !(s == lint.Unsafe && declared[lint.Safe]) {
				t.Errorf("%s produces %s fixes but its Fixes do not document one", r.ID, s)
			}
		}
		for s := range declared {
			if s != lint.Manual && !seen[r.ID][s] {
				t.Errorf("%s documents a %s fix that no case produces", r.ID, s)
			}
		}
	}
}

// styleCases are the rules with a safe fix, each as a document with a
// slot (%s) where the offending scalar goes as the value of a key
// indented by Indent spaces, and the offending values to write there.
var styleCases = []struct {
	Rule   string
	Doc    string
	Indent int
	Values func(r *rand.Rand) string
	Key    bool   // the slot is a key: only the styles a key may have
	Flow   string // the document with the slot in a flow collection
}{
	{"unknown-variable", "services:\n  - name: web\n    image: nginx\n    env:\n      - name: A\n        value: %s\n", 8, around("${commit.SHA}"), false, "services:\n  - name: web\n    image: nginx\n    env:\n      - {name: A, value: %s}\n"},
	{"prefer-writer-endpoint", "services:\n  - name: web\n    image: nginx\n    env:\n      - name: A\n        value: %s\n", 8, around("${database.main.host}"), false, "services:\n  - name: web\n    image: nginx\n    env:\n      - {name: A, value: %s}\n"},
	{"invalid-path", "services:\n  - name: web\n    image: nginx\nrules:\n  - service: web\n    hostnames: [a.example.com]\n    path: %s\n", 4, func(r *rand.Rand) string { return "api" + []string{"", "/v1", "/x_y", "\n"}[r.IntN(4)] }, false, "services:\n  - name: web\n    image: nginx\nrules:\n  - {service: web, hostnames: [a.example.com], path: %s}\n"},
	{"invalid-hostname", "services:\n  - name: web\n    image: nginx\nrules:\n  - service: web\n    path: /\n    hostnames:\n      - %s\n", 6, func(r *rand.Rand) string {
		return []string{"API.example.com", "Api.Example.COM", "www.EXAMPLE.com"}[r.IntN(3)]
	}, false, "services:\n  - name: web\n    image: nginx\nrules:\n  - service: web\n    path: /\n    hostnames: [a.example.com, %s]\n"},
	{"invalid-value", "jobs:\n  - name: migrate\n    image: busybox\n    restart_policy: %s\n", 4, func(r *rand.Rand) string { return []string{"onfailure", "never", "NEVER"}[r.IntN(3)] }, false, "jobs:\n  - {name: migrate, image: busybox, restart_policy: %s}\n"},
	{"unknown-volume-type", "configmaps:\n  - name: nginx\n    data: {a: b}\nshared_volumes:\n  - name: conf\n    type: %s\n    source: nginx\nservices:\n  - name: web\n    image: nginx\n    volumes:\n      - {name: conf, mount_path: /conf, claim: conf}\n", 4, func(r *rand.Rand) string { return []string{"ConfigMap", "CONFIGMAP", "config_map"}[r.IntN(3)] }, false, "configmaps:\n  - name: nginx\n    data: {a: b}\nshared_volumes:\n  - {name: conf, type: %s, source: nginx}\nservices:\n  - name: web\n    image: nginx\n    volumes:\n      - {name: conf, mount_path: /conf, claim: conf}\n"},
	{"unknown-field", "jobs:\n  - name: migrate\n    image: busybox\n    %s: OnFailure\n", 4, func(r *rand.Rand) string { return []string{"restartPolicy", "RestartPolicy"}[r.IntN(2)] }, true, "jobs:\n  - {name: migrate, image: busybox, %s: OnFailure}\n"},
}

// around is a value with placeholder inside text that the styles spell
// differently (blanks, quotes, backslashes, non-ASCII, line breaks).
func around(placeholder string) func(*rand.Rand) string {
	parts := []string{"", "-Xmx512m ", "a b ", "it's ", "q\"", `c:\d `, "é🚀 ", "x\n", "tab\t", "${env.name}-"}
	return func(r *rand.Rand) string {
		return parts[r.IntN(len(parts))] + placeholder + []string{"", " end", "/x", "\n", " it's", `\`}[r.IntN(6)]
	}
}

// TestSafeFixesEveryStyle is the fix-safety property over every scalar
// style: for each rule with a safe fix, its offending value is written in
// every style (scalars.Encode: plain, single- and double-quoted with
// escapes, continuations and folds, literal and folded blocks with each
// chomping, in flow), and the safe fix must exist and keep the meaning
// (checkSafeFix: the decoded documents differ only at the edited path, by
// the kind of change the policy allows, and the fix adds no finding).
func TestSafeFixesEveryStyle(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	cfg := &lint.Config{Rules: All()}
	covered := map[string]map[string]int{}
	for _, c := range styleCases {
		covered[c.Rule] = map[string]int{}
		for _, style := range scalars.Styles {
			if c.Key && !(style == "plain" || style == "single" || style == "double" || style == "double-escapes" || style == "flow-plain" || style == "flow-double") {
				continue
			}
			for range 40 {
				v := c.Values(rnd)
				text, ok := scalars.Encode(rnd, style, v, c.Indent)
				if !ok {
					continue
				}
				doc := c.Doc
				if strings.HasPrefix(style, "flow-") {
					doc = c.Flow
				}
				src := fmt.Sprintf(doc, text)
				f := &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}
				res := lint.Analyze(context.Background(), f, cfg)
				var found bool
				for _, d := range res.Diagnostics {
					if d.Rule != c.Rule {
						continue
					}
					fix, ok := d.SafeFix()
					if !ok {
						continue
					}
					found = true
					if err := checkSafeFix(f, cfg, res, d, fix); err != nil {
						t.Errorf("%s, %s %q: fix %q: %v\n%s", c.Rule, style, v, fix.Title, err, src)
					}
				}
				if found {
					covered[c.Rule][style]++
				}
			}
		}
	}
	for _, c := range styleCases {
		var row []string
		for _, style := range scalars.Styles {
			row = append(row, fmt.Sprintf("%s=%d", style, covered[c.Rule][style]))
		}
		t.Logf("%-24s %s", c.Rule, strings.Join(row, " "))
		if covered[c.Rule]["double-continuation"] == 0 && !c.Key || covered[c.Rule]["plain"] == 0 || covered[c.Rule]["flow-double"] == 0 {
			t.Errorf("%s: no safe fix checked in some style: %v", c.Rule, covered[c.Rule])
		}
	}
}

// TestNoSafeFixLeftAfterFix: what --fix leaves has no finding marked as
// one --fix repairs ([*]): each safe fix was applied, or, when the guard
// rolled it back, it is no longer safe. Over every case and corpus file.
func TestNoSafeFixLeftAfterFix(t *testing.T) {
	refused := 0
	for _, path := range fixSafetyFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, cfg := caseFile(path, src)
		res := lint.Analyze(context.Background(), f, cfg)
		fr := lint.FixFile(context.Background(), f, cfg, res, false)
		refused += len(fr.Rejected)
		for _, d := range fr.Result.Diagnostics {
			if fix, ok := d.SafeFix(); ok {
				t.Errorf("%s: after --fix, %s %q still has the safe fix %q", path, d.Rule, d.Message, fix.Title)
			}
		}
	}
	if refused == 0 {
		t.Error("no case has a fix the guard refuses: the property needs one")
	}
}

// The unsafe fixes that edit part of a value (a stray "}" removed,
// ${commit.short_sha} made ${commit.sha}) are guesses, but exact ones:
// over every scalar style, each such fix, applied, changes the decoded
// value by exactly that part. (Both once took the scalar's whole range
// when the part could not be located, and replaced the value with "" or
// the placeholder.)
func TestPartFixesEditOnlyTheirPart(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	cfg := &lint.Config{Rules: All()}
	doc := "services:\n  - name: web\n    image: nginx\n    env:\n      - name: A\n        value: %s\n"
	cases := []struct{ rule, bad, good string }{
		{UnterminatedPlaceholder.ID, "${commit.sha}}", "${commit.sha}"},
		{UnknownVariable.ID, "${commit.short_sha}", "${commit.sha}"},
	}
	checked := 0
	for _, c := range cases {
		for _, style := range scalars.Styles {
			if strings.HasPrefix(style, "flow-") {
				continue
			}
			for range 20 {
				v := around(c.bad)(rnd)
				text, ok := scalars.Encode(rnd, style, v, 8)
				if !ok {
					continue
				}
				src := fmt.Sprintf(doc, text)
				res := lint.Analyze(context.Background(), &lint.File{Path: "f.yaml", Kind: lint.KindConfig, Source: []byte(src)}, cfg)
				for _, d := range res.Diagnostics {
					if d.Rule != c.rule {
						continue
					}
					for _, fix := range d.Fixes {
						after, _ := lint.ApplyFixes([]byte(src), []lint.Fix{fix})
						var got struct {
							Services []struct {
								Env []struct{ Value string }
							}
						}
						if err := yaml.Unmarshal(after, &got); err != nil || len(got.Services) != 1 || len(got.Services[0].Env) != 1 {
							t.Fatalf("%s, %s %q: fix %q broke the file (%v):\n%s", c.rule, style, v, fix.Title, err, after)
						}
						if want := strings.Replace(v, c.bad, c.good, 1); got.Services[0].Env[0].Value != want {
							t.Fatalf("%s, %s %q: fix %q made the value %q, want %q:\n%s", c.rule, style, v, fix.Title, got.Services[0].Env[0].Value, want, after)
						}
						checked++
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no fix was checked")
	}
	t.Logf("%d fixes checked", checked)
}
