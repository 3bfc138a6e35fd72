package lsp

import (
	"encoding/json"
	"regexp"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"
)

// URIs go back to the client spelt as it sent them. go.lsp.dev/protocol
// parses every URI it decodes into vscode-uri's canonical form
// (file:///a/%2e%2e.yaml becomes file:///a/...yaml, a drive letter is
// lower-cased), and a client matches published diagnostics and locations to
// its documents by the string. The framing layer learns, from each incoming
// message, the URIs whose canonical form differs from what was sent, and
// writes them back that way.

// maxSpellings bounds what is remembered: a client sending endless distinct
// odd URIs does not grow the server without limit (past it, new ones go
// out canonical).
const maxSpellings = 100_000

type uriSpellings struct {
	mu sync.Mutex
	m  map[string]string // canonical -> as the client wrote it
}

// uriField finds the "uri" members of a message, with any JSON escapes in
// the string (a client's encoder may write "\/" or "\u00e9"), which learn
// decodes: the spelling is the string's value, not its JSON text.
var uriField = regexp.MustCompile(`"uri"\s*:\s*("(?:[^"\\]|\\.)*")`)

func (u *uriSpellings) learn(body []byte) {
	for _, m := range uriField.FindAllSubmatch(body, -1) {
		var raw string
		if json.Unmarshal(m[1], &raw) != nil {
			continue
		}
		c, err := uri.Parse(raw)
		if err != nil || string(c) == raw {
			continue
		}
		u.mu.Lock()
		if u.m == nil {
			u.m = map[string]string{}
		}
		if len(u.m) < maxSpellings {
			u.m[string(c)] = raw
		}
		u.mu.Unlock()
	}
}

// uriString finds JSON strings that look like URIs (a scheme, then ':').
var uriString = regexp.MustCompile(`"[a-zA-Z][a-zA-Z0-9+.-]*:[^"\\]*"`)

// respell writes the URIs of an outgoing message as the client spelt
// them. With nothing learnt (the common case) the message goes out as it
// is; otherwise it is encoded, rewritten and decoded again.
func (u *uriSpellings) respell(msg jsonrpc2.Message) jsonrpc2.Message {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.m) == 0 {
		return msg
	}
	data, err := jsonrpc2.EncodeMessage(msg)
	if err != nil {
		return msg
	}
	changed := false
	out := uriString.ReplaceAllFunc(data, func(q []byte) []byte {
		if raw, ok := u.m[string(q[1:len(q)-1])]; ok {
			changed = true
			b, _ := json.Marshal(raw) // the spelling, as a JSON string
			return b
		}
		return q
	})
	if !changed {
		return msg
	}
	m, err := jsonrpc2.DecodeMessage(out)
	if err != nil {
		return msg
	}
	return m
}
