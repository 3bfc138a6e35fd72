package catalogue

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// Package catalogue maps greylint's catalogue of greyhound mistakes (GH
// numbers) and cross-references (XR numbers) to the rules that check them,
// and renders docs/rules.md from the registry (Markdown) and the sections
// greylint explain prints (Explain). It may import rules and lint.
//
// Catalogue maps every entry of the catalogue of mistakes (GH001-GH210)
// and of cross-references (XR1-XR12) to the rules
// that implement it, or says why it is left out. docs/rules.md renders it.
var Catalogue = []struct {
	ID    string       // GH001, XR3, ...
	Rules []*lint.Rule // empty when left out
	Note  string       // how it deviates from the catalogue, or why it is left out
}{
	{"GH001", []*lint.Rule{rules.UnknownField}, ""},
	{"GH002", []*lint.Rule{rules.ForbiddenField}, ""},
	{"GH003", []*lint.Rule{rules.DuplicateName, rules.WorkloadNameCollision}, ""},
	{"GH004", []*lint.Rule{rules.InvalidName}, ""},
	{"GH005", []*lint.Rule{rules.UnknownField}, "a warning with the snake_case twin and a fix, not an error: greylint keeps unknown keys warnings (errors with --strict), because the documentation is incomplete"},
	{"GH006", []*lint.Rule{rules.UnknownField}, "as GH005, with the camelCase twin"},
	{"GH010", []*lint.Rule{rules.ConflictingFields}, ""},
	{"GH011", []*lint.Rule{rules.MissingField}, ""},
	{"GH012", []*lint.Rule{rules.UnknownBuild}, ""},
	{"GH013", []*lint.Rule{rules.UnusedDefinition}, ""},
	{"GH014", []*lint.Rule{rules.ForbiddenField}, ""},
	{"GH015", []*lint.Rule{rules.InvalidValue}, ""},
	{"GH016", []*lint.Rule{rules.ForbiddenField}, ""},
	{"GH017", []*lint.Rule{rules.InvalidType, rules.InvalidValue}, ""},
	{"GH018", []*lint.Rule{rules.ParallelismExceedsCompletions}, ""},
	{"GH019", []*lint.Rule{rules.SuspendedJob}, "an info on every suspended job: whether a job is \"expected to run\" cannot be known"},
	{"GH020", []*lint.Rule{rules.InvalidType}, ""},
	{"GH021", []*lint.Rule{rules.MissingField, rules.InvalidValue, rules.DuplicatePort}, ""},
	{"GH022", []*lint.Rule{rules.InvalidType, rules.InvalidValue}, ""},
	{"GH023", []*lint.Rule{rules.InvalidQuantity, rules.RequestsExceedLimits}, ""},
	{"GH030", []*lint.Rule{rules.EnvValue, rules.MissingField, rules.DuplicateEnvName}, "neither value nor valueFrom is a warning (Kubernetes sets an empty value), duplicate names a warning (Kubernetes keeps the last)"},
	{"GH031", []*lint.Rule{rules.BuildSecretNotAttached}, ""},
	{"GH032", []*lint.Rule{rules.InvalidType, rules.UnknownField, rules.MissingField}, "a string item is a wrong type; {name: ...} is an unknown field (did you mean secretName) and a missing secretName"},
	{"GH033", []*lint.Rule{rules.UnknownConfigmap}, ""},
	{"GH034", []*lint.Rule{rules.UnknownConfigmapKey}, ""},
	{"GH035", []*lint.Rule{rules.MissingField, rules.InvalidValue}, ""},
	{"GH036", []*lint.Rule{rules.InvalidType}, ""},
	{"GH037", []*lint.Rule{rules.InvalidValue}, "the Kubernetes key charset is enforced; RFC 1123 is not, even as an info, because the documentation's own examples break it"},
	{"GH038", []*lint.Rule{rules.PlaintextSecret}, ""},
	{"GH039", []*lint.Rule{rules.UnknownClaim}, ""},
	{"GH040", []*lint.Rule{rules.UnknownVolumeSource}, ""},
	{"GH041", []*lint.Rule{rules.UnknownVolumeType}, ""},
	{"GH042", []*lint.Rule{rules.MissingField, rules.InvalidMountPath}, ""},
	{"GH043", []*lint.Rule{rules.UnusedDefinition}, ""},
	{"GH050", []*lint.Rule{rules.UnknownService}, ""},
	{"GH051", []*lint.Rule{rules.RuleServiceNoPorts}, ""},
	{"GH052", []*lint.Rule{rules.MissingField, rules.InvalidType, rules.InvalidValue}, ""},
	{"GH053", []*lint.Rule{rules.MissingField, rules.InvalidPath}, ""},
	{"GH054", []*lint.Rule{rules.InvalidValue}, ""},
	{"GH055", []*lint.Rule{rules.PublicVisibility}, ""},
	{"GH056", []*lint.Rule{rules.ReadTimeoutTooHigh}, ""},
	{"GH057", []*lint.Rule{rules.InvalidType, rules.InvalidValue}, ""},
	{"GH058", []*lint.Rule{rules.DuplicateRoute}, ""},
	{"GH059", []*lint.Rule{rules.InvalidHostname}, ""},
	{"GH060", []*lint.Rule{rules.InvalidType}, "reported as a warning"},
	{"GH100", []*lint.Rule{rules.ConflictingFields, rules.MissingField}, ""},
	{"GH101", []*lint.Rule{rules.InvalidValue, rules.DuplicateName}, ""},
	{"GH102", []*lint.Rule{rules.InvalidValue}, ""},
	{"GH103", []*lint.Rule{rules.InvalidType}, ""},
	{"GH104", []*lint.Rule{rules.InvalidConfigSource, rules.MissingConfigSource, rules.ConfigSourceNotConfig}, "greylint adds two cross-file checks for repositories it can see: the file exists (missing-config-source) and is a greyhound config (config-source-not-config)"},
	{"GH105", []*lint.Rule{rules.MissingField, rules.InvalidValue}, ""},
	{"GH106", []*lint.Rule{rules.UnknownApplication}, ""},
	{"GH107", []*lint.Rule{rules.DuplicateImport}, ""},
	{"GH108", []*lint.Rule{rules.InvalidType}, ""},
	{"GH109", []*lint.Rule{rules.UnknownRemovedApplication}, "the key may be an import's name or its alias (the documentation leaves aliases open)"},
	{"GH110", []*lint.Rule{rules.InvalidType}, ""},
	{"GH111", []*lint.Rule{rules.UnknownRemovedService}, "checked when greylint can see the application's repository: this one, or a checkout mapped under repositories: in .greylint.yaml (the local checkout, not necessarily the branch or tag greyhound deploys); silent otherwise"},
	{"GH112", []*lint.Rule{rules.NoCluster}, ""},
	{"GH113", []*lint.Rule{rules.AmbiguousCluster}, "reported when an environment without cluster imports applications with different default_cluster values: an explicit cluster overrides them all"},
	{"GH114", []*lint.Rule{rules.DuplicateName}, ""},
	{"GH200", []*lint.Rule{rules.UnknownVariable}, ""},
	{"GH201", []*lint.Rule{rules.UnknownVariable}, ""},
	{"GH202", []*lint.Rule{rules.PreferWriterEndpoint}, ""},
	{"GH203", []*lint.Rule{rules.NullableVariable}, "a hint wherever it appears: which values must be non-empty is not known"},
	{"GH204", []*lint.Rule{rules.EmptyDNSDomain}, "an info, not a warning: it is fine on every cluster that has a DNS domain"},
	{"GH205", []*lint.Rule{rules.InterpolatedNonString}, ""},
	{"GH206", []*lint.Rule{rules.WrongInterpolationSyntax}, ""},
	{"GH207", []*lint.Rule{rules.UnknownVariable}, "a warning (Kubernetes does not expand ${NAME}, a program may); an info on a shell script's parameter expansion"},
	{"GH208", []*lint.Rule{rules.UndefinedEnvReference}, ""},
	{"GH209", []*lint.Rule{rules.UnterminatedPlaceholder}, ""},
	{"GH210", []*lint.Rule{rules.InterpolatedRepository}, "repository only; a branch has no documented shape to check"},
	{"XR1", []*lint.Rule{rules.UnknownBuild}, ""},
	{"XR2", []*lint.Rule{rules.UnknownBuild}, ""},
	{"XR3", []*lint.Rule{rules.UnknownService}, ""},
	{"XR4", []*lint.Rule{rules.RuleServiceNoPorts}, ""},
	{"XR5", []*lint.Rule{rules.UnknownConfigmap}, ""},
	{"XR6", []*lint.Rule{rules.UnknownConfigmap, rules.UnknownConfigmapKey}, ""},
	{"XR7", []*lint.Rule{rules.BuildSecretNotAttached}, ""},
	{"XR8", []*lint.Rule{rules.UnknownClaim}, ""},
	{"XR9", []*lint.Rule{rules.UnknownVolumeSource}, ""},
	{"XR10", []*lint.Rule{rules.UnknownApplication}, ""},
	{"XR11", []*lint.Rule{rules.UnknownRemovedApplication}, ""},
	{"XR12", []*lint.Rule{rules.NoCluster, rules.AmbiguousCluster}, ""},
}

