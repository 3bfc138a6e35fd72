package lsp

import (
	"encoding/json"
	"fmt"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/lint"
)

// settings come from initializationOptions and
// workspace/didChangeConfiguration, as a JSON object:
//
//	{"strict": true, "rules": {"unknown-field": "off", "no-cluster": "error"}, "inlayHints": true}
//
// or nested under "greylint" (how VS Code sends a section).
type settings struct {
	Strict bool              `json:"strict"`
	Rules  map[string]string `json:"rules"`
	// InlayHints shows the defaults of omitted fields (off by default:
	// every service would carry one).
	InlayHints bool `json:"inlayHints"`
}

func defaultSettings() settings { return settings{} }

func (s *settings) update(raw []byte) error {
	var wrapper struct {
		Greylint *settings `json:"greylint"`
	}
	if err := json.Unmarshal(raw, &wrapper); err == nil && wrapper.Greylint != nil {
		*s = *wrapper.Greylint
		return s.check()
	}
	var next settings
	if err := json.Unmarshal(raw, &next); err != nil {
		return fmt.Errorf("expected {\"strict\": bool, \"rules\": {id: off|hint|info|warning|error}}: %v", err)
	}
	*s = next
	return s.check()
}

func (s *settings) check() error {
	for id, v := range s.Rules {
		if _, ok := parseLevel(v); !ok {
			return fmt.Errorf("rule %q: unknown level %q (use off, hint, info, warning or error)", id, v)
		}
	}
	return nil
}

func parseLevel(v string) (lint.Severity, bool) {
	if v == "off" {
		return lint.Off, true
	}
	return lint.ParseSeverity(v)
}

// overlay is what the settings put on top of the configuration files: the
// same kind of overlay as the CLI's flags. "strict": true turns strict mode
// on; false leaves it to .greylint.yaml.
func (s *settings) overlay() config.Overlay {
	o := config.Overlay{Severity: map[string]lint.Severity{}}
	if s.Strict {
		on := true
		o.Strict = &on
	}
	for id, v := range s.Rules {
		if sev, ok := parseLevel(v); ok {
			o.Severity[id] = sev
		}
	}
	return o
}
