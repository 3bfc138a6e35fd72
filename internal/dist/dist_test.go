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

	// The host's binary runs and prints the version.
	bin := extract(t, filepath.Join(a, names[1]), "greylint", t.TempDir())
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
	if zr.File[0].Name != "greylint.exe" || zr.File[0].Mode()&0o111 == 0 {
		t.Errorf("windows archive starts with %s %v", zr.File[0].Name, zr.File[0].Mode())
	}
}

// TestArchivesIgnoreTheClock packs the same files at two moments: the
// bytes do not change, so nothing but the inputs reaches an archive.
func TestArchivesIgnoreTheClock(t *testing.T) {
	files := []archived{{name: "greylint", data: []byte("bin"), mode: 0o755}, {name: "LICENSE", data: []byte("MIT"), mode: 0o644}}
	stamp := time.Unix(1700000000, 0).UTC()
	var x, y, zx, zy bytes.Buffer
	if err := writeTarGz(&x, files, stamp); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&zx, files, stamp); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if err := writeTarGz(&y, files, stamp); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&zy, files, stamp); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) || !bytes.Equal(zx.Bytes(), zy.Bytes()) {
		t.Error("archives of the same files differ")
	}
	gz, err := gzip.NewReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := tar.NewReader(gz).Next()
	if err != nil || hdr.Name != "greylint" || hdr.Mode != 0o755 || !hdr.ModTime.Equal(stamp) || hdr.Uid != 0 {
		t.Errorf("first entry %+v %v", hdr, err)
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
		path := filepath.Join(dir, name)
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
