// Command wasm is the playground's WebAssembly module (make playground
// builds it with GOOS=js GOARCH=wasm): it gives the page one function,
// greylintLint(config, applications), which returns playground.Lint's
// output as JSON. It holds no logic of its own.
package main

func main() { serve() }
