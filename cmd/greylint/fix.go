package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/greylint/greylint/lint"
)

// fixUntilStable applies the certain fixes, lints again and repeats until
// nothing changes (a fix can reveal another), at most 10 rounds. It
// returns the fixed text and the analysis of it.
func fixUntilStable(f *lint.File, cfg *lint.Config, res *lint.Result) ([]byte, *lint.Result) {
	src := f.Source
	for range 10 {
		next, n := lint.ApplyFixes(src, res.Diagnostics)
		if n == 0 {
			break
		}
		src = next
		g := *f
		g.Source = src
		res = lint.Analyze(context.Background(), &g, cfg)
	}
	return src, res
}

// writeAtomic replaces path with text: it refuses when the file no longer
// holds original (someone edited it meanwhile), writes a temporary file in
// the same directory with the same permissions, and renames it over path,
// so the file is never half-written.
func writeAtomic(path string, original, text []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot fix %s: %w", path, unwrapPathError(err))
	}
	current, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot fix %s: %w", path, unwrapPathError(err))
	}
	if !bytes.Equal(current, original) {
		return fmt.Errorf("not fixing %s: it changed while greylint was reading it; run again", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".greylint-*")
	if err != nil {
		return fmt.Errorf("cannot fix %s: %w", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot fix %s: %w", path, err)
	}
	if err := errors.Join(tmp.Chmod(st.Mode().Perm()), tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("cannot fix %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot fix %s: %w", path, unwrapPathError(err))
	}
	return nil
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// writeDiff prints a unified diff (3 lines of context) from a to b.
func writeDiff(w io.Writer, path string, a, b []byte) {
	x, y := splitLines(a), splitLines(b)
	ops := diffLines(x, y)
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", filepath.ToSlash(path), filepath.ToSlash(path))
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after the
		// last change that is within 2*ctx lines of the previous one.
		start := max(i-ctx, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*ctx {
				break
			}
		}
		end = min(end+ctx+1, len(ops))
		aStart, bStart, aLen, bLen := ops[start].ai+1, ops[start].bi+1, 0, 0
		var body strings.Builder
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				aLen++
				bLen++
				body.WriteString(" " + x[op.ai])
			case '-':
				aLen++
				body.WriteString("-" + x[op.ai])
			case '+':
				bLen++
				body.WriteString("+" + y[op.bi])
			}
		}
		if aLen == 0 {
			aStart--
		}
		if bLen == 0 {
			bStart--
		}
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n%s", aStart, aLen, bStart, bLen, body.String())
		i = end
	}
}

// splitLines splits text into lines that keep their line breaks; a last
// line without one gets the standard marker.
func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, string(b)+"\n\\ No newline at end of file\n")
			break
		}
		out = append(out, string(b[:i+1]))
		b = b[i+1:]
	}
	return out
}

type diffOp struct {
	kind   byte // ' ', '-', '+'
	ai, bi int  // line indices in a and b (for '+' ai is the position in a)
}

// diffLines is Myers' O((N+M)D) shortest edit script over lines.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	maxD := n + m
	v := make([]int, 2*maxD+2)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[maxD+k-1] < v[maxD+k+1]) {
				x = v[maxD+k+1]
			} else {
				x = v[maxD+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[maxD+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, d, maxD)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, a, b []string, d, maxD int) []diffOp {
	var ops []diffOp
	x, y := len(a), len(b)
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && v[maxD+k-1] < v[maxD+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := v[maxD+pk]
		py := px - pk
		for x > px && y > py {
			x--
			y--
			ops = append(ops, diffOp{' ', x, y})
		}
		if x == px {
			y--
			ops = append(ops, diffOp{'+', x, y})
		} else {
			x--
			ops = append(ops, diffOp{'-', x, y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		ops = append(ops, diffOp{' ', x, y})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
