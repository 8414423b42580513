package main

import "github.com/spf13/cobra"

// evalCmd groups the evaluation commands; each capability adds its own
// subcommand from its file (eval_quotes.go, eval_names.go, ...).
var evalCmd = &cobra.Command{
	Use:   "eval",
	Short: "Score Verbatim against gold data in ../shared/data and print P/R/F1",
}

func init() { root.AddCommand(evalCmd) }
