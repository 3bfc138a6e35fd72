package lsp

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/model"
	"github.com/greylint/greylint/schema"
)

// Completion offers, at the cursor: the keys the schema allows there (not
// those already present), enum and boolean values, the names a reference
// may take (builds at image_from_build, services with ports at a rule's
// service, ...), and interpolation variables after "${".
func (s *Server) Completion(ctx context.Context, params *protocol.CompletionParams) (protocol.CompletionResult, error) {
	sn := s.textSnapshot(params.TextDocument.URI)
	if sn == nil {
		return &protocol.CompletionList{Items: []protocol.CompletionItem{}}, nil
	}
	off := sn.offset(params.Position)
	c := cursorAt(sn.doc.Source, sn.doc.Lines, off)
	sn.recover(off)
	s.mu.Lock()
	snippets, replaceEdit := s.snippets, s.replaceEdit
	s.mu.Unlock()
	items := sn.complete(c)
	insert := lint.Range{Start: c.PrefixStart, End: off}
	replace := lint.Range{Start: c.PrefixStart, End: wordEnd(sn.doc.Source, off, c.Interpolation)}
	indent := lineIndent(sn.doc.Source, sn.doc.Lines, c.PrefixStart)
	for i := range items {
		text := completionText(items[i], indent, snippets)
		switch {
		case replaceEdit && insert != replace:
			items[i].TextEdit = &protocol.InsertReplaceEdit{NewText: text, Insert: sn.rng(insert), Replace: sn.rng(replace)}
		default:
			items[i].TextEdit = &protocol.TextEdit{Range: sn.rng(replace), NewText: text}
		}
		items[i].InsertText = protocol.Optional[string]{}
		items[i].InsertTextMode = protocol.InsertTextModeAsIs // completionText indents it
		items[i].InsertTextFormat = protocol.InsertTextFormatPlainText
		if snippets {
			items[i].InsertTextFormat = protocol.InsertTextFormatSnippet
		}
		if items[i].FilterText.IsZero() {
			items[i].FilterText = protocol.NewOptional(items[i].Label)
		}
	}
	return &protocol.CompletionList{Items: items}, nil
}

