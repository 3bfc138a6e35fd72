package main

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
)

// greylint graph on examples/ writes all three formats from the same
// discovery as the lint command: every node DOT declares is named in the
// SVG, which is well-formed, and Mermaid declares as many nodes.
func TestGraphExamples(t *testing.T) {
	outs := map[string]string{}
	for _, format := range []string{"svg", "dot", "mermaid"} {
		var out, errb strings.Builder
		if code := run([]string{"graph", "--format", format, "../../examples"}, strings.NewReader(""), &out, &errb); code != exitOK {
			t.Fatalf("graph --format %s: exit %d: %s", format, code, errb.String())
		}
		outs[format] = out.String()
	}
	var texts []string
	dec := xml.NewDecoder(strings.NewReader(outs["svg"]))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the svg is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	dotNodes := regexp.MustCompile(`(?m)^    (n\d+) \[label="([^"]*)"`).FindAllStringSubmatch(outs["dot"], -1)
	if len(dotNodes) < 20 {
		t.Fatalf("dot declares %d nodes; the examples define more", len(dotNodes))
	}
	for _, n := range dotNodes {
		for _, line := range strings.Split(n[2], `\n`) {
			if !strings.Contains(strings.Join(texts, "\x00")+"\x00", line+"\x00") {
				t.Errorf("the svg does not show %q of node %s", line, n[1])
			}
		}
	}
	if got := len(regexp.MustCompile(`(?m)^    n\d+\[`).FindAllString(outs["mermaid"], -1)); got != len(dotNodes) {
		t.Errorf("mermaid declares %d nodes, dot %d", got, len(dotNodes))
	}
	for _, want := range []string{"undefined build", "api-buld", "#c62828"} {
		if !strings.Contains(outs["dot"], want) {
			t.Errorf("dot lacks %q: the broken example's reference is not drawn in red", want)
		}
	}
}

func TestGraphUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"graph", "--format", "png", "../../examples"}, exitUsage, `unknown --format "png"`},
		{[]string{"graph", "--colour", "../../examples"}, exitUsage, "unknown flag"},
		{[]string{"graph", "no/such/dir"}, exitFailure, "cannot read no/such/dir"},
		{[]string{"help", "graph"}, exitOK, "--format svg|dot|mermaid"},
	} {
		var out, errb strings.Builder
		code := run(tc.args, strings.NewReader(""), &out, &errb)
		if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.want) {
			t.Errorf("greylint %s: exit %d, %q; want exit %d and %q", strings.Join(tc.args, " "), code, out.String()+errb.String(), tc.code, tc.want)
		}
	}
}

// A file named twice (in a directory and by itself) is drawn once, as it
// is linted once.
func TestGraphDrawsAFileOnce(t *testing.T) {
	var outs []string
	for _, args := range [][]string{
		{"graph", "-f", "dot", "../../examples/shop"},
		{"graph", "-f", "dot", "../../examples/shop", "../../examples/shop/.greyhound/config.yaml"},
	} {
		var out, errb strings.Builder
		if code := run(args, strings.NewReader(""), &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		outs = append(outs, out.String())
	}
	if outs[0] != outs[1] {
		t.Errorf("naming a file of the directory again changes the graph:\n%s\n---\n%s", outs[0], outs[1])
	}
}
