// Command measure prints, for every hostile shape (and every bounded one)
// at its two sizes, the time and the peak memory (maximum resident set
// size) of greylint on it: the figures the shapes' test does not assert
// (make bench-hostile).
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
		if err := hostile.Build(*bin); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("%-24s %9s %10s %8s %8s %9s\n", "shape", "size", "input", "time", "peak", "peak/in")
	type project struct {
		name  string
		n     int
		write func(dir string, n int) (int, error)
	}
	var all []project
	for _, s := range hostile.Shapes {
		all = append(all, project{s.Name, s.N, s.WriteProject})
	}
	for _, s := range hostile.BoundedShapes {
		all = append(all, project{s.Name, s.N, s.WriteProject})
	}
	for _, s := range all {
		for _, n := range []int{*scale * s.n, 2 * *scale * s.n} {
			dir := filepath.Join(tmp, fmt.Sprintf("%s-%d", s.name, n))
			size, err := s.write(dir, n)
			if err != nil {
				log.Fatal(err)
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
			fmt.Printf("%-24s %9d %9.2fM %7.2fs %7.0fM %8.1fx\n", s.name, n, float64(size)/(1<<20), elapsed.Seconds(), float64(rss)/(1<<20), float64(rss)/float64(size))
			os.RemoveAll(dir)
		}
	}
}
