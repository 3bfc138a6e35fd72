package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDistReproducible builds the host's archive and a Windows one twice
// into two directories: every file, SHA256SUMS included, is byte-identical,
// the sums verify, and the host's binary prints the VERSION file's version.
func TestDistReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles greylint")
	}
	root, _ := filepath.Abs("../..")
	version, err := ReadVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	host := runtime.GOOS + "/" + runtime.GOARCH
	targets := []string{host, "windows/arm64"}
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if _, err := Build(Options{Root: root, Out: out, Targets: targets}); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"SHA256SUMS", ArchiveName(version, runtime.GOOS, runtime.GOARCH), ArchiveName(version, "windows", "arm64")}
	for _, n := range names {
		x, err1 := os.ReadFile(filepath.Join(a, n))
		y, err2 := os.ReadFile(filepath.Join(b, n))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", n, err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", n)
		}
	}
	verifySums(t, a)

	// Each archive holds one directory named after it, and every file is
	// inside it: unpacking in a repository replaces none of its files.
	hostDir := ArchiveDir(version, runtime.GOOS, runtime.GOARCH)
	winDir := ArchiveDir(version, "windows", "arm64")
	if got := tarNames(t, filepath.Join(a, names[1])); !allUnder(got, hostDir) || len(got) != 5 {
		t.Errorf("%s holds %q, want %s/ and four files in it", names[1], got, hostDir)
	}

	// The host's binary runs and prints the version.
	bin := extract(t, filepath.Join(a, names[1]), hostDir+"/greylint", t.TempDir())
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "greylint v"+version {
		t.Errorf("greylint --version: %q %v, want \"greylint v%s\"", out, err, version)
	}
	// The Windows archive holds greylint.exe, executable when unzipped.
	zr, err := zip.OpenReader(filepath.Join(a, names[2]))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var zipNames []string
	for _, f := range zr.File {
		zipNames = append(zipNames, f.Name)
	}
	if !allUnder(zipNames, winDir) || len(zipNames) != 5 {
		t.Errorf("%s holds %q, want %s/ and four files in it", names[2], zipNames, winDir)
	}
	if zr.File[1].Name != winDir+"/greylint.exe" || zr.File[1].Mode()&0o111 == 0 {
		t.Errorf("windows archive's first file is %s %v", zr.File[1].Name, zr.File[1].Mode())
	}
}

// allUnder: the first name is the directory dir/ and every other one is
// inside it.
func allUnder(names []string, dir string) bool {
	if len(names) == 0 || names[0] != dir+"/" {
		return false
	}
	for _, n := range names[1:] {
		rest, ok := strings.CutPrefix(n, dir+"/")
		if !ok || rest == "" || strings.Contains(rest, "/") || strings.Contains(rest, "..") {
			return false
		}
	}
	return true
}

func tarNames(t *testing.T, archive string) []string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, hdr.Name)
	}
}

// TestArchivesIgnoreTheClock packs the same files at two moments: the
// bytes do not change, so nothing but the inputs reaches an archive.
func TestArchivesIgnoreTheClock(t *testing.T) {
	files := []archived{{name: "greylint", data: []byte("bin"), mode: 0o755}, {name: "LICENSE", data: []byte("MIT"), mode: 0o644}}
	stamp := time.Unix(1700000000, 0).UTC()
	var x, y, zx, zy bytes.Buffer
	if err := writeTarGz(&x, "top", files, stamp); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&zx, "top", files, stamp); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if err := writeTarGz(&y, "top", files, stamp); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&zy, "top", files, stamp); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) || !bytes.Equal(zx.Bytes(), zy.Bytes()) {
		t.Error("archives of the same files differ")
	}
	gz, err := gzip.NewReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != "top/" || hdr.Typeflag != tar.TypeDir || !hdr.ModTime.Equal(stamp) || hdr.Uid != 0 {
		t.Errorf("first entry %+v %v", hdr, err)
	}
	hdr, err = tr.Next()
	if err != nil || hdr.Name != "top/greylint" || hdr.Mode != 0o755 || !hdr.ModTime.Equal(stamp) || hdr.Uid != 0 {
		t.Errorf("second entry %+v %v", hdr, err)
	}
}

func TestReadVersionRefusesMalformed(t *testing.T) {
	for _, v := range []string{"0.2", "v0.2.0", "0.2.x", ""} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "VERSION"), []byte(v+"\n"), 0o644)
		if _, err := ReadVersion(dir); err == nil {
			t.Errorf("VERSION %q accepted", v)
		}
	}
}

func verifySums(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q", sc.Text())
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sum does not verify", name)
		}
		n++
	}
	if n == 0 {
		t.Error("SHA256SUMS is empty")
	}
}

// extract writes one file of a .tar.gz into dir, keeping its mode.
func extract(t *testing.T, archive, name, dir string) string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err != nil {
			t.Fatalf("%s: no %s (%v)", archive, name, err)
		}
		if hdr.Name != name {
			continue
		}
		path := filepath.Join(dir, filepath.Base(name))
		out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, os.FileMode(hdr.Mode))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		out.Close()
		return path
	}
}
