package lsp

import (
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/workspace"
)

// Navigation across the files of a checkout: from config_source to the
// config, from a removed_services entry to the service in the imported
// application's config, and from a service to the removed_services
// entries that name it.

// inRange reports whether off is within n's text (its end included).
func inRange(doc *lint.Document, n *yaml.Node, off int) bool {
	r := doc.Range(n)
	return n != nil && r.Start <= off && off <= r.End
}

// configTarget returns where an application's config is, when the cursor
// is on its config_source and greylint can see its repository.
func (sn *snapshot) configTarget(w *workspace.Workspace, off int) (string, bool) {
	for _, a := range sn.model(sn.doc).Applications {
		if a.ConfigSource.Value == nil || !inRange(sn.doc, a.ConfigSource.Value, off) {
			continue
		}
		p, ok := w.Path(a.Repository.String(), a.ConfigSource.String())
		if !ok {
			return "", false
		}
		if f, visible := w.Open(a.Repository.String(), a.ConfigSource.String()); !visible || f == nil {
			return "", false
		}
		return p, true
	}
	return "", false
}

// removedTarget returns the definition of the service a removed_services
// entry under the cursor names, in the imported application's config.
func (sn *snapshot) removedTarget(w *workspace.Workspace, off int) (*protocol.Location, bool) {
	m := sn.model(sn.doc)
	for _, env := range m.Environments {
		imported := env.Imported()
		for _, rm := range env.Removals() {
			for _, n := range rm.Names {
				if !inRange(sn.doc, n, off) {
					continue
				}
				for _, a := range w.Apps() {
					if a.Name != imported[rm.App.Value] || a.File != sn.path || a.Config == "" {
						continue
					}
					f, m := w.Model(a.Config)
					if m == nil {
						return nil, false
					}
					for _, sym := range m.Symbols {
						if (sym.Kind == model.ServiceKind || sym.Kind == model.JobKind) && sym.Name == n.Value {
							return &protocol.Location{URI: uri.File(a.Config), Range: sn.s.lspRange(f.Doc.Lines, nameRange(f.Doc, sym.Def))}, true
						}
					}
				}
				return nil, false
			}
		}
	}
	return nil, false
}

// removedUses returns the removed_services entries of the checkout's
// applications files that name service (or job) name of the config at
// path: the uses of a service in other files.
func (s *Server) removedUses(w *workspace.Workspace, path, name string) []protocol.Location {
	var out []protocol.Location
	for _, a := range w.Apps() {
		if a.Config != path {
			continue
		}
		f, m := w.Model(a.File)
		if m == nil {
			continue
		}
		for _, env := range m.Environments {
			imported := env.Imported()
			for _, rm := range env.Removals() {
				if imported[rm.App.Value] != a.Name {
					continue
				}
				for _, n := range rm.Names {
					if n.Value == name {
						out = append(out, protocol.Location{URI: uri.File(a.File), Range: s.lspRange(f.Doc.Lines, nameRange(f.Doc, n))})
					}
				}
			}
		}
	}
	return out
}
