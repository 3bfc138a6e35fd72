package schema

import (
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// quickValid reports whether v is valid against the schema, by a walk of
// the schema compiled once into a plain tree (qnode) that knows every
// keyword greyhound's schemas use. A valid file (the common case in CI)
// then costs one walk instead of the full validation, which builds error
// trees; an invalid one goes to the full validation for the findings. A
// schema with a keyword the compiler does not know has no quick path. It
// must never say valid where the full validation finds something:
// TestQuickAgreesWithFullValidation holds it to that, both ways, on the
// corpus and every rule case.
func (s *Schema) quickValid(v any) bool {
	if s.quick == nil {
		return false
	}
	return s.quick.valid(v, 0)
}

// qnode is one schema object, compiled.
type qnode struct {
	ref        *qnode // $ref (resolved after compiling)
	refName    string
	types      []string
	props      map[string]*qnode
	hasProps   bool
	additional *qnode // additionalProperties as a schema
	noExtra    bool   // additionalProperties: false
	names      *qnode // propertyNames
	items      *qnode
	required   []string
	enum       []any
	hasEnum    bool
	min, max   *big.Rat
	minF, maxF float64
	minLen     int
	maxLen     int // noMaxLen: none
	minItems   int
	minProps   int
	pattern    *regexp.Regexp
	not        *qnode
	allOf      []*qnode
	anyOf      []*qnode
	ifNode     *qnode
	then, els  *qnode
	never      bool // the schema false
}

// noMaxLen is the maxLength of a schema without one: no string is longer.
const noMaxLen = math.MaxInt

// annotations are keywords that do not validate.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true, "title": true, "description": true,
	"default": true, "examples": true, "markdownDescription": true, "doNotSuggest": true, "errorMessage": true,
	"then": true, "else": true, // compiled with "if"
}

// compileQuick compiles the raw schema; nil when a keyword is unknown.
func compileQuick(raw map[string]any) *qnode {
	defs := map[string]*qnode{}
	var refs []*qnode
	var compile func(x any) *qnode
	ok := true
	compile = func(x any) *qnode {
		switch x := x.(type) {
		case bool:
			return &qnode{never: !x, maxLen: noMaxLen}
		case map[string]any:
			return compileNode(x, compile, &refs, &ok)
		}
		ok = false
		return &qnode{maxLen: noMaxLen}
	}
	if d, isMap := raw["$defs"].(map[string]any); isMap {
		for name, x := range d {
			defs[name] = compile(x)
		}
	}
	root := compile(raw)
	for _, n := range refs {
		n.ref = defs[n.refName]
		if n.ref == nil {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return root
}

func compileNode(m map[string]any, compile func(any) *qnode, refs *[]*qnode, ok *bool) *qnode {
	n := &qnode{maxLen: noMaxLen}
	num := func(x any) (float64, bool) { f, isNum := x.(float64); return f, isNum }
	for k, kv := range m {
		if annotations[k] || strings.HasPrefix(k, "x-") {
			continue
		}
		switch k {
		case "$ref":
			ref, _ := kv.(string)
			name, isLocal := strings.CutPrefix(ref, "#/$defs/")
			if !isLocal {
				*ok = false
			}
			n.refName = name
			*refs = append(*refs, n)
		case "type":
			switch t := kv.(type) {
			case string:
				n.types = []string{t}
			case []any:
				for _, x := range t {
					s, _ := x.(string)
					n.types = append(n.types, s)
				}
			default:
				*ok = false
			}
		case "properties":
			props, isMap := kv.(map[string]any)
			if !isMap {
				*ok = false
				continue
			}
			n.hasProps = true
			n.props = map[string]*qnode{}
			for name, x := range props {
				n.props[name] = compile(x)
			}
		case "additionalProperties":
			if b, isBool := kv.(bool); isBool && !b {
				n.noExtra = true
			} else {
				n.additional = compile(kv)
			}
		case "propertyNames":
			n.names = compile(kv)
		case "items":
			n.items = compile(kv)
		case "required":
			list, _ := kv.([]any)
			for _, x := range list {
				s, _ := x.(string)
				n.required = append(n.required, s)
			}
		case "enum":
			n.enum, _ = kv.([]any)
			n.hasEnum = true
		case "const":
			n.enum = []any{kv}
			n.hasEnum = true
		case "minimum", "maximum":
			f, isNum := num(kv)
			if !isNum {
				*ok = false
				continue
			}
			r := new(big.Rat).SetFloat64(f)
			if k == "minimum" {
				n.min, n.minF = r, f
			} else {
				n.max, n.maxF = r, f
			}
		case "minLength", "maxLength", "minItems", "minProperties":
			f, isNum := num(kv)
			if !isNum {
				*ok = false
				continue
			}
			switch k {
			case "minLength":
				n.minLen = int(f)
			case "maxLength":
				n.maxLen = int(f)
			case "minItems":
				n.minItems = int(f)
			case "minProperties":
				n.minProps = int(f)
			}
		case "pattern":
			p, _ := kv.(string)
			re, err := regexp.Compile(p)
			if err != nil {
				*ok = false
				continue
			}
			n.pattern = re
		case "not":
			n.not = compile(kv)
		case "allOf", "anyOf":
			list, _ := kv.([]any)
			var subs []*qnode
			for _, x := range list {
				subs = append(subs, compile(x))
			}
			if k == "allOf" {
				n.allOf = subs
			} else {
				n.anyOf = subs
			}
		case "if":
			n.ifNode = compile(kv)
			if t, has := m["then"]; has {
				n.then = compile(t)
			}
			if e, has := m["else"]; has {
				n.els = compile(e)
			}
		default:
			*ok = false // a keyword the quick walk does not know
		}
	}
	return n
}

// maxQuickDepth bounds the walk (values are bounded by the document's
// value budget; a schema cycle would be cut here).
const maxQuickDepth = 200

func (n *qnode) valid(v any, depth int) bool {
	if n.never || depth > maxQuickDepth {
		return false
	}
	if n.ref != nil && !n.ref.valid(v, depth+1) {
		return false
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return hasType(t, v) }) {
		return false
	}
	if n.hasEnum && !slices.ContainsFunc(n.enum, func(x any) bool { return equal(x, v) }) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) < n.minProps {
			return false
		}
		for _, r := range n.required {
			if _, present := x[r]; !present {
				return false
			}
		}
		for key, val := range x {
			if n.names != nil && !n.names.valid(key, depth+1) {
				return false
			}
			if sub, declared := n.props[key]; declared {
				if !sub.valid(val, depth+1) {
					return false
				}
				continue
			}
			if n.noExtra {
				return false
			}
			if n.additional != nil && !n.additional.valid(val, depth+1) {
				return false
			}
		}
	case []any:
		if len(x) < n.minItems {
			return false
		}
		if n.items != nil {
			for _, it := range x {
				if !n.items.valid(it, depth+1) {
					return false
				}
			}
		}
	case string:
		if l := utf8.RuneCountInString(x); l < n.minLen || l > n.maxLen {
			return false
		}
		if n.pattern != nil && !n.pattern.MatchString(x) {
			return false
		}
	case json.Number:
		if n.min != nil {
			if c, ok := compare(x, n.min, n.minF); !ok || c < 0 {
				return false
			}
		}
		if n.max != nil {
			if c, ok := compare(x, n.max, n.maxF); !ok || c > 0 {
				return false
			}
		}
	}
	return n.combinators(func(s *qnode) bool { return s.valid(v, depth+1) })
}

