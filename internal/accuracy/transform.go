package accuracy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A Transform rewrites a file without changing what it means to
// greyhound: the findings (rule, severity, YAML path) must stay the same.
// It returns false when it does not apply to the file.
type Transform struct {
	Name  string
	Apply func(src []byte) ([]byte, bool)
}

// Transforms are the meaning-preserving rewrites.
var Transforms = []Transform{
	{"indent-4", reencode(4, nil)},
	{"indent-2", reencode(2, nil)},
	{"flow", reencode(2, func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			n.Style = yaml.FlowStyle
		}
		// yaml.v3's encoder writes a comment inside a flow collection
		// where it breaks the collection; comments mean nothing here.
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	})},
	{"block", reencode(2, func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			n.Style = 0
		}
	})},
	{"double-quoted", quoteAll(yaml.DoubleQuotedStyle)},
	{"single-quoted", quoteAll(yaml.SingleQuotedStyle)},
	{"plain", quoteAll(0)},
	{"literal", quoteAll(yaml.LiteralStyle)},
	{"reorder-keys", reorder(func(n *yaml.Node) {
		if n.Kind != yaml.MappingNode {
			return
		}
		// reverse the pairs
		c := n.Content
		for i, j := 0, len(c)-2; i < j; i, j = i+2, j-2 {
			c[i], c[j] = c[j], c[i]
			c[i+1], c[j+1] = c[j+1], c[i+1]
		}
	})},
	{"merge", reencode(2, mergeSplit())},
	{"crlf", func(src []byte) ([]byte, bool) {
		return bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")), true
	}},
	{"bom", func(src []byte) ([]byte, bool) { return append([]byte("\xEF\xBB\xBF"), src...), true }},
	{"comments", comments},
	{"json", toJSON},
}

// parse decodes src into a node tree, or false when it is not one YAML
// document, or holds what a rewrite would change the meaning of: an
// ignore directive (a comment that must stay above its line), a duplicate
// key (the last wins; reordering would change which), a tag.
func parse(src []byte) (*yaml.Node, bool) {
	if bytes.Contains(src, []byte("greylint-ignore")) {
		return nil, false
	}
	var doc, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	if dec.Decode(&next) == nil {
		return nil, false // a second document: the rewrites keep only the first
	}
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Kind != yaml.ScalarNode {
					ok = false // a complex key: JSON has none
				}
				if k := n.Content[i].Value; seen[k] {
					ok = false
				} else {
					seen[k] = true
				}
			}
		}
		if n.Style&yaml.TaggedStyle != 0 {
			ok = false
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return &doc, ok
}

func encode(doc *yaml.Node, indent int) ([]byte, bool) {
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(indent)
	if err := e.Encode(doc); err != nil {
		return nil, false
	}
	e.Close()
	return b.Bytes(), true
}

// reorder applies f only to files without aliases: reversing keys could
// move an alias above its anchor, which YAML does not allow.
func reorder(f func(*yaml.Node)) func([]byte) ([]byte, bool) {
	re := reencode(2, f)
	return func(src []byte) ([]byte, bool) {
		if bytes.Contains(src, []byte("*")) && bytes.Contains(src, []byte("&")) {
			return nil, false
		}
		return re(src)
	}
}

func reencode(indent int, f func(*yaml.Node)) func([]byte) ([]byte, bool) {
	return func(src []byte) ([]byte, bool) {
		doc, ok := parse(src)
		if !ok {
			return nil, false
		}
		if f != nil {
			var walk func(n *yaml.Node)
			walk = func(n *yaml.Node) {
				if n.Kind == yaml.AliasNode {
					return
				}
				f(n)
				for _, c := range n.Content {
					walk(c)
				}
			}
			walk(doc)
		}
		return encode(doc, indent)
	}
}

// quoteAll writes every string scalar (keys too) in one style; the
// encoder keeps a quote where the style cannot hold the value.
func quoteAll(style yaml.Style) func([]byte) ([]byte, bool) {
	return reencode(2, func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
			return
		}
		if n.Value == "<<" {
			return // a merge key
		}
		if style == yaml.LiteralStyle && !strings.Contains(n.Value, "\n") {
			return // a literal block is for multi-line text
		}
		if style == 0 {
			n.Tag = "!!str" // kept a string where plain text would read as another type
		}
		n.Style = style
	})
}

// mergeSplit moves all but the first pair of every mapping of two pairs or
// more into an anchored mapping merged back with "<<".
func mergeSplit() func(*yaml.Node) {
	n := 0
	return func(m *yaml.Node) {
		if m.Kind != yaml.MappingNode || len(m.Content) < 4 {
			return
		}
		for i := 0; i < len(m.Content); i += 2 {
			if m.Content[i].Value == "<<" {
				return
			}
		}
		n++
		inner := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Anchor: fmt.Sprintf("m%d", n), Content: m.Content[2:]}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!merge", Value: "<<"}
		m.Content = []*yaml.Node{m.Content[0], m.Content[1], key, inner}
	}
}

