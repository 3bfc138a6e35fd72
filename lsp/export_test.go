package lsp

import "go.lsp.dev/uri"

// serverText reads the server's copy of a document.
func (e *editor) serverText(u uri.URI) string {
	e.srv.mu.Lock()
	defer e.srv.mu.Unlock()
	if d := e.srv.docs[u]; d != nil {
		return string(d.text)
	}
	return ""
}
