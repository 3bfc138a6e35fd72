// Package hostile generates the hostile inputs of issue #10, each at any
// size, for the tests and benchmarks that keep greylint linear on them:
// this package's test runs every shape through the greylint binary at two
// sizes and checks what its output weighs, and `make bench-hostile`
// (./internal/hostile/measure) prints the time and peak memory of each.
package hostile

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/greylint/greylint/internal/corpus"
)

// Shape is one hostile input.
type Shape struct {
	Name string
	// Was is what it cost before greylint was made linear on it.
	Was string
	// File is where the input goes in a project: .greyhound/config.yaml,
	// or .greylint.yaml (with a small valid config beside it).
	File string
	// Gen writes the input at size n.
	Gen func(n int) []byte
	// N is the smaller of the two sizes the test runs (the larger is 2N).
	N int
}

// ValidConfig is the config that goes beside a .greylint.yaml shape.
const ValidConfig = "services:\n  - name: web\n    image: nginx\n"

// WriteProject writes a repository under dir holding the shape at size n
// (its file, a .git to bound discovery, and a valid config beside a
// .greylint.yaml shape), and returns the size of the input.
func (s Shape) WriteProject(dir string, n int) (int, error) {
	src := s.Gen(n)
	files := map[string][]byte{s.File: src, ".git/HEAD": []byte("ref: refs/heads/main\n")}
	if s.File != ".greyhound/config.yaml" {
		files[".greyhound/config.yaml"] = []byte(ValidConfig)
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(p, text, 0o644); err != nil {
			return 0, err
		}
	}
	return len(src), nil
}

// Build builds the greylint binary at out, for the runs on the shapes.
func Build(out string) error {
	if b, err := exec.Command("go", "build", "-o", out, "github.com/greylint/greylint/cmd/greylint").CombinedOutput(); err != nil {
		return fmt.Errorf("building greylint: %v\n%s", err, b)
	}
	return nil
}

// Shapes are the shapes of issue #10's "Why", in its order.
var Shapes = []Shape{
	{"bad-references", "2,000 builds and 2,000 bad references: 732 MB of JSON, 2 GB of SARIF (every definition a related location)", ".greyhound/config.yaml", BadReferences, 1000},
	{"one-line-json", "470 KB on one line: 11.9 s (a line scan per node)", ".greyhound/config.yaml", OneLine, 1000},
	{"long-line-findings", "235 KB of long lines: 687 MB of text (the whole line reprinted per finding)", ".greyhound/config.yaml", LongLineFindings, 1000},
	{"merge-chain-keys", "merge chains with anchors in keys, 1.3 MB: 70 s (L^2/2 copies)", ".greyhound/config.yaml", MergeChainKeys, 2000},
	{"merge-chain-list", "merge chains in a list, 30 KB: 8.7 s", ".greyhound/config.yaml", MergeChainList, 500},
	{"long-names", "16-32 KB names, 197 KB: 29 s (edit distance without a cut-off)", ".greyhound/config.yaml", LongNames, 8},
	{"wide-mapping", "one mapping of 40,000 keys: 19.7 s", ".greyhound/config.yaml", WideMapping, 20000},
	{"unknown-keys", "20,000 unknown keys in one service: 29 s", ".greyhound/config.yaml", UnknownKeys, 10000},
	{"deep-flow", "a depth-9,000 flow list of 60,000 items: 8.3 s", ".greyhound/config.yaml", DeepFlow, 4500},
	{"alias-expansion", "aliases that expand past the budget: silent truncation, false findings", ".greyhound/config.yaml", AliasExpansion, 2000},
	{"large-valid", "a large valid file: 200x its size in memory", ".greyhound/config.yaml", corpus.Config, 20000},
	{"control-characters", "ESC and newlines in names and values: escape sequences and forged findings in the terminal", ".greyhound/config.yaml", ControlCharacters, 500},
	{"late-nul", "NUL, ESC or invalid UTF-8 on a late line: reported at 1:1", ".greyhound/config.yaml", LateNUL, 20000},
	{"binary", "random binary: a tab finding at line 3935", ".greyhound/config.yaml", Binary, 100_000},
	{"huge-ignore-glob", "a 2.4 MB ignore glob in .greylint.yaml: a 12.8 MB panic", ".greylint.yaml", HugeIgnoreGlob, 500_000},
	{"numbers", "1e400, .inf and 2^63 in integer fields: \"got a string\", or silence", ".greyhound/config.yaml", Numbers, 2000},
}

// BadReferences is n builds and n services that each name a build that
// does not exist.
func BadReferences(n int) []byte {
	var b strings.Builder
	b.WriteString("builds:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: build-%d\n", i)
	}
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: svc-%d\n    image_from_build: nope-%d\n", i, i)
	}
	return []byte(b.String())
}

// OneLine is a valid config of n services written as one line of JSON
// (valid YAML).
func OneLine(n int) []byte {
	items := make([]string, n)
	for i := range n {
		items[i] = fmt.Sprintf(`{"name":"svc-%d","image":"nginx","ports":[{"containerPort":%d}],"env":[{"name":"A","value":"é${commit.sha}"}]}`, i, 1000+i)
	}
	return []byte(`{"services":[` + strings.Join(items, ",") + "]}\n")
}

