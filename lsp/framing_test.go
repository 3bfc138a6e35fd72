package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

func writeFrame(t *testing.T, w io.Writer, body string) {
	t.Helper()
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		t.Fatal(err)
	}
}

func readFrame(t *testing.T, r *bufio.Reader) map[string]json.RawMessage {
	t.Helper()
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading a header: %v", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			n, _ = strconv.Atoi(v)
		}
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return m
}

// A malformed message is answered (-32700 for what is not JSON, -32600 for
// what is not a JSON-RPC 2.0 message, with the request's id when usable),
// a $/cancelRequest with a bad id is ignored, and the server goes on
// reading: a valid request afterwards is answered. It used to end the
// server silently, exit code 0.
func TestMalformedMessagesAreAnswered(t *testing.T) {
	client, server := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), server, Options{}) }()
	r := bufio.NewReader(client)
	cases := []struct {
		body string
		code int
		id   string
	}{
		{"hello", -32700, "null"},
		{"42", -32600, "null"},
		{"null", -32600, "null"},
		{"{}", -32600, "null"},
		{`[{"jsonrpc":"2.0","id":1,"method":"initialize"}]`, -32600, "null"},
		{`{"jsonrpc":"1.0","id":7,"method":"initialize"}`, -32600, "7"},
		{`{"jsonrpc":"2.0","id":{"a":1},"method":"initialize"}`, -32600, "null"},
	}
	for _, c := range cases {
		writeFrame(t, client, c.body)
		m := readFrame(t, r)
		var e struct{ Code int }
		json.Unmarshal(m["error"], &e)
		if e.Code != c.code || string(m["id"]) != c.id {
			t.Errorf("%s: answered id %s error %s, want id %s code %d", c.body, m["id"], m["error"], c.id, c.code)
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the server ended: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	// Ignored: no answer is due to a notification.
	for _, p := range []string{`{}`, `{"id":null}`, `{"id":1.5}`, `{"id":{"x":1}}`} {
		writeFrame(t, client, `{"jsonrpc":"2.0","method":"$/cancelRequest","params":`+p+`}`)
	}
	writeFrame(t, client, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	m := readFrame(t, r)
	if string(m["id"]) != "1" || m["result"] == nil {
		t.Fatalf("initialize after malformed messages: %v", m)
	}
	client.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop when its input closed")
	}
}

// A frame that cannot be read ends the server with an error that says why
// (the process exits non-zero), never silently.
func TestBrokenFramingIsAnError(t *testing.T) {
	for _, header := range []string{"Content-Length: abc", "Content-Length: -5", "Content-Length: 99999999999", "Content-Type: x"} {
		client, server := net.Pipe()
		done := make(chan error, 1)
		go func() { done <- Serve(context.Background(), server, Options{}) }()
		go fmt.Fprintf(client, "%s\r\n\r\n{}", header)
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "cannot read the client's messages") {
				t.Errorf("%s: Serve returned %v", header, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the server did not stop", header)
		}
		client.Close()
	}
}

// The order LSP prescribes: a request before initialize is refused with
// -32002, a second initialize and a request after shutdown with -32600, an
// unknown method with -32601; exit ends the server.
func TestLifecycleIsEnforced(t *testing.T) {
	client, server := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), server, Options{}) }()
	r := bufio.NewReader(client)
	code := func(body string) (int, string) {
		t.Helper()
		writeFrame(t, client, body)
		m := readFrame(t, r)
		var e struct{ Code int }
		json.Unmarshal(m["error"], &e)
		return e.Code, string(m["id"])
	}
	hover := `{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.yaml"},"position":{"line":0,"character":0}}}`
	if c, id := code(fmt.Sprintf(hover, 1)); c != -32002 || id != "1" {
		t.Errorf("hover before initialize: code %d id %s, want -32002", c, id)
	}
	if c, _ := code(`{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}`); c != 0 {
		t.Fatalf("initialize: code %d", c)
	}
	writeFrame(t, client, `{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	if c, _ := code(`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"capabilities":{}}}`); c != -32600 {
		t.Errorf("a second initialize: code %d, want -32600", c)
	}
	for _, params := range []string{``, `,"params":{}`} {
		if c, _ := code(`{"jsonrpc":"2.0","id":4,"method":"greylint/noSuchMethod"` + params + `}`); c != -32601 {
			t.Errorf("an unknown method (params %q): code %d, want -32601", params, c)
		}
	}
	if c, _ := code(`{"jsonrpc":"2.0","id":5,"method":"shutdown"}`); c != 0 {
		t.Errorf("shutdown: code %d", c)
	}
	if c, _ := code(fmt.Sprintf(hover, 6)); c != -32600 {
		t.Errorf("hover after shutdown: code %d, want -32600", c)
	}
	writeFrame(t, client, `{"jsonrpc":"2.0","method":"exit"}`)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// URIs are echoed exactly as the client sent them: percent-escapes, case
// and all (a client matches diagnostics to documents by the string), also
// when the client's JSON encoder escapes "/" or non-ASCII characters in the
// string (\/, \u00e9): the spelling is the string's value.
func TestURIsAreEchoedExactly(t *testing.T) {
	client, server := net.Pipe()
	go Serve(context.Background(), server, Options{})
	r := bufio.NewReader(client)
	writeFrame(t, client, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	readFrame(t, r)
	writeFrame(t, client, `{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	opened := map[string]bool{}
	for _, u := range []string{
		"file:///work/repo/.greyhound/%2e%2e.yaml",
		"file:///work/repo/.greyhound/con%66ig.yaml",
		"file:///C%3A/repo/.greyhound/config.yaml",
		"file:///work/re%20po/.greyhound/Config.YAML",
		"file:///work/repo/.greyhound/café.yaml",
		"file:///work/repo/.greyhound/%2e%2e/.greyhound/x.yaml",
	} {
		for _, spelt := range []string{jsonEscaped(u), fmt.Sprintf("%q", u)} {
			opened[u] = true
			open := fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":%s,"languageId":"yaml","version":1,"text":"services: [{name: a, image_from_build: x}]\n"}}}`, spelt)
			writeFrame(t, client, open)
			client.SetReadDeadline(time.Now().Add(5 * time.Second)) // a missing publish fails, not hangs
			for n := 0; ; n++ {
				if n == 10 {
					t.Fatalf("no diagnostics published for %q", u)
				}
				m := readFrame(t, r)
				if string(m["method"]) != `"textDocument/publishDiagnostics"` {
					continue
				}
				var p struct{ URI string }
				json.Unmarshal(m["params"], &p)
				if !opened[p.URI] {
					t.Errorf("published for %q, which the client never sent (opened %q)", p.URI, u)
				}
				if p.URI == u {
					break // other open files of the checkout are published again first
				}
			}
		}
	}
}

// jsonEscaped writes s as a JSON string the way some encoders do: every
// "/" as \/ and every non-ASCII character as a \u escape.
func jsonEscaped(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '/':
			b.WriteString(`\/`)
		case r >= 0x80:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
