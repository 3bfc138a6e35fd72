package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// A lint run is short and its heap small: collecting at twice the
	// default growth saves about a sixth of the CPU (make bench-cli: 1,254
	// -> 1,042 ms for 1,000 files) for at most twice the peak heap. GOGC in
	// the environment still wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
