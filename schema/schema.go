package schema

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// The rules whose findings schema validation produces (Violation.Rule).
// Their IDs are declared here, once; package rules declares the rules
// with these constants, and a test checks that every "x-rule" of the
// schemas names a registered rule.
const (
	UnknownField          = "unknown-field"
	InvalidType           = "invalid-type"
	InvalidValue          = "invalid-value"
	MissingField          = "missing-field"
	ForbiddenField        = "forbidden-field"
	ConflictingFields     = "conflicting-fields"
	InterpolatedNonString = "interpolated-non-string"
)

//go:embed config.schema.json applications.schema.json greylint.schema.json
var files embed.FS

// The schema names, equal to the file kinds of package lint: the two
// greyhound files, and greylint's own configuration file.
const (
	Config       = "config"
	Applications = "applications"
	Greylint     = "greylint"
)

// Schema is one compiled greyhound schema.
type Schema struct {
	Name     string
	source   []byte
	raw      map[string]any
	compiled *jsonschema.Schema
	quick    *qnode // nil: no quick path (a keyword it does not know)
}

var (
	loadOnce sync.Once
	loaded   map[string]*Schema
)

// Get returns the schema for "config", "applications" or "greylint", or nil.
func Get(name string) *Schema {
	loadOnce.Do(func() {
		loaded = map[string]*Schema{}
		for _, n := range []string{Config, Applications, Greylint} {
			s, err := load(n)
			if err != nil {
				// The schemas are embedded and tested; failing here is a
				// build defect, not a user error.
				panic(fmt.Sprintf("schema %s: %v", n, err))
			}
			loaded[n] = s
		}
	})
	return loaded[name]
}

func load(name string) (*Schema, error) {
	src, err := files.ReadFile(name + ".schema.json")
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(src, &raw); err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	url := raw["$id"].(string)
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	compiled, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &Schema{Name: name, source: src, raw: raw, compiled: compiled, quick: compileQuick(raw)}, nil
}

// JSON returns the schema document as published.
func (s *Schema) JSON() []byte { return s.source }

// Violation is one mistake, located by instance path.
type Violation struct {
	// Rule is the ID of the rule that reports it: unknown-field,
	// invalid-type, invalid-value, missing-field, forbidden-field,
	// conflicting-fields or interpolated-non-string.
	Rule string
	// Path is the instance location of the offending value, or of the
	// object whose Key is at fault.
	Path []string
	// Key, when set, names the key of the object at Path the violation is
	// about (an unknown or forbidden field), or the field to point at.
	Key string
	// Message is complete for every rule but unknown-field, whose rule adds
	// the did-you-mean.
	Message string
	// Severity, when set, is lower than the rule's default for this
	// constraint ("warning", "info").
	Severity string
	// Allowed lists the enum values of an invalid-value violation.
	Allowed []string
	// Candidates lists the known fields of the object (unknown-field).
	Candidates []string
	// Object names the kind of object at Path ("service", "job", ...).
	Object string
	// Missing names the required field a missing-field violation is about.
	Missing string
	// Got is the JSON type an invalid-type violation found ("string").
	Got string
	// QuoteFix is set on a wrong type where a string was expected and the
	// value is a plain scalar: quoting it is the fix.
	QuoteFix bool
}

// KeyPath is the instance path of the key a violation is about (Path + Key).
func (v Violation) KeyPath() []string {
	return append(append([]string(nil), v.Path...), v.Key)
}

// Validate checks a value tree (map[string]any, []any, string,
// json.Number, bool, nil) and returns one violation per mistake, sorted by
// path.
func (s *Schema) Validate(v any) []Violation { return s.ValidatePartial(v, nil) }

// ValidatePartial is Validate of a value tree from which valid items of
// top-level lists were left out (see TopListItems): kept[key][i] is the
// index in the document of item i of the list key. The violations' paths
// and messages name the document's indices.
func (s *Schema) ValidatePartial(v any, kept map[string][]int) []Violation {
	if s.quickValid(v) {
		return nil
	}
	fullValidations.Add(1)
	err := s.compiled.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{Rule: InvalidValue, Message: err.Error()}}
	}
	c := &collector{s: s, root: v, seen: map[string]bool{}, kept: kept}
	c.walk(ve, nil)
	// By path, stable: each sort key built once (building two per
	// comparison was a third of the time on 80,000 unknown fields).
	type keyed struct {
		key string
		at  int
		v   Violation
	}
	ks := make([]keyed, len(c.out))
	for i, v := range c.out {
		ks[i] = keyed{strings.Join(v.Path, "/") + "/" + v.Key, i, v}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Or(strings.Compare(a.key, b.key), a.at-b.at) })
	for i, k := range ks {
		c.out[i] = k.v
	}
	return c.out
}

// fullValidations counts the runs of the full validator: a valid file
// must never pay for one (the quick walk's purpose; a test counts them).
var fullValidations atomic.Int64

type collector struct {
	s    *Schema
	root any
	out  []Violation
	seen map[string]bool
	kept map[string][]int // ValidatePartial
}

