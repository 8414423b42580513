// Command verbatim finds who said what, to whom, when, and where it was
// reported, in news articles.
//
// Each subcommand lives in its own file: extract.go, eval_*.go, ...
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

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

func main() { os.Exit(run()) }

// run executes the command line and returns the exit status. For
// profiling any command: VERBATIM_CPUPROFILE=FILE writes a CPU profile,
// VERBATIM_MEMPROFILE=FILE a heap profile when the command ends (bench also
// has --profile and --memprofile).
func run() int {
	if p := os.Getenv("VERBATIM_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	err := root.Execute()
	if p := os.Getenv("VERBATIM_MEMPROFILE"); p != "" {
		if f, ferr := os.Create(p); ferr == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "verbatim:", err)
		return 1
	}
	return exitCode
}
