package lint

// Measured reports whether the document's ranges were measured (for
// lazy_test.go, in package lint_test, which can import the rules).
func (d *Document) Measured() bool { return d.ranges != nil }

// ValueBuilt reports whether the document's value tree was built.
func (d *Document) ValueBuilt() bool { return d.value != nil || d.valueTooLarge }
