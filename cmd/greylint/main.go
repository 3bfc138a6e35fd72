// Command greylint lints greyhound configuration files and serves them to
// editors over LSP. See run.go.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
