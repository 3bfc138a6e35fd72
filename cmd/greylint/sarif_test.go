package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/workspace"
)

// The SARIF output validates against the official SARIF 2.1.0 schema and
// carries real regions, relative URIs, related locations and fixes.
func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	f, err := os.Open("testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../examples/broken/.greyhound/*.yaml")
	cfgs := &config.Resolver{}
	var results []*result
	for _, p := range files {
		results = append(results, lintOne(input{path: p}, lint.KindUnknown, &workspace.Set{Configs: cfgs}, fixMode{}))
	}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, results); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF output is not valid SARIF 2.1.0: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) < 40 || len(run.Results) < 10 {
		t.Fatalf("%d rules, %d results", len(run.Tool.Driver.Rules), len(run.Results))
	}
	fixes, related, safe, unsafe := 0, 0, 0, 0
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		if filepath.IsAbs(loc.ArtifactLocation.URI) || loc.Region.StartLine < 1 || loc.Region.EndColumn < 1 {
			t.Errorf("result %s: location %+v", r.RuleID, loc)
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", r.RuleIndex, r.RuleID)
		}
		fixes += len(r.Fixes)
		related += len(r.RelatedLocations)
		for _, f := range r.Fixes {
			if f.Properties.Safe != (f.Properties.Applicability == "safe") {
				t.Errorf("%s: fix %q: safe %v but applicability %q", r.RuleID, f.Description.Text, f.Properties.Safe, f.Properties.Applicability)
			}
			if f.Properties.Safe {
				safe++
			} else {
				unsafe++
			}
		}
	}
	if fixes == 0 || related == 0 || safe == 0 || unsafe == 0 {
		t.Errorf("the SARIF of the broken example lacks fixes (%d: %d safe, %d not) or related locations (%d)", fixes, safe, unsafe, related)
	}
}
