package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every fact of greyhound-format.md sections 3 and 4 is a property of the
// schema; this table is that list (object definition -> fields).
var documented = map[string]map[string][]string{
	Config: {
		"":             {"builds", "services", "jobs", "rules", "configmaps", "shared_volumes"},
		"build":        {"name", "dockerfile", "target", "service_account_name", "secrets", "env", "resources"},
		"secretRef":    {"secretName"},
		"service":      {"name", "image", "image_from_build", "ports", "replicas", "command", "env", "envFrom", "volumes", "secrets", "service_account_name", "resources"},
		"job":          {"name", "image", "image_from_build", "command", "env", "envFrom", "volumes", "secrets", "service_account_name", "restart_policy", "backoff_limit", "parallelism", "completions", "suspend", "ttl", "completed_timeout", "resources"},
		"port":         {"containerPort"},
		"rule":         {"service", "hostnames", "path", "visibility", "read_timeout", "annotations"},
		"configmap":    {"name", "data"},
		"sharedVolume": {"name", "type", "source"},
		"volumeMount":  {"name", "mount_path", "claim"},
		"envVar":       {"name", "value", "valueFrom"},
		"keyRef":       {"name", "key"},
		"envFrom":      {"configMapRef"},
		"resources":    {"limits", "requests"},
		"resourceList": {"cpu", "memory"},
	},
	Applications: {
		"":            {"applications", "environments"},
		"application": {"name", "repository", "branch", "tag", "config_source", "default_cluster", "auto_deploy", "same_namespace", "redeploy_all_children", "additional_applications", "optional_applications"},
		"environment": {"name", "from_applications", "cluster", "auto_deploy", "removed_services", "optional_applications"},
		"appRef":      {"name", "alias"},
	},
}

func TestDocumentedFieldsHaveDescriptions(t *testing.T) {
	for name, defs := range documented {
		s := Get(name)
		for def, fields := range defs {
			node := s.raw
			if def != "" {
				node = s.raw["$defs"].(map[string]any)[def].(map[string]any)
			}
			node = s.resolve(node)
			props, _ := node["properties"].(map[string]any)
			for _, f := range fields {
				p, ok := props[f].(map[string]any)
				if !ok {
					t.Errorf("%s %s: field %q missing from the schema", name, def, f)
					continue
				}
				p = s.resolve(p)
				if d, _ := p["description"].(string); d == "" {
					t.Errorf("%s %s.%s: no description", name, def, f)
				}
			}
		}
	}
}

func validate(t *testing.T, name, doc string) []Violation {
	t.Helper()
	var v any
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return Get(name).Validate(v)
}