// comments puts a comment line above every line and one at the end of
// every line that can hold one (not in block scalars or multi-line
// quoted text).
func comments(src []byte) ([]byte, bool) {
	if _, ok := parse(src); !ok {
		return nil, false
	}
	f := newFile(src)
	var b strings.Builder
	inQuote := false
	for i, l := range f.lines {
		s := f.scans[i]
		if i > 0 {
			b.WriteByte('\n')
		}
		if s.block || inQuote || strings.TrimSpace(l) == "" {
			b.WriteString(l)
			inQuote = inQuote && !strings.ContainsAny(l, `"'`)
			continue
		}
		if len(s.quotes)%2 == 1 {
			inQuote = true
			b.WriteString(l)
			continue
		}
		b.WriteString(strings.Repeat(" ", s.indent) + "# a comment above\n")
		if s.comment < len(l) || strings.HasSuffix(strings.TrimRight(l, " "), "|") || strings.HasSuffix(strings.TrimRight(l, " "), ">") || strings.Contains(l, "|-") || strings.Contains(l, ">-") {
			b.WriteString(l)
			continue
		}
		b.WriteString(l + " # and beside")
	}
	return []byte(b.String()), true
}

// toJSON writes the document as JSON (which is YAML): anchors and merges
// expanded, comments gone.
func toJSON(src []byte) ([]byte, bool) {
	if bytes.Contains(src, []byte("*")) && bytes.Contains(src, []byte("&")) {
		// Expanding an alias moves a finding about its content from
		// the alias (where greylint reports a shared value's use) to
		// the copy: the same mistake, another path.
		return nil, false
	}
	doc, ok := parse(src)
	if !ok {
		return nil, false
	}
	var b bytes.Buffer
	if !writeJSON(&b, doc.Content[0], 0) {
		return nil, false
	}
	return b.Bytes(), true
}

func writeJSON(b *bytes.Buffer, n *yaml.Node, depth int) bool {
	if depth > 100 {
		return false
	}
	switch n.Kind {
	case yaml.AliasNode:
		return writeJSON(b, n.Alias, depth+1)
	case yaml.MappingNode:
		// merges expanded: explicit keys win over merged ones
		var keys []string
		vals := map[string]*yaml.Node{}
		var add func(m *yaml.Node, explicit bool)
		add = func(m *yaml.Node, explicit bool) {
			for i := 0; i+1 < len(m.Content); i += 2 {
				k, v := m.Content[i], m.Content[i+1]
				if k.Value == "<<" && k.ShortTag() == "!!merge" {
					continue
				}
				if _, ok := vals[k.Value]; !ok {
					keys = append(keys, k.Value)
				}
				if explicit || vals[k.Value] == nil {
					vals[k.Value] = v
				}
			}
		}
		add(n, true)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value == "<<" && k.ShortTag() == "!!merge" {
				v := n.Content[i+1]
				if v.Kind == yaml.AliasNode {
					v = v.Alias
				}
				if v.Kind == yaml.MappingNode {
					add(v, false)
				} else {
					return false
				}
			}
		}
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			kj, _ := json.Marshal(k)
			b.Write(kj)
			b.WriteString(": ")
			if !writeJSON(b, vals[k], depth+1) {
				return false
			}
		}
		b.WriteString("}")
	case yaml.SequenceNode:
		b.WriteString("[")
		for i, c := range n.Content {
			if i > 0 {
				b.WriteString(", ")
			}
			if !writeJSON(b, c, depth+1) {
				return false
			}
		}
		b.WriteString("]")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			b.WriteString("null")
		case "!!bool":
			v := "false"
			if n.Value == "true" || n.Value == "True" || n.Value == "TRUE" {
				v = "true"
			}
			b.WriteString(v)
		case "!!int", "!!float":
			if v := strings.TrimLeft(n.Value, "-+"); len(v) > 1 && v[0] == '0' && v[1] != '.' {
				return false // 007: no JSON number
			}
			if _, err := strconv.ParseFloat(n.Value, 64); err != nil {
				return false // 0x1F, .inf: no JSON number
			}
			if _, err := strconv.ParseInt(n.Value, 10, 64); err != nil && n.ShortTag() == "!!int" {
				return false
			}
			b.WriteString(n.Value)
		default:
			j, _ := json.Marshal(n.Value)
			b.Write(j)
		}
	}
	return true
}