// What the catalogue numbers are, wherever they are shown.
const numbering = "GH and XR numbers are the entries of greylint's catalogue of greyhound mistakes (GH) and of the cross-references between fields (XR), which the project keeps to make sure every known mistake is checked; `greylint explain GH012` shows the rules for one entry"

// Entries returns the catalogue entries a rule checks.
func Entries(r *lint.Rule) []string {
	var out []string
	for _, c := range Catalogue {
		if slices.Contains(c.Rules, r) {
			out = append(out, c.ID)
		}
	}
	return out
}

// Explain is a rule's documentation (rules.Explain) with the catalogue
// entries it checks: the section of docs/rules.md, and what greylint
// explain prints.
func Explain(r *lint.Rule) string { return explain(r, "[Catalogue](#catalogue)") }

// ExplainText is Explain for a terminal (greylint explain): no link to an
// anchor of docs/rules.md, which means nothing there.
func ExplainText(r *lint.Rule) string { return explain(r, "the Catalogue of docs/rules.md") }

func explain(r *lint.Rule, catalogue string) string {
	s := rules.Explain(r)
	if e := Entries(r); len(e) > 0 {
		s += fmt.Sprintf("\nCatalogue entries: %s (see %s: %s).\n", strings.Join(e, ", "), catalogue, numbering)
	}
	return s
}

