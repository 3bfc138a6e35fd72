package schema

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestPublishedIdentity: each schema's $id is its raw URL in the repository
// at the release tag of the VERSION file (it resolves once the tag is
// pushed), and schema/catalog.json, the SchemaStore-style catalog, points
// at the same URLs.
func TestPublishedIdentity(t *testing.T) {
	b, err := os.ReadFile("../VERSION")
	if err != nil {
		t.Fatal(err)
	}
	version := strings.TrimSpace(string(b))
	ids := map[string]bool{}
	for _, name := range []string{Config, Applications, "greylint"} {
		src, err := os.ReadFile(name + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			ID string `json:"$id"`
		}
		if err := json.Unmarshal(src, &doc); err != nil {
			t.Fatal(err)
		}
		want := "https://raw.githubusercontent.com/greylint/greylint/v" + version + "/schema/" + name + ".schema.json"
		if doc.ID != want {
			t.Errorf("%s: $id %q, want %q", name, doc.ID, want)
		}
		ids[doc.ID] = true
	}
	var catalog struct {
		Schemas []struct {
			FileMatch []string `json:"fileMatch"`
			URL       string   `json:"url"`
		} `json:"schemas"`
	}
	src, err := os.ReadFile("catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(src, &catalog); err != nil {
		t.Fatal(err)
	}
	matched := map[string]bool{}
	for _, s := range catalog.Schemas {
		if !ids[s.URL] {
			t.Errorf("catalog url %q is no schema's $id", s.URL)
		}
		for _, m := range s.FileMatch {
			matched[m] = true
		}
	}
	for _, m := range []string{"**/.greyhound/config.yaml", "**/.greyhound/applications.yaml", "**/.greylint.yaml"} {
		if !matched[m] {
			t.Errorf("the catalog has no fileMatch %q", m)
		}
	}
}

// TestForbiddenFieldsForOtherTools: a forbidden field (ports on a job) is
// never suggested by yaml-language-server and explains itself there with
// greylint's message instead of "Matches a schema that is not allowed"
// (TestYAMLLanguageServer checks it in the real server).
func TestForbiddenFieldsForOtherTools(t *testing.T) {
	for _, name := range []string{Config, Applications} {
		src, err := os.ReadFile(name + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		json.Unmarshal(src, &doc)
		n := 0
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case map[string]any:
				if v["x-rule"] == "forbidden-field" {
					n++
					// The message without greylint's %q (a schema shared by
					// several keys cannot name the key), said once in the
					// hover (it said the description, then the message).
					msg, _ := v["x-message"].(string)
					want := strings.Replace(msg, "%q", "this section", 1)
					if v["doNotSuggest"] != true || v["errorMessage"] != want || msg == "" {
						t.Errorf("%s %s: doNotSuggest %v, errorMessage %v, want true and %q", name, path, v["doNotSuggest"], v["errorMessage"], want)
					}
					if md, _ := v["markdownDescription"].(string); md != strings.ToUpper(want[:1])+want[1:]+"." {
						t.Errorf("%s %s: markdownDescription %q, want the message once, %q", name, path, md, want)
					}
					// yaml-language-server reports a "not" as "Matches a
					// schema that is not allowed.", whatever errorMessage
					// says; a type and a const that no value meets are
					// reported with errorMessage.
					if _, ok := v["not"]; ok || v["type"] != "null" || v["const"] != true {
						t.Errorf("%s %s: want \"type\": \"null\", \"const\": true and no \"not\"", name, path)
					}
				}
				for k, x := range v {
					walk(path+"/"+k, x)
				}
			case []any:
				for _, x := range v {
					walk(path+"/[]", x)
				}
			}
		}
		walk("", doc)
		if n == 0 {
			t.Errorf("%s: no forbidden field found; the test checks nothing", name)
		}
	}
}