// wordEnd returns where the word at off ends: what completion replaces,
// the part after the cursor included (completing in the middle of a name
// must not leave its tail), and inside "${" the closing "}" (an editor
// that closes braces has written it already; the item writes its own).
func wordEnd(src []byte, off int, interpolation bool) int {
	end := off
	for end < len(src) && isWordByte(src[end]) {
		end++
	}
	if interpolation && end < len(src) && src[end] == '}' {
		end++
	}
	return end
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// lineIndent is the indentation of the line holding off, which every
// line after the first of an item's text gets (the items are written with
// relative indentation; clients that would adjust it are told not to).
func lineIndent(src []byte, lines *lint.Lines, off int) string {
	ls, le := lines.Bounds(lines.Line(off))
	i := ls
	// "- name": the item's keys are indented past the dash and its space.
	for i < le && (src[i] == ' ' || src[i] == '-') {
		i++
	}
	return strings.Repeat(" ", i-ls)
}

// completionText is the text an item writes: its snippet for a client
// that takes snippets, else the same text with the tab stops taken out
// (the first choice of a choice stays out too: the value is the user's),
// each line after the first indented as the cursor's line.
func completionText(item protocol.CompletionItem, indent string, snippets bool) string {
	text, _ := item.InsertText.Get()
	if text == "" {
		text = item.Label
	}
	if item.InsertTextFormat == protocol.InsertTextFormatSnippet && !snippets {
		text = plainSnippet(text)
	} else if item.InsertTextFormat != protocol.InsertTextFormatSnippet && snippets {
		text = escapeSnippet(text)
	}
	return strings.ReplaceAll(text, "\n", "\n"+indent)
}

// plainSnippet removes the snippet syntax of the snippets this file
// writes: $0, ${1|a,b|} (nothing: the user chooses), ${1:default} (the
// default).
func plainSnippet(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '$' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			body := s[i+2 : i+end]
			if _, def, ok := strings.Cut(body, ":"); ok && !strings.Contains(body, "|") {
				b.WriteString(def)
			}
			i += end
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// escapeSnippet makes plain text safe to send as a snippet.
func escapeSnippet(s string) string {
	return strings.NewReplacer(`\`, `\\`, `$`, `\$`, `}`, `\}`).Replace(s)
}

func (sn *snapshot) complete(c cursor) []protocol.CompletionItem {
	sch := schema.Get(sn.kind.String())
	switch {
	case c.Interpolation:
		return variableItems(c.Prefix)
	case c.InValue:
		return sn.valueItems(sch, append(append([]string(nil), c.Path...), c.Key), c)
	}
	if f, ok := sch.Field(c.Path); ok && f.Items != "" && f.Items != "object" {
		return nil // a list of scalars: nothing to suggest for a new entry
	}
	if sch.IsMap(c.Path) {
		return sn.mapKeyItems(c)
	}
	if len(c.Path) > 0 && c.Path[len(c.Path)-1] == "[]" {
		if f, ok := sch.Field(c.Path[:len(c.Path)-1]); ok && f.Items != "" && f.Items != "object" {
			// "- " under a list of scalars: a value of that list.
			return sn.valueItems(sch, c.Path, c)
		}
	}
	return keyItems(sch, c)
}

func keyItems(sch *schema.Schema, c cursor) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	taken := map[string]bool{} // fields whose alternative is set
	for _, group := range append(sch.Exclusive(c.Path), exclusiveFields...) {
		for _, a := range group {
			if _, set := c.Siblings[a]; set {
				for _, b := range group {
					taken[b] = true
				}
			}
		}
	}
	for _, f := range sch.Fields(c.Path) {
		if f.Forbidden || taken[f.Name] {
			continue
		}
		if _, present := c.Siblings[f.Name]; present {
			continue
		}
		item := protocol.CompletionItem{
			Label:            f.Name,
			Kind:             protocol.CompletionItemKindProperty,
			Detail:           protocol.NewOptional(typeText(f)),
			Documentation:    &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: fieldDoc(f)},
			InsertTextFormat: protocol.InsertTextFormatSnippet,
			InsertText:       protocol.NewOptional(keySnippet(f)),
			SortText:         protocol.NewOptional(sortKey(f)),
		}
		out = append(out, item)
	}
	return out
}

// exclusiveFields are alternatives a rule holds apart (env-value: an
// env entry has a value or a valueFrom), besides those the schema
// declares.
var exclusiveFields = [][]string{{"value", "valueFrom"}}

// sortKey lists the required-looking identity fields first.
func sortKey(f schema.Field) string {
	switch f.Name {
	case "name", "service":
		return "0" + f.Name
	}
	return "1" + f.Name
}

func keySnippet(f schema.Field) string {
	switch {
	case has(f.Types, "array") && f.Items == "object":
		return f.Name + ":\n  - $0"
	case has(f.Types, "array"):
		return f.Name + ":\n  - $0"
	case has(f.Types, "object"):
		return f.Name + ":\n  $0"
	case len(f.Enum) > 0:
		return f.Name + ": ${1|" + strings.Join(defaultFirst(f, f.Enum), ",") + "|}"
	case has(f.Types, "boolean"):
		return f.Name + ": ${1|" + strings.Join(defaultFirst(f, []string{"true", "false"}), ",") + "|}"
	}
	return f.Name + ": $0"
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func typeText(f schema.Field) string {
	if len(f.Types) == 0 {
		return ""
	}
	t := strings.Join(f.Types, " | ")
	if f.Items != "" {
		t += " of " + f.Items
	}
	return t
}

// fieldDoc is the Markdown shown for a field in completion and hover.
func fieldDoc(f schema.Field) string {
	var b strings.Builder
	if t := typeText(f); t != "" {
		fmt.Fprintf(&b, "`%s`: %s\n\n", f.Name, t)
	}
	if f.Forbidden {
		b.WriteString(f.Message + "\n\n")
	}
	b.WriteString(f.Description)
	if len(f.Enum) > 0 {
		b.WriteString("\n\nAllowed values:\n")
		for _, e := range f.Enum {
			if d := f.EnumDocs[e]; d != "" {
				fmt.Fprintf(&b, "- `%s`: %s\n", e, d)
			} else {
				fmt.Fprintf(&b, "- `%s`\n", e)
			}
		}
	}
	if f.Default != nil {
		fmt.Fprintf(&b, "\n\nDefault: `%v`", f.Default)
	}
	if f.Status != "" {
		fmt.Fprintf(&b, "\n\nDocumentation status: %s", statusText(f.Status))
	}
	return strings.TrimSpace(b.String())
}

func statusText(s string) string {
	switch s {
	case "stated":
		return "stated in the greyhound docs"
	case "example":
		return "seen only in a docs example"
	case "inferred":
		return "inferred (not in the greyhound docs)"
	}
	return s
}

// valueItems offers the values of the field at path.
func (sn *snapshot) valueItems(sch *schema.Schema, path []string, c cursor) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	if f, ok := sch.Field(path); ok {
		for _, e := range f.Enum {
			out = append(out, protocol.CompletionItem{Label: e, Kind: protocol.CompletionItemKindEnumMember, Documentation: markdown(f.EnumDocs[e])})
		}
		if has(f.Types, "boolean") {
			for _, b := range []string{"true", "false"} {
				out = append(out, protocol.CompletionItem{Label: b, Kind: protocol.CompletionItemKindKeyword})
			}
		}
	}
	return append(out, sn.references(path, c)...)
}

func markdown(s string) protocol.InlayHintTooltip {
	if s == "" {
		return nil
	}
	return &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: s}
}

// references offers the defined names a reference field may take, from the
// last parse that succeeded.
func (sn *snapshot) references(path []string, c cursor) []protocol.CompletionItem {
	syms := sn.model(sn.good).Symbols
	names := func(kind model.Kind, keep func(*model.Symbol) bool) []protocol.CompletionItem {
		var out []protocol.CompletionItem
		for _, s := range syms {
			if s.Kind == kind && (keep == nil || keep(s)) {
				out = append(out, protocol.CompletionItem{
					Label:         s.Name,
					Kind:          protocol.CompletionItemKindReference,
					Detail:        protocol.NewOptional(kind.String()),
					Documentation: markdown(summary(sn.good, s)),
				})
			}
		}
		return out
	}
	key := path[len(path)-1]
	parent := ""
	if len(path) >= 2 {
		parent = path[len(path)-2]
	}
	switch {
	case key == "image_from_build":
		return names(model.BuildKind, nil)
	case key == "service" && len(path) == 3 && path[0] == "rules":
		return names(model.ServiceKind, func(s *model.Symbol) bool { return len(lint.Items(s.Workload.Ports.Value)) > 0 })
	case key == "claim":
		return names(model.SharedVolumeKind, nil)
	case key == "name" && (parent == "configMapRef" || parent == "configMapKeyRef"):
		return names(model.ConfigMapKind, nil)
	case key == "source" && len(path) == 3 && path[0] == "shared_volumes":
		return names(model.ConfigMapKind, nil)
	case key == "key" && parent == "configMapKeyRef":
		return configmapKeys(syms, c.Siblings["name"])
	case key == "name" && parent == "[]" && len(path) >= 3 && path[len(path)-3] == "from_applications":
		return names(model.ApplicationKind, nil)
	case key == "config_source" && len(path) == 3 && path[0] == "applications":
		return sn.configSourceItems(c.Siblings["repository"])
	}
	if app, ok := removedApp(path); ok {
		return sn.removableItems(app, c)
	}
	return nil
}

// configSourceItems offers the config files of the application's
// repository's .greyhound/ directory, when greylint can see it.
func (sn *snapshot) configSourceItems(repo string) []protocol.CompletionItem {
	w := sn.s.workspaceOf(sn.d)
	if w == nil {
		return nil
	}
	if repo == "" {
		repo = w.Self
	}
	var out []protocol.CompletionItem
	for _, name := range w.ConfigNames(repo) {
		out = append(out, protocol.CompletionItem{Label: name, Kind: protocol.CompletionItemKindFile, Detail: protocol.NewOptional("config of " + repo)})
	}
	return out
}

// removedApp returns the application key of a removed_services entry
// when path is at its services (a value, or an item of the list).
func removedApp(path []string) (string, bool) {
	for i := 0; i+2 < len(path); i++ {
		if path[i] == "removed_services" && path[i+2] == "services" {
			return path[i+1], true
		}
	}
	return "", false
}

// removableItems offers the services and jobs of the application that an
// environment imports as app, read from its config in a visible checkout.
func (sn *snapshot) removableItems(app string, c cursor) []protocol.CompletionItem {
	w := sn.s.workspaceOf(sn.d)
	if w == nil {
		return nil
	}
	env := ""
	if len(c.Items) > 0 {
		env = c.Items[0]["name"]
	}
	name := ""
	for _, e := range sn.model(sn.good).Environments {
		if env == "" || e.NameString() == env {
			if n := e.Imported()[app]; n != "" {
				name = n
				break
			}
		}
	}
	var out []protocol.CompletionItem
	for _, a := range w.Apps() {
		if a.Name != name || a.File != sn.path || a.Config == "" {
			continue
		}
		_, m := w.Model(a.Config)
		if m == nil {
			continue
		}
		for _, sym := range m.Symbols {
			if sym.Kind == model.ServiceKind || sym.Kind == model.JobKind {
				out = append(out, protocol.CompletionItem{Label: sym.Name, Kind: protocol.CompletionItemKindReference, Detail: protocol.NewOptional(sym.Kind.String() + " of " + name)})
			}
		}
		break
	}
	return out
}

func configmapKeys(syms []*model.Symbol, name string) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	for _, s := range syms {
		if s.ConfigMap == nil || s.Name != name {
			continue
		}
		data := s.ConfigMap.Data.Resolved()
		if data == nil {
			continue
		}
		for i := 0; i+1 < len(data.Content); i += 2 {
			v := data.Content[i+1].Value
			out = append(out, protocol.CompletionItem{
				Label: data.Content[i].Value, Kind: protocol.CompletionItemKindValue,
				Detail: protocol.NewOptional(fmt.Sprintf("configmap %s", name)), Documentation: markdown("`" + v + "`"),
			})
		}
	}
	return out
}

// mapKeyItems offers the keys of a user-keyed mapping: the applications an
// environment imports, at removed_services.
func (sn *snapshot) mapKeyItems(c cursor) []protocol.CompletionItem {
	if len(c.Path) < 3 || c.Path[len(c.Path)-1] != "removed_services" || len(c.Items) == 0 {
		return nil
	}
	env := c.Items[len(c.Items)-1]["name"]
	var out []protocol.CompletionItem
	seen := map[string]bool{}
	for _, e := range sn.model(sn.good).Environments {
		if e.NameString() != env {
			continue
		}
		for _, im := range e.Imports {
			id := im.Alias.String()
			if id == "" {
				id = im.Name.String()
			}
			if id != "" && !seen[id] {
				if _, present := c.Siblings[id]; present {
					continue
				}
				seen[id] = true
				out = append(out, protocol.CompletionItem{
					Label: id, Kind: protocol.CompletionItemKindReference, Detail: protocol.NewOptional("imported application"),
					InsertTextFormat: protocol.InsertTextFormatSnippet,
					InsertText:       protocol.NewOptional(id + ":\n  services:\n    - $0"),
				})
			}
		}
	}
	return out
}

// notOffered are the variables a rule reports wherever they are used
// (nullable-variable, prefer-writer-endpoint): completion would write a
// finding.
var notOffered = map[string]bool{"commit.branch": true, "commit.tag": true, "host": true}

// variableItems offers the greyhound variables after "${".
func variableItems(prefix string) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	for _, v := range model.Variables {
		if notOffered[v.Name] {
			continue
		}
		out = append(out, protocol.CompletionItem{
			Label: v.Name, Kind: protocol.CompletionItemKindVariable,
			Documentation: markdown(v.Doc), InsertText: protocol.NewOptional(v.Name + "}"),
		})
	}
	for _, a := range model.DatabaseAttributes {
		if notOffered[a.Name] {
			continue
		}
		label := "database.0." + a.Name
		out = append(out, protocol.CompletionItem{
			Label: label, Kind: protocol.CompletionItemKindVariable,
			Detail:           protocol.NewOptional("pool name or 0-based index"),
			Documentation:    markdown(a.Doc + ". Replace `0` with the Aurora pool's name when the cluster came from a pool."),
			InsertTextFormat: protocol.InsertTextFormatSnippet,
			InsertText:       protocol.NewOptional("database.${1:0}." + a.Name + "}"),
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return strings.HasPrefix(out[i].Label, prefix) && !strings.HasPrefix(out[j].Label, prefix)
	})
	return out
}

// defaultFirst puts the field's default first among its choices: the one
// a client picks when the user accepts the snippet as it is.
func defaultFirst(f schema.Field, choices []string) []string {
	d := fmt.Sprint(f.Default)
	out := []string{}
	for _, c := range choices {
		if c == d {
			out = append([]string{c}, out...)
		} else {
			out = append(out, c)
		}
	}
	return out
}
