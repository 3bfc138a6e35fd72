package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greylint/greylint/playground"
	"github.com/greylint/greylint/rules"
)

// The playground gives the findings the CLI gives: playground.Lint (what
// the WebAssembly module calls) on every file of the corpus (the rule
// cases, the valid corpus, the examples) against greylint --format json on
// the same file. The cross-file rules are left out of the CLI's run: the
// page holds no checkout, and says so; so is shellcheck: the page runs no
// program.
func TestPlaygroundFindingsAreTheCLIs(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../rules/testdata/*/*.yaml", "../../testdata/valid/*/.greyhound/*.yaml", "../../examples/*/.greyhound/*.yaml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 250 {
		t.Fatalf("%d corpus files: the globs find less than the corpus", len(files))
	}
	var crossFile []string
	for _, r := range rules.All() {
		if r.CrossFile {
			crossFile = append(crossFile, r.ID)
		}
	}
	type finding struct {
		Rule      string `json:"rule"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
	}
	compared := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		kind, config, apps, which := "config", string(src), "", 0
		if strings.Contains(filepath.Base(p), "applications") {
			kind, config, apps, which = "applications", "", string(src), 1
		}
		var out, errb strings.Builder
		run([]string{"--format", "json", "--quiet", "--shellcheck=off", "--kind", kind, "--ignore", strings.Join(crossFile, ","), p}, strings.NewReader(""), &out, &errb)
		var cli []finding
		if err := json.Unmarshal([]byte(out.String()), &cli); err != nil {
			t.Fatalf("%s: the CLI's JSON: %v\n%s", p, err, errb.String())
		}
		var got []finding
		for _, f := range playground.Lint(config, apps).Files[which].Findings {
			if !slices.Contains(crossFile, f.Rule) {
				got = append(got, finding{f.Rule, f.Severity, f.Message, f.Line, f.Column, f.EndLine, f.EndColumn})
			}
		}
		if !slices.Equal(got, cli) {
			t.Errorf("%s: the playground finds\n%v\nthe CLI\n%v", p, got, cli)
		}
		compared += len(cli)
	}
	if compared < 250 {
		t.Errorf("only %d findings compared: the corpus has more", compared)
	}
}
