package lint

// The rules the engine itself reports: while parsing (Parse), for a rule
// that crashes (Analyze) and for ignore comments (suppress). Each is
// declared once here and referred to by its identifier; package rules
// lists them in its registry for their documentation and so that the
// configuration can tune them.

var Syntax = &Rule{
	ID:       "syntax",
	Summary:  "the file is not valid YAML",
	Severity: Error,
	Doc: `greyhound cannot read a file that is not valid YAML, so nothing else in it
is checked until this is fixed. greylint points at the line that broke the
structure (yaml.v3 itself often names the line where the enclosing block
started) and says what is wrong with it: an indentation that matches no
enclosing block, a tab used for indentation, an unclosed quote.`,
}

var DuplicateKey = &Rule{
	ID:       "duplicate-key",
	Summary:  "a key appears twice in one mapping",
	Severity: Error,
	Doc: `YAML forbids repeating a key in one mapping, but many loaders silently keep
only one of the values, so half of what you wrote is ignored. The second
occurrence is reported, with the first as a related location.`,
}

var MultipleDocuments = &Rule{
	ID:       "multiple-documents",
	Summary:  "the file holds more than one YAML document",
	Severity: Error,
	Fixes: []FixDoc{
		{Safety: Safe, What: "removes a trailing \"---\" that starts an empty second document"},
	},
	Doc: `greyhound reads exactly one document from each file. A "---" line starts a
second document, whose content is then ignored or rejected.`,
}

var EmptyFile = &Rule{
	ID:       "empty-file",
	Summary:  "the file has no content",
	Severity: Warning,
	Doc: `An empty file (or one with only comments) declares nothing. greyhound
expects a mapping of sections (builds, services, ... in config.yaml;
applications and environments in applications.yaml). It is a warning
because an empty placeholder may be intended while a project is set up.`,
}

var NotGreyhound = &Rule{
	ID:       "not-greyhound",
	Summary:  "the file is a Kubernetes manifest, not a greyhound file",
	Severity: Warning,
	Doc: `A file named on the command line (or matched by a glob) whose top level has
apiVersion and kind, and none of greyhound's sections, is a Kubernetes
manifest: greyhound does not read it, and checking it as a greyhound config
would report every one of its fields as unknown. It gets this one finding
instead, and no other rule runs on it. Lint it as a greyhound file anyway
with --ignore not-greyhound.`,
}

var Internal = &Rule{
	ID:       "internal",
	Summary:  "a greylint rule crashed on this file",
	Severity: Error,
	Doc: `A rule panicked while checking the file. The other rules still ran. This is
a bug in greylint: please report it with the file that triggers it. It
cannot be configured away because it means the file was not fully checked.`,
}

var InvalidIgnore = &Rule{
	ID:       "invalid-ignore",
	Summary:  "a greylint-ignore comment that is malformed, names no rule, or gives no reason",
	Severity: Warning,
	Fixes: []FixDoc{
		{Safety: Safe, What: "corrects a misspelt rule ID in the comment (only the comment changes)"},
		{Safety: Manual, What: "one choice per candidate when several are equally close (never applied by the CLI)"},
	},
	Doc: `An inline ignore names the rules it silences and says why:
"# greylint-ignore[rule-id, other-id]: reason" at the end of the offending
line or on the line above it, and "# greylint-ignore-file[rule-id]: reason"
in the comments at the top of the file. Without a rule ID it would silence
everything, which greylint does not allow; without a reason the next reader
cannot tell whether it still applies. A misspelt rule ID gets a fix.`,
}

var UnusedIgnore = &Rule{
	ID:       "unused-ignore",
	Summary:  "a greylint-ignore comment that suppresses nothing",
	Severity: Warning,
	Doc: `An ignore that no longer matches a finding (the mistake was fixed, or the
comment is on the wrong line) hides nothing today but would hide a future
mistake; remove it. An ignore of a rule that is turned off is not reported.`,
}

var FileTooLarge = &Rule{
	ID:       "file-too-large",
	Summary:  "a file larger than greylint checks, or one whose aliases expand beyond it",
	Severity: Error,
	Doc: `greylint reads at most --max-file-size bytes of a file (10 MiB unless
told otherwise), so that no input can make it
use unbounded memory or time. A larger file is not checked at all, and this
finding says so: it is never cut short and checked in part. A greyhound
configuration that large is generated; lint what generates it, or raise the
limit. A file whose aliases and merges expand to more than four times its
own nodes, and more than a million values (a "billion laughs"), gets this
finding too: its schema checks are skipped rather than run on a value cut
short.`,
}
