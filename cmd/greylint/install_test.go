package main

import (
	"github.com/greylint/greylint/internal/testtool"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestActionInstallsTheRelease runs the Action's release installer against
// a local server holding `make dist` output for this machine: it picks this
// platform's archive, verifies it, caches it, and the binary runs; a tampered
// archive, a tampered sum or a missing entry is refused with a message that
// says so, and nothing lands on the PATH.
func TestActionInstallsTheRelease(t *testing.T) {
	testtool.Slow(t, "a release archive installed by the action")
	if testing.Short() {
		t.Skip("builds a release archive")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	runnerOS := map[string]string{"linux": "Linux", "darwin": "macOS"}[runtime.GOOS]
	runnerArch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	if runnerOS == "" || runnerArch == "" {
		t.Skipf("no release for %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	versionFile, err := os.ReadFile("../../VERSION")
	if err != nil {
		t.Fatal(err)
	}
	version := strings.TrimSpace(string(versionFile))
	dist := t.TempDir()
	build := exec.Command("go", "run", "./internal/dist", "-out", dist, "-targets", runtime.GOOS+"/"+runtime.GOARCH)
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("dist: %v\n%s", err, out)
	}
	archive := "greylint_" + version + "_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	good, err := os.ReadFile(filepath.Join(dist, archive))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	served := map[string][]byte{}
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		requests = append(requests, r.URL.Path)
		b, ok := served[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	defer srv.Close()
	serve := func(archiveBytes, sumBytes []byte) {
		mu.Lock()
		defer mu.Unlock()
		served = map[string][]byte{
			"/v" + version + "/" + archive: archiveBytes,
			"/v" + version + "/SHA256SUMS": sumBytes,
		}
		requests = nil
	}
	install := func(cache string) (pathFile, out string, err error) {
		pathFile = filepath.Join(t.TempDir(), "github_path")
		os.WriteFile(pathFile, nil, 0o644)
		cmd := exec.Command("bash", "../../scripts/install-release.sh")
		cmd.Env = append(os.Environ(), "GREYLINT_VERSION="+version, "GREYLINT_BASE_URL="+srv.URL,
			"RUNNER_OS="+runnerOS, "RUNNER_ARCH="+runnerArch, "RUNNER_TOOL_CACHE="+cache, "GITHUB_PATH="+pathFile)
		b, err := cmd.CombinedOutput()
		return pathFile, string(b), err
	}

	// The genuine release installs, and its binary runs.
	cache := t.TempDir()
	serve(good, sums)
	pathFile, out, err := install(cache)
	if err != nil {
		t.Fatalf("install failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "greylint v"+version) {
		t.Errorf("the installed binary did not print its version:\n%s", out)
	}
	added, _ := os.ReadFile(pathFile)
	bin := filepath.Join(strings.TrimSpace(string(added)), "greylint")
	if v, err := exec.Command(bin, "--version").Output(); err != nil || strings.TrimSpace(string(v)) != "greylint v"+version {
		t.Errorf("%s --version: %q %v", bin, v, err)
	}
	if len(requests) != 2 || !strings.HasSuffix(requests[0], "/"+archive) {
		t.Errorf("requests %v, want this platform's archive and SHA256SUMS", requests)
	}
	// A second job on the runner finds it in the tool cache.
	serve(good, sums)
	if _, out, err := install(cache); err != nil || len(requests) != 0 || !strings.Contains(out, "tool cache") {
		t.Errorf("second install: %v, requests %v\n%s", err, requests, out)
	}

	tampered := append([]byte(nil), good...)
	tampered[len(tampered)/2] ^= 0xff
	badSums := []byte(strings.Replace(string(sums), string(sums[:8]), "00000000", 1))
	for _, c := range []struct {
		name          string
		archive, sums []byte
		want          string
	}{
		{"tampered archive", tampered, sums, "checksum mismatch for " + archive},
		{"tampered SHA256SUMS", good, badSums, "checksum mismatch for " + archive},
		{"no entry", good, []byte("0123  greylint_" + version + "_plan9_amd64.tar.gz\n"), "has no entry for " + archive},
	} {
		t.Run(c.name, func(t *testing.T) {
			serve(c.archive, c.sums)
			pathFile, out, err := install(t.TempDir())
			if err == nil {
				t.Fatalf("installed:\n%s", out)
			}
			if !strings.Contains(out, "::error title=greylint install::") || !strings.Contains(out, c.want) {
				t.Errorf("message does not say %q:\n%s", c.want, out)
			}
			if added, _ := os.ReadFile(pathFile); len(added) != 0 {
				t.Errorf("refused, yet %q was put on the PATH", added)
			}
		})
	}
}

// TestActionResolvesTheVersion runs the Action's first step: the default is
// the action's own VERSION, X.Y.Z downloads, "source" and refs build.
func TestActionResolvesTheVersion(t *testing.T) {
	_, script := actionStep(t, func(_, id string) bool { return id == "resolve" })
	versionFile, _ := os.ReadFile("../../VERSION")
	root, _ := filepath.Abs("../..")
	for input, want := range map[string]string{
		"":            "mode=release\nversion=" + strings.TrimSpace(string(versionFile)) + "\n",
		"v1.2.3":      "mode=release\nversion=1.2.3\n",
		"source":      "mode=source\n",
		"4f06e4d":     "mode=ref\nref=4f06e4d\n",
		"x; rm -rf /": "",
		"0.2":         "",
		"v0.2":        "",
		"1.2.3.4":     "",
		"1234567":     "mode=ref\nref=1234567\n",
	} {
		outFile := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Env = append(os.Environ(), "GREYLINT_VERSION_INPUT="+input, "GREYLINT_ACTION_PATH="+root, "GITHUB_OUTPUT="+outFile)
		msg, err := cmd.CombinedOutput()
		got, _ := os.ReadFile(outFile)
		if string(got) != want || (want == "") != (err != nil) {
			t.Errorf("version %q: outputs %q (%v %s), want %q", input, got, err, msg, want)
		}
		// A mistyped release number is said to be one, not taken for a
		// git ref (which set up Go and failed with a Go error).
		if strings.Contains(input, ".") && want == "" && !strings.Contains(string(msg), "::error title=greylint install::version: "+input+" is not X.Y.Z") {
			t.Errorf("version %q: message %q does not say it is not X.Y.Z", input, msg)
		}
	}
}
