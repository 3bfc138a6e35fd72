package rules

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// mergeEverything rewrites a greyhound file so that every entry of every
// top-level list keeps only its name and takes its other fields from an
// anchored mapping through "<<" (the anchors collected under one list, as
// teams write defaults): a loader sees the same values.
func mergeEverything(t *testing.T, src []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	n := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		list := root.Content[i+1]
		if list.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range list.Content {
			if item.Kind != yaml.MappingNode {
				continue
			}
			defaults := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			kept := []*yaml.Node{}
			for j := 0; j+1 < len(item.Content); j += 2 {
				if item.Content[j].Value == "name" {
					kept = append(kept, item.Content[j], item.Content[j+1])
				} else {
					defaults.Content = append(defaults.Content, item.Content[j], item.Content[j+1])
				}
			}
			if len(defaults.Content) == 0 {
				continue
			}
			n++
			merge := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!merge", Value: "<<"}
			item.Content = append([]*yaml.Node{merge, defaults}, kept...)
		}
	}
	if n == 0 {
		t.Fatal("nothing to merge")
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// findingSet is a file's findings without positions (a merge moves the
// text): rule, severity and message.
func findingSet(path string, src []byte) []string {
	f, cfg := caseFile(path, src)
	var out []string
	for _, d := range lint.Run(context.Background(), f, cfg) {
		out = append(out, d.Severity.String()+" "+d.Rule+": "+d.Message)
	}
	slices.Sort(out)
	return out
}

// Merges are seen everywhere: every valid corpus file gives the same
// findings when each entry's fields arrive through "<<" (no rule may read
// around a merge: a configmap key or a service's ports merged in were
// reported missing).
func TestMergedVariantsGiveTheSameFindings(t *testing.T) {
	files, _ := filepath.Glob("../testdata/valid/*/.greyhound/*.yaml")
	shop, _ := filepath.Glob("../examples/shop/.greyhound/*.yaml")
	files = append(files, shop...)
	if len(files) < 4 {
		t.Fatalf("%d files", len(files))
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		merged := mergeEverything(t, src)
		plain, variant := findingSet(path, src), findingSet(path, merged)
		if !slices.Equal(plain, variant) {
			t.Errorf("%s: the merged variant's findings differ:\n plain: %s\nmerged: %s\n--- merged file:\n%s",
				path, strings.Join(plain, "\n        "), strings.Join(variant, "\n        "), merged)
		}
	}
}