// documentPath turns an instance path of the partial value tree into the
// document's (the index of a top-level list's item).
func (c *collector) documentPath(path []string) []string {
	if len(path) < 2 || c.kept[path[0]] == nil {
		return path
	}
	idx := c.kept[path[0]]
	if i, err := strconv.Atoi(path[1]); err == nil && i >= 0 && i < len(idx) {
		path[1] = strconv.Itoa(idx[i])
	}
	return path
}

// valueAt is the value at a document path.
func (c *collector) valueAt(path []string) any {
	if len(path) >= 2 && c.kept[path[0]] != nil {
		if i, err := strconv.Atoi(path[1]); err == nil {
			if j, found := slices.BinarySearch(c.kept[path[0]], i); found {
				path = append([]string{path[0], strconv.Itoa(j)}, path[2:]...)
			} else {
				return nil
			}
		}
	}
	return valueAt(c.root, path)
}

func (c *collector) add(v Violation) {
	key := v.Rule + "\x00" + strings.Join(v.Path, "/") + "\x00" + v.Key + "\x00" + v.Message
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.out = append(c.out, v)
}

func (c *collector) walk(e *jsonschema.ValidationError, parent []string) {
	node := c.s.rawAt(e.SchemaURL)
	path := append([]string(nil), e.InstanceLocation...)
	if _, ok := e.ErrorKind.(*kind.PropertyNames); ok {
		// The validator reuses the array behind a propertyNames error's
		// instance location; rebuild it from the parent's location and the
		// properties the schema URL descends through.
		path = append(append([]string(nil), parent...), propsInURL(e.SchemaURL)...)
	} else {
		path = c.documentPath(path)
	}
	value := c.valueAt(path)
	if msg, ok := node["x-message"].(string); ok {
		c.composite(e, node, msg, path, value)
		return
	}
	switch k := e.ErrorKind.(type) {
	case *kind.PropertyNames:
		c.add(Violation{Rule: InvalidValue, Path: path, Key: k.Property, Message: fmt.Sprintf("key %q is not allowed here", k.Property)})
	case *kind.AdditionalProperties:
		cands, object := c.s.fields(node), title(node)
		for _, p := range k.Properties {
			c.add(Violation{Rule: UnknownField, Path: path, Key: p, Candidates: cands, Object: object,
				Message: fmt.Sprintf("unknown field %q in %s", p, c.noun(node, path))})
		}
	case *kind.Required:
		sev, _ := node["x-required-severity"].(string)
		obj := c.noun(c.s.objectNode(e.SchemaURL, node), path)
		for _, m := range k.Missing {
			c.add(Violation{Rule: MissingField, Path: path, Key: "", Severity: sev, Missing: m,
				Message: fmt.Sprintf("%s is missing the required field %q; add it", obj, m)})
		}
	case *kind.Type:
		c.typeError(k, node, path, value)
	case *kind.Enum:
		if isPlaceholder(value) {
			return
		}
		var allowed []string
		for _, w := range k.Want {
			allowed = append(allowed, fmt.Sprint(w))
		}
		c.add(Violation{Rule: InvalidValue, Path: path, Allowed: allowed, Severity: sev(node),
			Message: fmt.Sprintf("%s must be one of %s; got %s", label(path), strings.Join(allowed, ", "), show(value))})
	case *kind.Minimum:
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s must be at least %s, got %s", label(path), k.Want.RatString(), show(value))})
	case *kind.Maximum:
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s must be at most %s, got %s", label(path), k.Want.RatString(), show(value))})
	case *kind.MinItems:
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s must have at least %d %s; add one", label(path), k.Want, entries(k.Want))})
	case *kind.MinProperties:
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s must have at least %d %s; add one", label(path), k.Want, entries(k.Want))})
	case *kind.MinLength:
		if isPlaceholder(value) {
			return
		}
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s must not be empty", label(path))})
	case *kind.Pattern, *kind.MaxLength, *kind.Format, *kind.Const:
		if isPlaceholder(value) {
			return
		}
		c.add(Violation{Rule: InvalidValue, Path: path, Severity: sev(node),
			Message: fmt.Sprintf("%s has an invalid value %s", label(path), show(value))})
	case *kind.FalseSchema:
		c.add(Violation{Rule: ForbiddenField, Path: path[:max(len(path)-1, 0)], Key: last(path),
			Message: fmt.Sprintf("%s is not allowed here; remove it", label(path))})
	default:
		for _, cause := range e.Causes {
			c.walk(cause, path)
		}
	}
}

