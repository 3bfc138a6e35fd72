// greylint checks .greyhound/config.yaml and .greyhound/applications.yaml.
//
// This package holds only the front end: flags (pflag), subcommands, file
// discovery, output formats and exit codes. It may import lint, rules,
// schema (and lsp); every finding comes from lint.Run.
package main
