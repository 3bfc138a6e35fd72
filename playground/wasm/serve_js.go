//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/greylint/greylint/playground"
)

// serve registers greylintLint on the page and waits for calls: the
// module stays alive as long as the page.
func serve() {
	js.Global().Set("greylintLint", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 2 {
			return `{"error":"greylintLint(config, applications)"}`
		}
		out, err := json.Marshal(playground.Lint(args[0].String(), args[1].String()))
		if err != nil {
			return `{"error":"internal"}`
		}
		return string(out)
	}))
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("greylint-ready"))
	select {}
}
