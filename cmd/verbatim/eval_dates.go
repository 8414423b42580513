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
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/dates"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/text"
)

func init() {
	var dir, save, vs string
	var errors, choose bool
	var folds int
	cmd := &cobra.Command{
		Use:   "dates [--timebank DIR] [--errors] [--folds K] [--save FILE] [--vs FILE]",
		Short: "Score date finding and normalisation on TimeBank (semantics of score_dates.py), with its spread over folds",
		Long: `Score date finding and normalisation on TimeBank (semantics of score_dates.py).

The score is followed by its spread: value F1 on K folds of the files
(file i in fold i mod K), and on each source left out (WSJ, AP wires,
broadcast, other press). --save writes the per-file counts; --vs FILE
compares this build with saved counts fold by fold, so that a change is
judged by how many folds it helps, not by reading errors. --choose
chooses the readings of dates.Options (earnings-report quarters,
now/current, last season) on the other folds for each fold, and shows
what turning each default over does fold by fold.`,
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
			if choose {
				if err := chooseOptions(os.Stdout, docs, folds); err != nil {
					return err
				}
			}
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
	cmd.Flags().BoolVar(&choose, "choose", false, "choose the readings of dates.Options by cross-validation and show each one's effect fold by fold")
	evalCmd.AddCommand(cmd)
}

// printFolds prints the value F1 of every fold and its spread; with old
// scores, the paired difference of each fold and how many folds gain.
func printFolds(w io.Writer, title string, folds []eval.Fold, per, old []eval.DateScore) {
	printFoldsVs(w, title, folds, per, old, "saved")
}

// printFoldsVs is printFolds naming what the old scores are.
func printFoldsVs(w io.Writer, title string, folds []eval.Fold, per, old []eval.DateScore, oldName string) {
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
		fmt.Fprintf(w, "  vs %s: %s; %d folds up, %d down, %d equal\n", oldName, eval.SpreadOf(deltas), up, down, len(folds)-up-down)
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

// chooseOptions scores every combination of dates.Options on TimeBank,
// chooses one per fold on the other folds (eval.Select), and shows what
// turning each default over does, fold by fold.
func chooseOptions(w io.Writer, docs []eval.TimeMLDoc, k int) error {
	type knob struct {
		name string
		set  func(*dates.Options, bool)
		get  func(dates.Options) bool
	}
	knobs := []knob{
		{"quarter-year-ago", func(o *dates.Options, v bool) { o.QuarterYearAgo = v }, func(o dates.Options) bool { return o.QuarterYearAgo }},
		{"now", func(o *dates.Options, v bool) { o.Now = v }, func(o dates.Options) bool { return o.Now }},
		{"current-adjective", func(o *dates.Options, v bool) { o.CurrentAdjective = v }, func(o dates.Options) bool { return o.CurrentAdjective }},
		{"last-season-year-before", func(o *dates.Options, v bool) { o.LastSeasonYearBefore = v }, func(o dates.Options) bool { return o.LastSeasonYearBefore }},
	}
	name := func(o dates.Options) string {
		var parts []string
		for _, kn := range knobs {
			if kn.get(o) {
				parts = append(parts, kn.name)
			} else {
				parts = append(parts, "no-"+kn.name)
			}
		}
		return strings.Join(parts, " ")
	}
	score := func(o dates.Options) ([]eval.DateScore, error) {
		p := verbatim.NewPipeline(clean.Stage, text.Stage, dates.NewStage(o))
		return eval.DatesPerDoc(docs, p.Analyze)
	}
	var cs []eval.Choice
	def := -1
	for m := 0; m < 1<<len(knobs); m++ {
		var o dates.Options
		for i, kn := range knobs {
			kn.set(&o, m&(1<<i) != 0)
		}
		per, err := score(o)
		if err != nil {
			return err
		}
		if o == dates.Defaults {
			def = len(cs)
		}
		cs = append(cs, eval.Choice{Name: name(o), Per: per})
	}
	folds := eval.KFolds(len(docs), k)
	sel := eval.Select(cs, folds)
	all := eval.FoldScore(cs[def].Per, eval.KFolds(len(docs), 1)[0])
	fmt.Fprintf(w, "\nreadings chosen on the other folds (dates.Options), %d folds:\n", len(folds))
	count := map[string]int{}
	for _, c := range sel.Chosen {
		count[c]++
	}
	for c, n := range count {
		fmt.Fprintf(w, "  %d× %s\n", n, c)
	}
	fmt.Fprintf(w, "  held-out value F1 of choosing: %.3f; of the defaults (%s): %.3f\n", sel.Held.ValueF1(), cs[def].Name, all.ValueF1())
	for i, kn := range knobs {
		o := dates.Defaults
		kn.set(&o, !kn.get(o))
		alt := cs[def^(1<<i)]
		printFoldsVs(w, fmt.Sprintf("%s turned %s", kn.name, map[bool]string{true: "on", false: "off"}[kn.get(o)]), folds, alt.Per, cs[def].Per, "defaults")
	}
	return nil
}
