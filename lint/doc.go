// Package lint is the greylint engine: source text and positions, the YAML
// document with byte ranges for every node, Diagnostic, Rule, Pass, Run,
// configuration and fixes.
//
// It may import only the standard library and go.yaml.in/yaml/v3. Rules live
// in package rules, which imports lint; the front ends (cmd/greylint and lsp)
// call Analyze and convert its result, never add or drop a diagnostic.
//
// # Fix safety
//
// Every Fix has a Safety. A fix is Safe only when the file after it means
// what its author evidently meant and nothing else changes: a case or
// separator twin of a field the mapping lacks, quoting a plain scalar whose
// text is kept exactly, the case of an enum value, a documented equivalent.
// A guess (edit distance, substring, the nearest defined name) is Unsafe,
// applied only by --fix --unsafe-fixes. One of several equally likely
// choices, or a fix that throws away what the user wrote, is Manual: the
// editor offers it, the CLI never applies it. The zero value is Manual, so a
// fix nobody classified is never applied.
//
// Two guards hold whatever a rule says: Analyze makes a Safe fix Unsafe when
// it touches an alias, an anchored node or a merge key (guardShared), and
// FixFile lints the result of every round again and rolls back a fix whose
// result has a finding the text before it did not have, except findings in
// the range the fix declares it Reveals (the value of a renamed key).
package lint
