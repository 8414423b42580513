package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

func init() {
	var dir string
	var errors bool
	cmd := &cobra.Command{
		Use:   "dates [--timebank DIR] [--errors]",
		Short: "Score date finding and normalisation on TimeBank (semantics of score_dates.py)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				sd := shared.Dir()
				if sd == "" {
					return fmt.Errorf("no ../shared directory: give --timebank DIR")
				}
				dir = filepath.Join(sd, "data", "tempeval3", "TimeBank")
			}
			docs, err := eval.LoadTimeBank(dir)
			if err != nil {
				return err
			}
			p := pipeline.New()
			t0 := time.Now()
			s, mm, err := eval.Dates(docs, p.Analyze)
			if err != nil {
				return err
			}
			el := time.Since(t0)
			if errors {
				for _, m := range mm {
					fmt.Fprintf(os.Stdout, "%s\t%q\tgot %s\twant %s\t%s\n", m.Doc, m.Text, m.Got, m.Want, m.Context)
				}
			}
			fmt.Printf("TimeBank dates (%d docs): %s\n", len(docs), s)
			fmt.Printf("full pipeline: %.2f ms/doc\n", float64(el.Microseconds())/1000/float64(len(docs)))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "timebank", "", "TimeBank directory of .tml files (default ../shared/data/tempeval3/TimeBank)")
	cmd.Flags().BoolVar(&errors, "errors", false, "print every wrong value, miss and false alarm")
	evalCmd.AddCommand(cmd)
}
