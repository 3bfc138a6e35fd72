package rules

import (
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
