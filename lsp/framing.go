package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// The server's own framing layer. go.lsp.dev/jsonrpc2 ended the server,
// silently and with exit code 0, on any malformed message (a bad
// Content-Length, a body that is not JSON, 42, null, {}, a batch, an object
// id, jsonrpc "1.0"), and a $/cancelRequest with a bad id did the same. This
// stream reads the frames itself and checks each message before the
// connection sees it:
//
//   - a body that is not JSON gets a -32700 (parse error) response, and a
//     message that is not a JSON-RPC 2.0 request or response a -32600
//     (invalid request) response, with the request's id when it has a
//     usable one; reading goes on, since the framing is intact;
//   - a $/cancelRequest whose id is not a string or an integer is ignored;
//   - a frame that cannot be read (a missing, negative, huge or non-numeric
//     Content-Length, a body cut short) ends the stream with an error,
//     which Serve returns: the process says why and exits non-zero.
//
// Writes go through the library's header framing, on a writer shared with
// the error responses written here, so that frames never interleave.

// maxFrame bounds one message's body: a Content-Length larger than this is
// a framing error, not an allocation.
const maxFrame = 64 << 20

type stream struct {
	r      *bufio.Reader
	w      *lockedWriter
	out    jsonrpc2.Stream
	closer io.Closer

	mu     sync.Mutex
	fatal  error // the framing error that ended the stream
	closed bool  // closed by the server (after exit): later read errors are ours
	uris   uriSpellings
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

type readWriteCloser struct {
	io.Reader
	io.Writer
	io.Closer
}

func newStream(rw io.ReadWriteCloser) *stream {
	lw := &lockedWriter{w: rw}
	return &stream{r: bufio.NewReader(rw), w: lw, out: jsonrpc2.NewHeaderStream(readWriteCloser{rw, lw, rw}), closer: rw}
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	return s.out.Write(ctx, s.uris.respell(msg))
}

func (s *stream) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return s.closer.Close()
}

// err is the framing error that ended the stream, or nil.
func (s *stream) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fatal
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		body, err := s.frame()
		if err != nil {
			s.mu.Lock()
			if s.closed {
				err = io.EOF // the server closed its input itself
			} else if !errors.Is(err, io.EOF) {
				s.fatal = err
			}
			s.mu.Unlock()
			return nil, 0, err
		}
		s.uris.learn(body)
		msg, rej := check(body)
		switch {
		case rej != nil:
			if err := s.reply(rej); err != nil {
				return nil, 0, err
			}
		case msg != nil:
			return msg, int64(len(body)), nil
		}
		// A rejected or ignored message: read the next one.
	}
}

// frame reads one message body. A clean end of input between frames is
// io.EOF; anything else that goes wrong is a framing error.
func (s *stream) frame() ([]byte, error) {
	length := -1
	for first := true; ; first = false {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if first && line == "" && errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("the input ended inside a message header")
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", truncate(line))
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 || n > maxFrame {
				return nil, fmt.Errorf("bad Content-Length %q (a number of bytes up to %d)", truncate(strings.TrimSpace(value)), maxFrame)
			}
			length = int(n)
		}
	}
	if length < 0 {
		return nil, errors.New("a message without a Content-Length header")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, fmt.Errorf("the input ended inside a message body (%d bytes announced)", length)
	}
	return body, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// rejection is an error response to a message the connection never sees.
type rejection struct {
	id      json.RawMessage // the request's id, or null
	code    jsonrpc2.Code
	message string
}

// check classifies one body: a message for the connection, a rejection to
// answer, or (both nil) a message to ignore.
func check(body []byte) (jsonrpc2.Message, *rejection) {
	null := json.RawMessage("null")
	if !json.Valid(body) {
		return nil, &rejection{null, jsonrpc2.ParseError, "the message is not valid JSON"}
	}
	if t := bytes.TrimSpace(body); len(t) == 0 || t[0] != '{' {
		return nil, &rejection{null, jsonrpc2.InvalidRequest, "a message is a JSON object (batches are not supported)"}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &rejection{null, jsonrpc2.ParseError, "the message is not valid JSON"}
	}
	id, hasID := m["id"]
	if hasID && !validID(id) && string(id) != "null" {
		return nil, &rejection{null, jsonrpc2.InvalidRequest, "an id is a string or an integer"}
	}
	if !hasID {
		id = null
	}
	if string(m["jsonrpc"]) != `"2.0"` {
		return nil, &rejection{id, jsonrpc2.InvalidRequest, `the message must say "jsonrpc": "2.0"`}
	}
	method, hasMethod := m["method"]
	var name string
	if hasMethod && json.Unmarshal(method, &name) != nil {
		return nil, &rejection{id, jsonrpc2.InvalidRequest, "method is a string"}
	}
	if !hasMethod {
		if _, ok := m["result"]; !ok {
			if _, ok := m["error"]; !ok {
				return nil, &rejection{id, jsonrpc2.InvalidRequest, "a message has a method (request) or a result or error (response)"}
			}
		}
	}
	if name == "$/cancelRequest" {
		var p struct{ ID json.RawMessage }
		if json.Unmarshal(m["params"], &p) != nil || !validID(p.ID) {
			return nil, nil // a notification: nothing to answer; ignored
		}
	}
	msg, err := jsonrpc2.DecodeMessage(body)
	if err != nil {
		code := jsonrpc2.InvalidRequest
		if errors.Is(err, jsonrpc2.ErrParse) {
			code = jsonrpc2.ParseError
		}
		if !hasMethod || !hasID {
			return nil, nil // a response or notification the library cannot take: nobody awaits an answer
		}
		return nil, &rejection{id, code, err.Error()}
	}
	return msg, nil
}

// validID reports whether raw is a JSON string or an integer (not null,
// which decodes into both without an error).
func validID(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	switch {
	case len(t) == 0:
		return false
	case t[0] == '"':
		var s string
		return json.Unmarshal(t, &s) == nil
	case t[0] == '-' || t[0] >= '0' && t[0] <= '9':
		var n int64
		return json.Unmarshal(t, &n) == nil && !bytes.ContainsAny(t, ".eE")
	}
	return false
}

// reply writes an error response as one frame.
func (s *stream) reply(r *rejection) error {
	body, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   struct {
			Code    int64  `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}{JSONRPC: "2.0", ID: r.id, Error: struct {
		Code    int64  `json:"code"`
		Message string `json:"message"`
	}{int64(r.code), r.message}})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}
