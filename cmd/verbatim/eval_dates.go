package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

func init() {
	var dir, save, vs string
	var errors bool
	var folds int
	cmd := &cobra.Command{
		Use:   "dates [--timebank DIR] [--errors] [--folds K] [--save FILE] [--vs FILE]",
		Short: "Score date finding and normalisation on TimeBank (semantics of score_dates.py), with its spread over folds",
		Long: `Score date finding and normalisation on TimeBank (semantics of score_dates.py).

The score is followed by its spread: value F1 on K folds of the files
(file i in fold i mod K), and on each source left out (WSJ, AP wires,
broadcast, other press). --save writes the per-file counts; --vs FILE
compares this build with saved counts fold by fold, so that a change is
judged by how many folds it helps, not by reading errors.`,
		Args: cobra.NoArgs,
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
			per, err := eval.DatesPerDoc(docs, p.Analyze)
			if err != nil {
				return err
			}
			el := time.Since(t0)
			if errors {
				_, mm, err := eval.Dates(docs, p.Analyze)
				if err != nil {
					return err
				}
				for _, m := range mm {
					fmt.Fprintf(os.Stdout, "%s\t%q\tgot %s\twant %s\t%s\n", m.Doc, m.Text, m.Got, m.Want, m.Context)
				}
			}
			fmt.Printf("TimeBank dates (%d docs): %s\n", len(docs), eval.FoldScore(per, eval.KFolds(len(docs), 1)[0]))
			fmt.Printf("full pipeline: %.2f ms/doc\n", float64(el.Microseconds())/1000/float64(len(docs)))
			var old []eval.DateScore
			if vs != "" {
				if old, err = readPerDoc(vs, docs); err != nil {
					return err
				}
			}
			printFolds(os.Stdout, fmt.Sprintf("%d folds", folds), eval.KFolds(len(docs), folds), per, old)
			printFolds(os.Stdout, "by source", eval.SourceFolds(docs), per, old)
			if save != "" {
				return writePerDoc(save, docs, per)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "timebank", "", "TimeBank directory of .tml files (default ../shared/data/tempeval3/TimeBank)")
	cmd.Flags().BoolVar(&errors, "errors", false, "print every wrong value, miss and false alarm")
	cmd.Flags().IntVar(&folds, "folds", 10, "folds for the spread of the score")
	cmd.Flags().StringVar(&save, "save", "", "write the per-file counts to FILE (for a later --vs)")
	cmd.Flags().StringVar(&vs, "vs", "", "compare with per-file counts saved by --save, fold by fold")
	evalCmd.AddCommand(cmd)
}

// printFolds prints the value F1 of every fold and its spread; with old
// scores, the paired difference of each fold and how many folds gain.
func printFolds(w io.Writer, title string, folds []eval.Fold, per, old []eval.DateScore) {
	var f1s, deltas []float64
	up, down := 0, 0
	fmt.Fprintf(w, "value F1, %s:", title)
	for _, f := range folds {
		v := eval.FoldScore(per, f).ValueF1()
		f1s = append(f1s, v)
		if len(folds) <= 12 {
			fmt.Fprintf(w, " %s %.3f", f.Name, v)
		}
		if old != nil {
			d := v - eval.FoldScore(old, f).ValueF1()
			deltas = append(deltas, d)
			if d > 1e-9 {
				up++
			} else if d < -1e-9 {
				down++
			}
			fmt.Fprintf(w, " (%+.3f)", d)
		}
		fmt.Fprint(w, ";")
	}
	fmt.Fprintf(w, "\n  spread %s\n", eval.SpreadOf(f1s))
	if old != nil {
		fmt.Fprintf(w, "  vs saved: %s; %d folds up, %d down, %d equal\n", eval.SpreadOf(deltas), up, down, len(folds)-up-down)
	}
}

// writePerDoc saves per-file counts as TSV: id, TP, FP, FN, right values.
func writePerDoc(path string, docs []eval.TimeMLDoc, per []eval.DateScore) error {
	var b strings.Builder
	for i, d := range docs {
		s := per[i]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\t%d\n", d.ID, s.TP, s.FP, s.FN, s.ValueOK)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// readPerDoc reads counts saved by writePerDoc, in the order of docs.
func readPerDoc(path string, docs []eval.TimeMLDoc) ([]eval.DateScore, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	byID := map[string]eval.DateScore{}
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated fields (id, TP, FP, FN, right values)", path, ln)
		}
		var n [4]int
		for i := range n {
			if n[i], err = strconv.Atoi(fs[i+1]); err != nil {
				return nil, fmt.Errorf("%s:%d: field %d is not a count", path, ln, i+2)
			}
		}
		byID[fs[0]] = eval.DateScore{PRF: eval.PRF{TP: n[0], FP: n[1], FN: n[2]}, ValueOK: n[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]eval.DateScore, len(docs))
	for i, d := range docs {
		s, ok := byID[d.ID]
		if !ok {
			return nil, fmt.Errorf("%s: no counts for %s (saved on other files?)", path, d.ID)
		}
		out[i] = s
	}
	return out, nil
}
