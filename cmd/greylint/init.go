package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/greylint/greylint/config"
	"github.com/greylint/greylint/userfs"
)

// cmdInit writes a commented default .greylint.yaml in the current
// directory, refusing to overwrite one.
func cmdInit(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		sayf(stderr, "usage: greylint init")
		return exitUsage
	}
	if wd, err := os.Getwd(); err == nil && filepath.Base(wd) == ".greyhound" {
		sayf(stderr, "not writing %s inside .greyhound/, where greyhound reads its own files; run greylint init in the directory above (the repository root)", config.FileName)
		return exitUsage
	}
	// Through the file layer: O_EXCL, so never through a link either.
	err := userfs.At(".").CreateNew(config.FileName, []byte(config.Template), 0o644)
	if errors.Is(err, fs.ErrExist) {
		sayf(stderr, "%s already exists; not overwriting it", config.FileName)
		return exitUsage
	}
	if err != nil {
		sayf(stderr, "cannot write %s: %v", config.FileName, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "wrote %s\n", config.FileName)
	return exitOK
}
