package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Bounded is a hostile input of issue #19 whose output must not grow with
// it: what it makes greylint repeat (a name, a key, a glob quoted in every
// message) is cut to a bounded length, so twice the input prints about
// what the input printed. Its project has several files.
type Bounded struct {
	Name string
	// Was is what it cost before the messages were bounded.
	Was string
	// Files writes the project's files at size n (paths relative to its
	// root, with forward slashes).
	Files func(n int) map[string]string
	// N is the smaller of the two sizes the test runs (the larger is 2N).
	N int
}

// WriteProject writes the project at size n under dir, a git repository
// whose origin is acme/app, and returns the size of its files.
func (b Bounded) WriteProject(dir string, n int) (int, error) {
	files := b.Files(n)
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	files[".git/config"] = "[remote \"origin\"]\n\turl = https://github.com/acme/app.git\n"
	size := 0
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return 0, err
		}
		size += len(text)
	}
	return size, nil
}

// BoundedShapes are the inputs of issue #19 (N21 and the echoed glob)
// whose size is the length of what messages quote.
var BoundedShapes = []Bounded{
	{"long-names-in-messages", "10 builds with 20,000-character names, 2,000 references to an undefined build: 279 KB in, 523 MB of text out, 3.9 GB of memory (every message listed the names whole)", LongNamesInMessages, 10_000},
	{"long-keys-config-source", "a file of three 20,000-character keys named by 2,000 applications: 121 MB of JSON (config-source-not-config quoted the keys whole)", LongKeysConfigSource, 10_000},
	{"huge-ignore-rule", "a 2.4 MB ignore: entry in .greylint.yaml: 2.3 MB printed (its error quoted it whole)", HugeIgnoreRule, 500_000},
}

// LongNamesInMessages is 10 builds whose names are n characters long and
// 200 services naming a build that does not exist: each finding lists
// the defined builds and points at three of them.
func LongNamesInMessages(n int) map[string]string {
	var b strings.Builder
	b.WriteString("builds:\n")
	for i := range 10 {
		fmt.Fprintf(&b, "  - name: %s%d\n    dockerfile: Dockerfile\n", strings.Repeat("b", n), i)
	}
	b.WriteString("services:\n")
	for i := range 200 {
		fmt.Fprintf(&b, "  - name: s%d\n    image_from_build: x\n", i)
	}
	return map[string]string{".greyhound/config.yaml": b.String()}
}

// LongKeysConfigSource is a YAML file of three n-character keys that 200
// applications of the repository name as their config.
func LongKeysConfigSource(n int) map[string]string {
	var keys, apps strings.Builder
	for i := range 3 {
		fmt.Fprintf(&keys, "? %s%d\n: 1\n", strings.Repeat("k", n), i)
	}
	apps.WriteString("applications:\n")
	for i := range 200 {
		fmt.Fprintf(&apps, "  - {name: a%d, repository: acme/app, branch: main, config_source: notconfig.yaml}\n", i)
	}
	return map[string]string{
		"notconfig.yaml":               keys.String(),
		".greyhound/applications.yaml": apps.String(),
		".greyhound/config.yaml":       ValidConfig,
	}
}

// HugeIgnoreRule is a .greylint.yaml whose ignore: entry (rule IDs) is an
// n-character glob.
func HugeIgnoreRule(n int) map[string]string {
	return map[string]string{
		".greylint.yaml":         "ignore:\n  - \"" + strings.Repeat("**/", n/3) + "x\"\n",
		".greyhound/config.yaml": ValidConfig,
	}
}
