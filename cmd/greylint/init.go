package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/greylint/greylint/config"
)

// cmdInit writes a commented default .greylint.yaml in the current
// directory, refusing to overwrite one.
func cmdInit(args []string, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		fmt.Fprintln(stderr, "greylint: usage: greylint init")
		return exitUsage
	}
	f, err := os.OpenFile(config.FileName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "greylint: %s already exists; not overwriting it\n", config.FileName)
		return exitUsage
	}
	if err == nil {
		_, err = f.WriteString(config.Template)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(stderr, "greylint: cannot write %s: %v\n", config.FileName, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "wrote %s\n", config.FileName)
	return exitOK
}
