package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AllTargets are the platforms a release covers.
var AllTargets = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

// Options says what to build.
type Options struct {
	Root    string   // repository root
	Out     string   // output directory (created; existing archives are replaced)
	Targets []string // os/arch pairs
}

// ArchiveDir is the one top-level directory of the archive for one
// platform: every file unpacks under it, so `tar xzf` in a repository never
// replaces its README.md, LICENSE or CHANGELOG.md.
func ArchiveDir(version, goos, goarch string) string {
	return fmt.Sprintf("greylint_%s_%s_%s", version, goos, goarch)
}

// ArchiveName is the file name of the archive for one platform.
func ArchiveName(version, goos, goarch string) string {
	ext := ".tar.gz"
	if goos == "windows" {
		ext = ".zip"
	}
	return ArchiveDir(version, goos, goarch) + ext
}

// ReadVersion reads the VERSION file: one line, X.Y.Z.
func ReadVersion(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(string(b))
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("VERSION holds %q, want X.Y.Z", v)
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return "", fmt.Errorf("VERSION holds %q, want X.Y.Z", v)
		}
	}
	return v, nil
}

// Build cross-compiles and packs every target, then writes SHA256SUMS. It
// returns the paths written.
func Build(o Options) ([]string, error) {
	version, err := ReadVersion(o.Root)
	if err != nil {
		return nil, err
	}
	stamp, err := sourceDate(o.Root)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "greylint-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	var extras []archived
	for _, name := range []string{"LICENSE", "README.md", "CHANGELOG.md"} {
		b, err := os.ReadFile(filepath.Join(o.Root, name))
		if err != nil {
			return nil, err
		}
		extras = append(extras, archived{name: name, data: b, mode: 0o644})
	}

	sums := map[string]string{}
	var written []string
	for _, t := range o.Targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
		if !ok || goos == "" || goarch == "" {
			return nil, fmt.Errorf("target %q: want os/arch", t)
		}
		exe := "greylint"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, goos+"_"+goarch, exe)
		cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false",
			"-ldflags", "-s -w -X main.stampedVersion="+version,
			"-o", bin, "./cmd/greylint")
		cmd.Dir = o.Root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s/%s: %v\n%s", goos, goarch, err, out)
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		files := append([]archived{{name: exe, data: data, mode: 0o755}}, extras...)
		var buf bytes.Buffer
		top := ArchiveDir(version, goos, goarch)
		if goos == "windows" {
			err = writeZip(&buf, top, files, stamp)
		} else {
			err = writeTarGz(&buf, top, files, stamp)
		}
		if err != nil {
			return nil, err
		}
		name := ArchiveName(version, goos, goarch)
		path := filepath.Join(o.Out, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(buf.Bytes())
		sums[name] = hex.EncodeToString(sum[:])
		written = append(written, path)
	}
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var lines strings.Builder
	for _, n := range names {
		fmt.Fprintf(&lines, "%s  %s\n", sums[n], n)
	}
	sumsPath := filepath.Join(o.Out, "SHA256SUMS")
	if err := os.WriteFile(sumsPath, []byte(lines.String()), 0o644); err != nil {
		return nil, err
	}
	return append(written, sumsPath), nil
}

// sourceDate is the time stamped on every archive entry: SOURCE_DATE_EPOCH
// when set (the reproducible-builds convention), else the last commit's
// time, else the Unix epoch. Never the clock, so two runs agree.
func sourceDate(root string) (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	cmd := exec.Command("git", "log", "-1", "--format=%ct")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Unix(0, 0).UTC(), nil
}

type archived struct {
	name string
	data []byte
	mode int64
}

// writeTarGz packs files under the directory top, in the order given,
// owned by root, with one time.
func writeTarGz(w io.Writer, top string, files []archived, stamp time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	gz.ModTime = time.Time{} // no time in the gzip header
	tw := tar.NewWriter(gz)
	dir := &tar.Header{
		Name: top + "/", Mode: 0o755, ModTime: stamp, Typeflag: tar.TypeDir,
		Format: tar.FormatPAX, Uname: "root", Gname: "root",
	}
	if err := tw.WriteHeader(dir); err != nil {
		return err
	}
	for _, f := range files {
		hdr := &tar.Header{
			Name: top + "/" + f.name, Mode: f.mode, Size: int64(len(f.data)),
			ModTime: stamp, Typeflag: tar.TypeReg, Format: tar.FormatPAX,
			Uname: "root", Gname: "root",
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip packs files under the directory top, in the order given, with
// one time and Unix modes (so the binary is executable when unpacked by
// unzip on a Unix machine).
func writeZip(w io.Writer, top string, files []archived, stamp time.Time) error {
	zw := zip.NewWriter(w)
	dir := &zip.FileHeader{Name: top + "/", Method: zip.Store, Modified: stamp}
	dir.SetMode(os.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dir); err != nil {
		return err
	}
	for _, f := range files {
		hdr := &zip.FileHeader{Name: top + "/" + f.name, Method: zip.Deflate, Modified: stamp}
		hdr.SetMode(os.FileMode(f.mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
