package rules

import (
	"math"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// intValue returns the value of an integer scalar.
func intValue(n *yaml.Node) (int64, bool) {
	n = lint.Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		return 0, false
	}
	var i int64
	return i, n.Decode(&i) == nil
}

// wholeNumber reads a number with no fractional part however YAML writes
// it: 61, 1e3, 60.0, or an integer past int64 (9223372036854775808).
// Another value (60.5, .inf, text) is not one: invalid-type reports it.
func wholeNumber(n *yaml.Node) (float64, bool) {
	n = lint.Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
		return 0, false
	}
	var f float64
	if n.Decode(&f) != nil || math.IsInf(f, 0) || math.IsNaN(f) || f != math.Trunc(f) {
		return 0, false
	}
	return f, true
}