// combinators checks not, allOf, anyOf and if/then/else, with valid
// checking the instance against a subschema.
func (n *qnode) combinators(valid func(*qnode) bool) bool {
	if n.not != nil && valid(n.not) {
		return false
	}
	for _, s := range n.allOf {
		if !valid(s) {
			return false
		}
	}
	if len(n.anyOf) > 0 && !slices.ContainsFunc(n.anyOf, valid) {
		return false
	}
	if n.ifNode != nil {
		if valid(n.ifNode) {
			if n.then != nil && !valid(n.then) {
				return false
			}
		} else if n.els != nil && !valid(n.els) {
			return false
		}
	}
	return true
}

// smallInt reads a json.Number that is a plain integer of at most 15
// digits (exact in a float64), the common case.
func smallInt(n json.Number) (float64, bool) {
	s := string(n)
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && !(i == 0 && s[i] == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// compare compares a number with a bound, exactly; ok is false for a
// number it cannot read (the full validation decides).
func compare(n json.Number, bound *big.Rat, boundF float64) (c int, ok bool) {
	if f, small := smallInt(n); small {
		switch {
		case f < boundF:
			return -1, true
		case f > boundF:
			return 1, true
		}
		return 0, true
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return 0, false
	}
	return r.Cmp(bound), true
}

func hasType(t string, v any) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		if _, small := smallInt(n); small {
			return true
		}
		r, ok := new(big.Rat).SetString(string(n))
		return ok && r.IsInt()
	}
	return false
}

// equal compares a schema value (from encoding/json: float64 for numbers)
// with an instance value (json.Number for numbers).
func equal(schemaValue, v any) bool {
	switch x := schemaValue.(type) {
	case float64:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		c, ok := compare(n, new(big.Rat).SetFloat64(x), x)
		return ok && c == 0
	case string:
		s, ok := v.(string)
		return ok && s == x
	case bool:
		b, ok := v.(bool)
		return ok && b == x
	case nil:
		return v == nil
	}
	return false // objects and lists in enums: not used; the full validation decides
}
