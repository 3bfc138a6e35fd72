package main

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// `greylint schema NAME` prints exactly the committed schema/NAME.schema.json,
// the file yaml-language-server users point at.
func TestSchemaCommandPrintsTheCommittedFile(t *testing.T) {
	for _, name := range []string{"config", "applications", "greylint"} {
		want, err := os.ReadFile("../../schema/" + name + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if code := run([]string{"schema", name}, nil, &out, io.Discard); code != 0 || !bytes.Equal(out.Bytes(), want) {
			t.Errorf("greylint schema %s: exit %d, output differs from schema/%s.schema.json", name, code, name)
		}
	}
}
