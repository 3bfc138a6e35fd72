// Command yamlparse parses every .yaml file under a directory with yaml.v3
// into a yaml.Node, on all cores, and nothing else: the floor of what a
// YAML linter can cost, for the CLI benchmark (make bench-cli).
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: yamlparse DIR")
	}
	var files []string
	filepath.WalkDir(os.Args[1], func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			files = append(files, p)
		}
		return nil
	})
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				b, err := os.ReadFile(p)
				if err != nil {
					log.Fatal(err)
				}
				var n yaml.Node
				if err := yaml.Unmarshal(b, &n); err != nil {
					log.Fatalf("%s: %v", p, err)
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	fmt.Fprintf(os.Stderr, "yamlparse: %d files\n", len(files))
}