// Each documented constraint produces exactly one readable violation, with
// no validator jargon.
func TestViolations(t *testing.T) {
	tests := []struct {
		name, schema, doc string
		rule, path, key   string
		msg               string
	}{
		{"job ports", Config, `{"jobs":[{"name":"j","image":"x","ports":[]}]}`, "forbidden-field", "jobs/0", "ports", "jobs have no ports"},
		{"job replicas", Config, `{"jobs":[{"name":"j","image":"x","replicas":1}]}`, "forbidden-field", "jobs/0", "replicas", "jobs have no replicas"},
		{"service restart_policy", Config, `{"services":[{"name":"s","image":"x","restart_policy":"Never"}]}`, "forbidden-field", "services/0", "restart_policy", "services always restart"},
		{"image xor", Config, `{"services":[{"name":"s","image":"x","image_from_build":"b"}]}`, "conflicting-fields", "services/0", "image_from_build", `service "s": both "image" and "image_from_build"`},
		{"no image", Config, `{"jobs":[{"name":"j"}]}`, "missing-field", "jobs/0", "", `job "j": missing the image`},
		{"restart enum", Config, `{"jobs":[{"name":"j","image":"x","restart_policy":"Always"}]}`, "invalid-value", "jobs/0/restart_policy", "", `"restart_policy" must be one of OnFailure, Never; got "Always"`},
		{"visibility enum", Config, `{"rules":[{"service":"s","hostnames":["a"],"path":"/","visibility":"public"}]}`, "invalid-value", "rules/0/visibility", "", "must be one of nginx-internal, nginx-public"},
		{"port range", Config, `{"services":[{"name":"s","image":"x","ports":[{"containerPort":0}]}]}`, "invalid-value", "services/0/ports/0/containerPort", "", "must be at least 1, got 0"},
		{"negative count", Config, `{"jobs":[{"name":"j","image":"x","backoff_limit":-1}]}`, "invalid-value", "jobs/0/backoff_limit", "", "must be at least 0"},
		{"ttl string", Config, `{"jobs":[{"name":"j","image":"x","ttl":"1h"}]}`, "invalid-type", "jobs/0/ttl", "", `"ttl" must be an integer, got a string`},
		{"suspend string", Config, `{"jobs":[{"name":"j","image":"x","suspend":"yes"}]}`, "invalid-type", "jobs/0/suspend", "", "must be true or false"},
		{"read_timeout", Config, `{"rules":[{"service":"s","hostnames":["a"],"path":"/","read_timeout":"30s"}]}`, "invalid-type", "rules/0/read_timeout", "", "must be an integer"},
		{"configmap data required", Config, `{"configmaps":[{"name":"c"}]}`, "missing-field", "configmaps/0", "", `configmap "c" is missing the required field "data"`},
		{"build secret shape", Config, `{"builds":[{"name":"b","secrets":["tok"]}]}`, "invalid-type", "builds/0/secrets/0", "", "write it as - secretName"},
		{"unknown top-level", Config, `{"service":[]}`, "unknown-field", "", "service", `unknown field "service"`},
		{"apps in config", Config, `{"applications":[]}`, "forbidden-field", "", "applications", "belongs in .greyhound/applications.yaml"},
		{"placeholder in number", Config, `{"services":[{"name":"s","image":"x","replicas":"${env.name}"}]}`, "interpolated-non-string", "services/0/replicas", "", "placeholder"},
		{"branch xor tag", Applications, `{"applications":[{"name":"a","repository":"own/rep","branch":"m","tag":"t"}]}`, "conflicting-fields", "applications/0", "tag", "both \"branch\" and \"tag\""},
		{"no ref", Applications, `{"applications":[{"name":"a","repository":"own/rep"}]}`, "missing-field", "applications/0", "", "set \"branch\" or \"tag\""},
		{"repository", Applications, `{"applications":[{"name":"a","repository":"ab/cd","branch":"m"}]}`, "invalid-value", "applications/0/repository", "", "owner/repo"},
		{"app name", Applications, `{"applications":[{"name":"My_App","repository":"own/rep","branch":"m"}]}`, "invalid-value", "applications/0/name", "", "RFC 1123"},
		{"from_applications empty", Applications, `{"environments":[{"name":"e","from_applications":[]}]}`, "invalid-value", "environments/0/from_applications", "", "at least 1 entry"},
		{"removed_services shape", Applications, `{"environments":[{"name":"e","from_applications":[{"name":"a"}],"removed_services":{"a":{"services":3}}}]}`, "invalid-type", "environments/0/removed_services/a/services", "", "must be a string or a list"},
		{"config section in applications", Applications, `{"services":[]}`, "forbidden-field", "", "services", `"services" belongs in the application's config.yaml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := validate(t, tt.schema, tt.doc)
			if len(vs) != 1 {
				t.Fatalf("got %d violations %+v, want 1", len(vs), vs)
			}
			v := vs[0]
			if v.Rule != tt.rule || strings.Join(v.Path, "/") != tt.path || v.Key != tt.key || !strings.Contains(v.Message, tt.msg) {
				t.Errorf("got %s at %q key %q: %q\nwant %s at %q key %q containing %q", v.Rule, strings.Join(v.Path, "/"), v.Key, v.Message, tt.rule, tt.path, tt.key, tt.msg)
			}
			for _, jargon := range []string{"oneOf", "anyOf", "allOf", "if/then", "greylint.dev", "#/", "$defs"} {
				if strings.Contains(v.Message, jargon) {
					t.Errorf("message %q contains validator jargon %q", v.Message, jargon)
				}
			}
		})
	}
}

func TestNavigation(t *testing.T) {
	s := Get(Config)
	var names []string
	for _, f := range s.Fields([]string{"jobs", "[]"}) {
		if !f.Forbidden {
			names = append(names, f.Name)
		}
	}
	if got := strings.Join(names, ","); !strings.Contains(got, "restart_policy") || strings.Contains(got, "ports") || !strings.Contains(got, "image_from_build") {
		t.Errorf("job fields: %s", got)
	}
	f, ok := s.Field([]string{"jobs", "0", "restart_policy"})
	if !ok || strings.Join(f.Enum, ",") != "OnFailure,Never" || f.EnumDocs["Never"] == "" || f.Status != "stated" {
		t.Errorf("restart_policy: %+v", f)
	}
	f, _ = s.Field([]string{"services", "[]", "image"})
	if f.Description == "" || f.Types[0] != "string" {
		t.Errorf("service image (from the shared workload definition): %+v", f)
	}
	f, _ = s.Field([]string{"rules", "[]", "read_timeout"})
	if f.Default == nil {
		t.Errorf("read_timeout default missing: %+v", f)
	}
	f, _ = s.Field([]string{"builds"})
	if f.Items != "object" {
		t.Errorf("builds items: %+v", f)
	}
	if !s.IsMap([]string{"configmaps", "[]", "data"}) || s.IsMap([]string{"configmaps", "[]"}) {
		t.Error("IsMap")
	}
	if f, ok := s.Field([]string{"services", "[]", "env", "[]", "valueFrom", "configMapKeyRef", "key"}); !ok || f.Description == "" {
		t.Errorf("nested field: %+v %v", f, ok)
	}
}
