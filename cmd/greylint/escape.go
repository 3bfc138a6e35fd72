package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/greylint/greylint/lint"
)

// The CLI's side of the escaping layer (lint/escape.go): every printer
// shows a value from the input through one of these, each for what its
// format can carry.
//
//	text, diff, stderr   shownPath / lint.Message: escapes, bounded, never a line that starts a workflow command
//	json, sarif          exact values, JSON-escaped, with every control and bidi character as \u escape (jsonSafe); messages lint.Message
//	sarif URIs           percent-encoded per path segment (sarifURI)
//	github               workflow-command escapes (ghData, ghProperty) over lint.Message
//	checkstyle, junit    XML cannot hold control characters: shownPath and lint.Message
//
// TestEveryFormatEscapes runs every format of `formats` over generated
// hostile paths and messages.

// visible is lint.Visible: text from the input, safe to print.
func visible(s string) string { return lint.Visible(s) }

// shownPath is a path as a line of text output starts with it: visible,
// and never the start of a GitHub workflow command (a directory named
// "::error ..." would otherwise make the line one in a GitHub Actions
// log): such a path is written ./::error ....
func shownPath(p string) string {
	v := visible(p)
	if startsCommand(v) {
		return "./" + v
	}
	return v
}

// startsCommand reports whether a log line starting with s would be read
// by GitHub Actions as a workflow command (::name ...::, or the older
// ##[name ...]).
func startsCommand(s string) bool {
	t := strings.TrimLeft(s, " \t")
	return strings.HasPrefix(t, "::") || strings.HasPrefix(t, "##[")
}

// sayf writes one "greylint: ..." line on standard error: the whole line
// bounded and visible (errors quote paths and values from the input).
func sayf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "greylint: %s\n", lint.Message(fmt.Sprintf(format, args...)))
}

// jsonSafe rewrites, in JSON text, every character lint.Visible would
// escape as a \u escape: encoding/json leaves DEL, C1 controls and
// bidirectional controls raw, which a terminal showing the JSON acts on.
// The values decode to the same strings. Outside strings JSON is ASCII,
// so only characters inside strings change.
func jsonSafe(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if lint.NeedsEscape(r) && r != '\n' && !(r == utf8.RuneError && size == 1) {
			break
		}
		i += size
	}
	if i == len(b) {
		return b
	}
	out := bytes.NewBuffer(make([]byte, 0, len(b)+64))
	out.Write(b[:i])
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '\n' || !lint.NeedsEscape(r):
			out.Write(b[i : i+size])
		case r == utf8.RuneError && size == 1:
			out.WriteString(`\ufffd`) // never written by encoding/json; kept valid anyway
		default:
			fmt.Fprintf(out, `\u%04x`, r)
		}
		i += size
	}
	return out.Bytes()
}

// sarifURI is a result's path as an RFC 3986 URI reference: relative
// paths segment by segment percent-encoded (a ':' too, so that a first
// segment is never read as a scheme), absolute ones as file: URIs.
func sarifURI(path string) string {
	p := filepath.ToSlash(displayPath(path))
	if filepath.IsAbs(displayPath(path)) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a drive letter: file:///C:/...
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// writeDiff prints a unified diff from a to b (an anchored diff, which
// takes O(n log n) time and linear memory whatever the number of
// changes). The header's paths are shown visible; so are the lines, which
// keep a CRLF line end (so that the patch of a CRLF file still applies)
// but show any other control character escaped: a carriage return alone
// ends a line for the GitHub Actions runner, and a line after it could be
// a workflow command.
func writeDiff(w io.Writer, path string, a, b []byte) {
	p := visible(filepath.ToSlash(path))
	out := diff.Diff("a/"+p, a, "b/"+p, b)
	var buf bytes.Buffer
	for len(out) > 0 {
		line, rest, _ := bytes.Cut(out, []byte("\n"))
		out = rest
		crlf := bytes.HasSuffix(line, []byte("\r"))
		if crlf {
			line = line[:len(line)-1]
		}
		buf.WriteString(visible(string(line)))
		if crlf {
			buf.WriteByte('\r')
		}
		buf.WriteByte('\n')
	}
	w.Write(buf.Bytes())
}
