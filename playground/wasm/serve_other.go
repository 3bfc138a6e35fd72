//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"

	"github.com/greylint/greylint/playground"
)

// serve says how to build the module: natively it has nothing to serve.
func serve() {
	fmt.Fprintf(os.Stderr, "the playground's module lints %s and %s in a browser: make playground builds it with GOOS=js GOARCH=wasm\n",
		playground.ConfigPath, playground.ApplicationsPath)
	os.Exit(2)
}
