package rules

import (
	"math/big"
	"regexp"
	"strings"
)

// Kubernetes resource quantities: a decimal number with an optional binary
// (Ki, Mi, Gi, Ti, Pi, Ei), decimal (n, u, m, k, M, G, T, P, E) or exponent
// suffix.
var quantityRe = regexp.MustCompile(`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$`)

var suffixes = map[string]*big.Rat{
	"": big.NewRat(1, 1), "n": big.NewRat(1, 1e9), "u": big.NewRat(1, 1e6), "m": big.NewRat(1, 1e3),
	"k": big.NewRat(1e3, 1), "M": big.NewRat(1e6, 1), "G": big.NewRat(1e9, 1), "T": new(big.Rat).SetFrac64(1e12, 1),
	"P": new(big.Rat).SetFrac64(1e15, 1), "E": new(big.Rat).SetFrac64(1e18, 1),
	"Ki": big.NewRat(1<<10, 1), "Mi": big.NewRat(1<<20, 1), "Gi": big.NewRat(1<<30, 1), "Ti": big.NewRat(1<<40, 1),
	"Pi": new(big.Rat).SetInt64(1 << 50), "Ei": new(big.Rat).SetInt64(1 << 60),
}

// parseQuantity returns the value of a Kubernetes quantity.
func parseQuantity(s string) (*big.Rat, bool) {
	m := quantityRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return nil, false
	}
	num, ok := new(big.Rat).SetString(m[1])
	if !ok {
		return nil, false
	}
	if strings.ContainsAny(m[2], "eE") {
		exp, ok := new(big.Rat).SetString("1" + m[2])
		if !ok {
			return nil, false
		}
		return num.Mul(num, exp), true
	}
	return num.Mul(num, suffixes[m[2]]), true
}

// quantityHint suggests the spelling Kubernetes accepts for a common
// mistake: 32GB -> 32G or 32Gi, "2 cores" -> 2.
func quantityHint(s string) string {
	t := strings.TrimSpace(s)
	for _, unit := range []string{"KB", "MB", "GB", "TB", "PB", "EB", "Kb", "Mb", "Gb", "Tb", "kB", "kb"} {
		if strings.HasSuffix(t, unit) {
			n := strings.TrimSpace(strings.TrimSuffix(t, unit))
			u := strings.ToUpper(unit[:1])
			if u == "K" {
				return "write " + n + "k (decimal) or " + n + "Ki (binary)"
			}
			return "write " + n + u + " (decimal) or " + n + u + "i (binary)"
		}
	}
	if f := strings.Fields(t); len(f) == 2 && quantityRe.MatchString(f[0]) {
		return "write " + f[0] + " without the unit word, or with a suffix such as m (millicores)"
	}
	return "use a number with an optional suffix: 500m, 2, 512Mi, 32Gi"
}
