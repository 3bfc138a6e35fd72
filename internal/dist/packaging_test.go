package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestMasonPackageMatchesDist: the mason package names, for every
// platform, the archive `make dist` writes and the binary inside it (in the
// archive's directory), at the VERSION file's version.
func TestMasonPackageMatchesDist(t *testing.T) {
	root, _ := filepath.Abs("../..")
	version, err := ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "packaging", "mason", "package.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Source struct {
			ID    string `yaml:"id"`
			Asset []struct {
				Target, File, Bin string
			} `yaml:"asset"`
		} `yaml:"source"`
		Bin map[string]string `yaml:"bin"`
	}
	if err := yaml.Unmarshal(src, &pkg); err != nil {
		t.Fatal(err)
	}
	if want := "pkg:github/greylint/greylint@v" + version; pkg.Source.ID != want {
		t.Errorf("source id %q, want %q", pkg.Source.ID, want)
	}
	masonTarget := map[string]string{
		"darwin_x64": "darwin/amd64", "darwin_arm64": "darwin/arm64",
		"linux_x64": "linux/amd64", "linux_arm64": "linux/arm64",
		"win_x64": "windows/amd64", "win_arm64": "windows/arm64",
	}
	seen := map[string]bool{}
	for _, a := range pkg.Source.Asset {
		target, ok := masonTarget[a.Target]
		if !ok {
			t.Errorf("asset target %q: not a platform make dist builds", a.Target)
			continue
		}
		seen[target] = true
		goos, goarch, _ := strings.Cut(target, "/")
		// mason's template: {{ version | strip_prefix "v" }} with version v<VERSION>.
		file := strings.ReplaceAll(a.File, `{{ version | strip_prefix "v" }}`, version)
		if want := ArchiveName(version, goos, goarch); file != want {
			t.Errorf("%s: file %q, make dist writes %q", a.Target, file, want)
		}
		wantBin := ArchiveDir(version, goos, goarch) + "/greylint"
		if goos == "windows" {
			wantBin += ".exe"
		}
		if bin := strings.ReplaceAll(a.Bin, `{{ version | strip_prefix "v" }}`, version); bin != wantBin {
			t.Errorf("%s: bin %q, the archive holds %q", a.Target, a.Bin, wantBin)
		}
	}
	for _, target := range AllTargets {
		if !seen[target] {
			t.Errorf("make dist builds %s, the mason package has no asset for it", target)
		}
	}
	if pkg.Bin["greylint"] != "{{source.asset.bin}}" {
		t.Errorf("bin: %v", pkg.Bin)
	}
}
