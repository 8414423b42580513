// Command verbatim finds who said what, to whom, when, and where it was
// reported, in news articles.
//
// Each subcommand lives in its own file: extract.go, eval_*.go, ...
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

var root = &cobra.Command{
	Use:           "verbatim",
	Short:         "Verbatim: who said what, to whom, when, and where it was reported",
	SilenceUsage:  true,
	SilenceErrors: true,
}

// exitCode is set by commands that processed a batch with failures: the
// batch went on, but the exit status must say something failed.
var exitCode int

func main() {
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "verbatim:", err)
		os.Exit(1)
	}
	os.Exit(exitCode)
}
