// Command greylint checks .greyhound/config.yaml and
// .greyhound/applications.yaml, and serves them to editors over LSP
// (greylint lsp).
//
// This package holds only the front end: flags (pflag), subcommands, file
// discovery, fixing files, output formats and exit codes. It may import
// lsp, config, rules, model, lint and schema; every finding comes from
// config.Resolver.Analyze, as in the server.
package main