// LongLineFindings is n services on one line, each with a misspelt field:
// n findings on one long line.
func LongLineFindings(n int) []byte {
	items := make([]string, n)
	for i := range n {
		items[i] = fmt.Sprintf(`{"name":"svc-%d","imagee":"nginx"}`, i)
	}
	return []byte(`{"services":[` + strings.Join(items, ",") + "]}\n")
}

// MergeChainKeys is a chain of n mappings, each merging the one before
// and adding a key that carries an anchor.
func MergeChainKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("x-chain:\n  m0: &m0 {&k0 a0: 0}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  m%d: &m%d {<<: *m%d, &k%d a%d: %d}\n", i, i, i-1, i, i, i)
	}
	b.WriteString("services:\n  - name: web\n    image: nginx\n")
	return []byte(b.String())
}

// MergeChainList is n configmaps whose data each merges the one before.
func MergeChainList(n int) []byte {
	var b strings.Builder
	b.WriteString("configmaps:\n  - name: c0\n    data: &d0 {k0: v}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - name: c%d\n    data: &d%d {<<: *d%d, k%d: v}\n", i, i, i-1, i)
	}
	return []byte(b.String())
}

// LongNames is n services, each with an unknown field of a 24 KB name
// close to a known one.
func LongNames(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range n {
		// An explicit key: YAML allows an implicit one of 1,024
		// characters at most.
		fmt.Fprintf(&b, "  - name: svc-%d\n    image: nginx\n    ? replicas%s\n    : 1\n", i, strings.Repeat("s", 24<<10))
	}
	return []byte(b.String())
}

// WideMapping is a configmap with n keys.
func WideMapping(n int) []byte {
	var b strings.Builder
	b.WriteString("configmaps:\n  - name: cm\n    data:\n")
	for i := range n {
		fmt.Fprintf(&b, "      K%d: v\n", i)
	}
	b.WriteString("services:\n  - name: web\n    image: nginx\n    envFrom: [{configMapRef: {name: cm}}]\n")
	return []byte(b.String())
}

// UnknownKeys is a service with n fields greyhound does not know.
func UnknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n  - name: a\n    image: x\n")
	for i := range n {
		fmt.Fprintf(&b, "    k%d: v\n", i)
	}
	return []byte(b.String())
}

// DeepFlow nests a flow list n levels deep around 7n items.
func DeepFlow(n int) []byte {
	return []byte("services: " + strings.Repeat("[", n) + strings.Repeat("x, ", 7*n-1) + "x" + strings.Repeat("]", n) + "\n")
}

// AliasExpansion is n lists of ten aliases to a ten-fold expansion five
// levels deep: 10^6 values each, past any budget for the file's size.
func AliasExpansion(n int) []byte {
	var b strings.Builder
	b.WriteString("x-a:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [*a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", i, i, i-1)
	}
	b.WriteString("x-b:\n")
	for i := range n {
		fmt.Fprintf(&b, "  b%d: [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]\n", i)
	}
	b.WriteString("services:\n  - name: web\n    image: nginx\n")
	return []byte(b.String())
}

// ControlCharacters is n services whose names and values hold ESC,
// BEL, bidi controls and newlines that would forge a finding line.
func ControlCharacters(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: \"svc-%d\\e[2J\\a\\u202e\"\n    image: nginx\n    image_from_build: \"x\\nfake.yaml:1:1: error: forged\\e[31m\"\n", i)
		// A raw right-to-left override, which YAML allows in plain text:
		// in the name, and so in the source line a snippet prints.
		fmt.Fprintf(&b, "  - name: Svc-%d\u202e-evil\n    image: nginx\n", i)
	}
	return []byte(b.String())
}

// LateNUL is a valid config of about n lines with a NUL byte, an ESC and
// invalid UTF-8 on its last lines.
func LateNUL(n int) []byte {
	return append(corpus.Config(n), "x-late: \"a\x00b\"\nx-esc: a\x1bb\nx-utf8: \xff\xfe\n"...)
}

// Binary is n bytes of random data (the same for a given n).
func Binary(n int) []byte {
	r := rand.New(rand.NewPCG(uint64(n), 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// HugeIgnoreGlob is a .greylint.yaml whose ignore list holds one glob of
// n characters.
func HugeIgnoreGlob(n int) []byte {
	return []byte("exclude:\n  - \"" + strings.Repeat("*a", n/2) + "\"\n")
}

// Numbers is n services with numbers no integer field takes: too large,
// infinite, not a number, and floats written as integers' exponents.
func Numbers(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range n {
		v := []string{"1e400", ".inf", ".nan", "9223372036854775808", "1e3"}[i%5]
		fmt.Fprintf(&b, "  - name: svc-%d\n    image: nginx\n    replicas: %s\n", i, v)
	}
	return []byte(b.String())
}
