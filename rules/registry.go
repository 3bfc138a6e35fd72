package rules

import (
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
)

var all = []*lint.Rule{
	Syntax,
	DuplicateKey,
	MultipleDocuments,
	EmptyFile,
	Internal,
	UnknownField,
	InvalidType,
	InvalidValue,
	MissingField,
	ForbiddenField,
	ConflictingFields,
	InterpolatedNonString,
	UnknownBuild,
	DuplicateName,
}

func init() {
	slices.SortFunc(all, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
}

// All returns every rule, sorted by ID. The slice is shared: do not modify.
func All() []*lint.Rule { return all }

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range all {
		if r.ID == id {
			return r
		}
	}
	return nil
}
