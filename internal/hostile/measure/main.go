// Command measure prints, for every hostile shape at its two sizes, the
// time and the peak memory (maximum resident set size) of greylint on it:
// the figures the shapes' test does not assert (make bench-hostile).
//
//	go run ./internal/hostile/measure [-greylint PATH] [-format text] [-scale 1]
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/greylint/greylint/internal/hostile"
)

func main() {
	bin := flag.String("greylint", "", "the greylint binary (default: build ./cmd/greylint)")
	format := flag.String("format", "text", "output format")
	scale := flag.Int("scale", 1, "multiply every size by this")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "hostile")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "greylint")
		if out, err := exec.Command("go", "build", "-o", *bin, "./cmd/greylint").CombinedOutput(); err != nil {
			log.Fatalf("building greylint: %v\n%s", err, out)
		}
	}
	fmt.Printf("%-20s %9s %10s %8s %8s %9s\n", "shape", "size", "input", "time", "peak", "peak/in")
	for _, s := range hostile.Shapes {
		for _, n := range []int{*scale * s.N, 2 * *scale * s.N} {
			dir := filepath.Join(tmp, fmt.Sprintf("%s-%d", s.Name, n))
			src := s.Gen(n)
			write(filepath.Join(dir, s.File), src)
			write(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/main\n"))
			if s.File != ".greyhound/config.yaml" {
				write(filepath.Join(dir, ".greyhound", "config.yaml"), []byte(hostile.ValidConfig))
			}
			cmd := exec.Command(*bin, "--color", "never", "--format", *format, ".")
			cmd.Dir, cmd.Stdout, cmd.Stderr = dir, io.Discard, io.Discard
			start := time.Now()
			cmd.Run() // exit 1 (findings) and 2 (a broken .greylint.yaml) are expected
			elapsed := time.Since(start)
			rss := int64(0)
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = int64(ru.Maxrss) << 10 // kilobytes on Linux
			}
			fmt.Printf("%-20s %9d %9.2fM %7.2fs %7.0fM %8.1fx\n", s.Name, n, float64(len(src))/(1<<20), elapsed.Seconds(), float64(rss)/(1<<20), float64(rss)/float64(len(src)))
			os.RemoveAll(dir)
		}
	}
}

func write(path string, b []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