// composite reports a constraint that carries its own message: a forbidden
// field, a conflict, a choice between fields, a named pattern.
func (c *collector) composite(e *jsonschema.ValidationError, node map[string]any, msg string, path []string, value any) {
	rule, _ := node["x-rule"].(string)
	if rule == "" {
		rule = InvalidValue
	}
	v := Violation{Rule: rule, Path: path, Severity: sev(node)}
	if k, ok := e.ErrorKind.(*kind.PropertyNames); ok {
		// A key failed the key schema; it belongs to the object at this
		// error's location.
		v.Key = k.Property
		v.Message = fmt.Sprintf(msg, k.Property)
		c.add(v)
		return
	}
	if isPlaceholder(value) {
		return
	}
	if rule == ForbiddenField && len(path) > 0 {
		v.Path, v.Key = path[:len(path)-1], path[len(path)-1]
	}
	if at, ok := node["x-at"].(string); ok {
		v.Key = at
	}
	if strings.Contains(msg, "%q") {
		switch s, ok := value.(string); {
		case ok && rule != ForbiddenField:
			msg = fmt.Sprintf(msg, s)
		case rule == ForbiddenField:
			msg = fmt.Sprintf(msg, last(path))
		case value == nil:
			// An empty value: saying "repository" for it would quote
			// the field's name as if it were the value.
			msg = strings.Replace(msg, "%q", "(empty)", 1)
		default:
			msg = strings.Replace(msg, "%q", fmt.Sprint(value), 1)
		}
	}
	if rule == MissingField || rule == ConflictingFields {
		msg = c.noun(c.s.objectNode(e.SchemaURL, nil), path) + ": " + msg
	}
	v.Message = msg
	c.add(v)
}

func (c *collector) typeError(k *kind.Type, node map[string]any, path []string, value any) {
	want := make([]string, 0, len(k.Want))
	for _, w := range k.Want {
		want = append(want, typeNoun(w))
	}
	wantText := strings.Join(want, " or ")
	if isPlaceholder(value) {
		c.add(Violation{Rule: InterpolatedNonString, Path: path,
			Message: fmt.Sprintf("%s must be %s, but a ${...} placeholder always interpolates to a string, which the schema check after interpolation can reject; use a literal value", label(path), wantText)})
		return
	}
	got := typeNoun(k.Got)
	if k.Got == "boolean" {
		got = "a boolean"
	}
	msg := fmt.Sprintf("%s must be %s, got %s", label(path), wantText, got)
	if hint, ok := node["x-type-hint"].(string); ok {
		msg += "; " + hint
	}
	quote := len(k.Want) == 1 && k.Want[0] == "string" && value != nil
	switch value.(type) {
	case map[string]any, []any:
		quote = false
	}
	c.add(Violation{Rule: InvalidType, Path: path, Message: msg, Severity: sev(node), QuoteFix: quote, Got: k.Got})
}

// propsInURL returns the property names of the trailing
// "properties/<name>" steps of a schema URL.
func propsInURL(url string) []string {
	toks := strings.Split(url, "/")
	var out []string
	for i := len(toks) - 2; i >= 1; i-- {
		switch {
		case toks[i-1] == "properties":
			out = append([]string{toks[i]}, out...)
			i--
		case toks[i] == "propertyNames" || toks[i+1] == "propertyNames":
		default:
			return out
		}
	}
	return out
}

// noun names the object at path for messages: `service "api"`, `job #2`.
func (c *collector) noun(node map[string]any, path []string) string {
	t := title(node)
	if t == "" && len(path) == 2 {
		// An item of a top-level list (a service, a job): the constraint
		// may sit in a definition they share, so ask the list's item schema.
		if p, ok := c.s.raw["properties"].(map[string]any)[path[0]].(map[string]any); ok {
			if items, ok := p["items"].(map[string]any); ok {
				t = title(c.s.resolve(items))
			}
		}
	}
	if t == "" {
		if len(path) == 0 {
			n, _ := c.s.raw["x-noun"].(string)
			return n
		}
		return label(path)
	}
	if m, ok := c.valueAt(path).(map[string]any); ok {
		if name, ok := m["name"].(string); ok && name != "" {
			return fmt.Sprintf("%s %q", t, name)
		}
	}
	if len(path) > 0 {
		if i, err := strconv.Atoi(path[len(path)-1]); err == nil {
			return fmt.Sprintf("%s #%d", t, i+1)
		}
	}
	return t
}

func title(node map[string]any) string {
	t, _ := node["title"].(string)
	return t
}

func sev(node map[string]any) string {
	s, _ := node["x-severity"].(string)
	return s
}

func isPlaceholder(v any) bool {
	s, ok := v.(string)
	return ok && strings.Contains(s, "${")
}

func last(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1]
}

// label names the value at path for messages: "replicas", "entry 2 of
// "hostnames"", "the top level".
func label(path []string) string {
	if len(path) == 0 {
		return "the top level"
	}
	l := path[len(path)-1]
	if i, err := strconv.Atoi(l); err == nil {
		if len(path) >= 2 {
			return fmt.Sprintf("entry %d of %q", i+1, path[len(path)-2])
		}
		return fmt.Sprintf("entry %d", i+1)
	}
	return strconv.Quote(l)
}

func typeNoun(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "string":
		return "a string"
	case "integer":
		return "an integer"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "null":
		return "empty (null)"
	}
	return t
}

func show(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "nothing"
	case json.Number:
		return string(x)
	}
	return fmt.Sprint(v)
}

func entries(n int) string {
	if n == 1 {
		return "entry"
	}
	return "entries"
}

func valueAt(v any, path []string) any {
	for _, seg := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}
