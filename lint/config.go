package lint

// Config says which rules run and how loudly.
type Config struct {
	// Rules is the registry to run (rules.All() in the front ends).
	Rules []*Rule
	// Severity overrides a rule's default severity; Off disables the rule.
	Severity map[string]Severity
	// Strict raises every rule that has a StrictSeverity to it (unknown
	// fields become errors).
	Strict bool
	// ExtraFields lists, per object kind ("service", "job", "build", ...,
	// or "*" for every object), fields the team's greyhound accepts that the
	// documentation does not show. They are not reported as unknown.
	ExtraFields map[string][]string
	// Shellcheck is the shellcheck to run on job scripts: "" for the one
	// on PATH when there is one, "off", or a path (--shellcheck, the
	// configuration's shellcheck:).
	Shellcheck string
}

// Off disables a rule in Config.Severity.
const Off Severity = -1

func (c *Config) severity(r *Rule) Severity {
	if s, ok := c.Severity[r.ID]; ok {
		return s
	}
	if c.Strict && r.StrictSeverity != 0 {
		return r.StrictSeverity
	}
	return r.Severity
}

// Enabled reports whether the rule runs under this configuration.
func (c *Config) Enabled(r *Rule) bool {
	return c.severity(r) != Off && (r.Runs == nil || r.Runs(c))
}

// IsExtraField reports whether the configuration declares field on objects
// of the given kind.
func (c *Config) IsExtraField(object, field string) bool {
	for _, k := range []string{object, "*"} {
		for _, f := range c.ExtraFields[k] {
			if f == field {
				return true
			}
		}
	}
	return false
}

func (c *Config) rule(id string) *Rule {
	for _, r := range c.Rules {
		if r.Names(id) {
			return r
		}
	}
	return nil
}
