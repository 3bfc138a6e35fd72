package rules

import (
	"embed"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
)

var all = []*lint.Rule{
	AmbiguousCluster,
	BuildSecretNotAttached,
	ConfigSourceNotConfig,
	ConflictingFields,
	DuplicateEnvName,
	DuplicateImport,
	lint.DuplicateKey,
	DuplicateName,
	DuplicatePort,
	DuplicateRoute,
	EmptyDNSDomain,
	lint.EmptyFile,
	lint.FileTooLarge,
	EnvValue,
	ForbiddenField,
	lint.Internal,
	lint.InvalidIgnore,
	InterpolatedNonString,
	InterpolatedRepository,
	InvalidConfigSource,
	InvalidHostname,
	InvalidMountPath,
	InvalidName,
	InvalidPath,
	InvalidQuantity,
	InvalidType,
	InvalidValue,
	MissingConfigSource,
	MissingField,
	lint.MultipleDocuments,
	NoCluster,
	lint.NotGreyhound,
	NullableVariable,
	ParallelismExceedsCompletions,
	PlaintextSecret,
	PreferWriterEndpoint,
	PublicVisibility,
	ReadTimeoutTooHigh,
	RequestsExceedLimits,
	RuleServiceNoPorts,
	Shellcheck,
	SuspendedJob,
	lint.Syntax,
	UndefinedEnvReference,
	UnknownApplication,
	UnknownBuild,
	UnknownClaim,
	UnknownConfigmap,
	UnknownConfigmapKey,
	UnknownField,
	UnknownRemovedApplication,
	UnknownRemovedService,
	UnknownService,
	UnknownVariable,
	UnknownVolumeSource,
	UnknownVolumeType,
	UnterminatedPlaceholder,
	UnreferencedConfig,
	UnusedDefinition,
	lint.UnusedIgnore,
	WorkloadNameCollision,
	WrongInterpolationSyntax,
	YAML11Value,
}

// The prose of each rule's documentation is rules/<id>.md (with '_' for
// '-'), beside rules/<id>.go; its examples are testdata/<id>/doc-*.yaml.
// The engine's own rules (package lint) keep their prose in Go.
//
//go:embed *.md
var docFiles embed.FS

func init() {
	slices.SortFunc(all, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	for _, r := range all {
		if r.Doc != "" {
			continue
		}
		if b, err := docFiles.ReadFile(strings.ReplaceAll(r.ID, "-", "_") + ".md"); err == nil {
			r.Doc = string(b) // before any use: a Rule is immutable once registered
		}
	}
}

// All returns every rule, sorted by ID. The slice is shared: do not modify.
func All() []*lint.Rule { return all }

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range all {
		if r.Names(id) {
			return r
		}
	}
	return nil
}
