package rules

import (
	"fmt"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

func contains(list []string, s string) bool { return slices.Contains(list, s) }

func suggest(word string, candidates []string) string { return lint.Suggest(word, candidates) }

func quote(s string) string { return strconv.Quote(s) }

// intValue returns the value of an integer scalar.
func intValue(n *yaml.Node) (int64, bool) {
	n = lint.Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		return 0, false
	}
	var i int64
	return i, n.Decode(&i) == nil
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