// Markdown renders docs/rules.md: the rules first, the catalogue at the
// end.
func Markdown() string {
	var b strings.Builder
	b.WriteString("<!-- Generated from the rule registry by `make docs`. Do not edit. -->\n\n")
	b.WriteString("# greylint rules\n\n")
	b.WriteString("Every rule has a stable ID. Set its severity, or turn it off, in `.greylint.yaml` (`rules:`, `select:`, `ignore:`) or on the command line (`--select`, `--ignore`); `greylint explain <id>` prints its section.\n\n")
	b.WriteString("The Fix column says which fixes a rule offers: **safe** ones are applied by `greylint --fix`, **unsafe** ones (best guesses) only with `--unsafe-fixes`, **manual** ones only by choosing them in the editor.\n\n")
	b.WriteString("| Rule | Severity | Fix | Summary |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, rules.FixColumn(r), r.Summary)
	}
	for _, r := range rules.All() {
		b.WriteString("\n")
		b.WriteString(Explain(r))
	}
	b.WriteString("\n## Catalogue\n\n")
	b.WriteString(numbering + ". How each entry is checked:\n\n")
	b.WriteString("| Entry | Rules | Note |\n|---|---|---|\n")
	for _, c := range Catalogue {
		var links []string
		for _, r := range c.Rules {
			links = append(links, fmt.Sprintf("[%s](#%s)", r.ID, r.ID))
		}
		ids := strings.Join(links, ", ")
		if ids == "" {
			ids = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", c.ID, ids, c.Note)
	}
	return b.String()
}
