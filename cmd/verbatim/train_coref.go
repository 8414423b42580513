package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

// `verbatim train coref` learns the weights that rank the antecedents of a
// pronoun or descriptor (package coref) from the speakers training split:
// every speaker mention the pipeline ranks candidates for, in a statement
// that matches a gold one (the scorer's lenient rule), is an example whose
// right candidates are the entities named as the gold speaker. The weights
// start from the seed weights and are penalised (L2) for leaving them; the
// penalty is the one with the best 5-fold cross-validated ranking accuracy
// on the split (a large one keeps the seed weights); the weights are then
// fitted on all of it. Reproduce the
// committed weights with:
//
//	go run ./cmd/verbatim train coref --out coref/data/weights.txt
func init() {
	var gold, out string
	var folds, iters int
	var fixedL2 float64
	cmd := &cobra.Command{
		Use:   "coref",
		Short: "Learn the antecedent ranking of package coref from speakers train (writes coref/data/weights.txt)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			log := cmd.ErrOrStderr()
			docs, err := corefExamples(gold)
			if err != nil {
				return err
			}
			n := 0
			for _, ex := range docs {
				n += len(ex)
			}
			fmt.Fprintf(log, "train coref: %d articles, %d ranked speaker mentions with a right candidate\n", len(docs), n)
			var all []coref.Example
			for _, ex := range docs {
				all = append(all, ex...)
			}
			bestL2, bestAcc := 0.0, -1.0
			grid := []float64{0, 0.01, 0.1, 1, 10}
			if fixedL2 >= 0 {
				grid = []float64{fixedL2}
			}
			for _, l2 := range grid {
				ok, tot := 0.0, 0
				for f := 0; f < folds; f++ {
					var tr, te []coref.Example
					for i, ex := range docs {
						if i%folds == f {
							te = append(te, ex...)
						} else {
							tr = append(tr, ex...)
						}
					}
					w := coref.Fit(tr, coref.SeedWeights(), l2, iters)
					ok += coref.Accuracy(te, w) * float64(len(te))
					tot += len(te)
				}
				acc := ok / float64(max(tot, 1))
				fmt.Fprintf(log, "  l2 %-6g cross-validated ranking accuracy %.4f\n", l2, acc)
				if acc >= bestAcc { // among equals, the more regularised
					bestL2, bestAcc = l2, acc
				}
			}
			w := coref.Fit(all, coref.SeedWeights(), bestL2, iters)
			fmt.Fprintf(log, "train coref: l2 %g, accuracy on train %.4f (seed weights %.4f)\n", bestL2, coref.Accuracy(all, w), coref.Accuracy(all, coref.SeedWeights()))
			comment := fmt.Sprintf("Antecedent ranking weights of package coref, learnt by `verbatim train coref`\nfrom speakers/train: %d mentions, l2 %g (%d-fold cross-validated ranking accuracy %.3f).",
				len(all), bestL2, folds, bestAcc)
			return writeModel(out, func(wr io.Writer) error { return coref.WriteWeights(wr, w, comment) })
		},
	}
	def := ""
	if d := shared.Dir(); d != "" {
		def = filepath.Join(d, "data", "speakers", "train.jsonl")
	}
	cmd.Flags().StringVar(&gold, "speakers", def, "speakers gold file (its input records beside it as NAME.in.jsonl)")
	cmd.Flags().StringVar(&out, "out", "coref/data/weights.txt", "weights file to write")
	cmd.Flags().IntVar(&folds, "folds", 5, "cross-validation folds (by article)")
	cmd.Flags().IntVar(&iters, "iters", 300, "gradient steps")
	cmd.Flags().Float64Var(&fixedL2, "l2", -1, "L2 penalty (negative: chosen by cross-validation)")
	trainCmd.AddCommand(cmd)
}

// corefExamples analyses the input records of a speakers gold file one at a
// time and returns, per article, the rankings of the speaker mentions of the
// statements that match gold, labelled by the gold speaker.
func corefExamples(goldPath string) ([][]coref.Example, error) {
	gold, err := eval.LoadSeedGold(goldPath)
	if err != nil {
		return nil, err
	}
	type event struct {
		sp    verbatim.Span
		cands []coref.Candidate
	}
	var events []event
	coref.Observe(func(d *verbatim.Doc, sp verbatim.Span, cands []coref.Candidate) {
		events = append(events, event{sp, append([]coref.Candidate(nil), cands...)})
	})
	defer coref.Observe(nil)
	p := pipeline.New()
	var docs [][]coref.Example
	var readErr error
	src := strings.TrimSuffix(goldPath, ".jsonl") + ".in.jsonl"
	err = input.Read([]string{src}, input.Options{}, func(a verbatim.Article, err error) error {
		if err != nil {
			readErr = err
			return nil
		}
		g, ok := gold[a.ID]
		if !ok {
			return nil
		}
		events = events[:0]
		d, err := p.Analyze(a)
		if err != nil {
			return err
		}
		r := d.Result()
		pred := make([]eval.PredQuote, len(r.Quotes))
		for i, q := range r.Quotes {
			pred[i] = eval.PredQuote{Text: q.Text}
		}
		var ex []coref.Example
		for _, m := range eval.MatchQuotes(g, pred, 0.3) {
			q := d.Quotes[m[1]]
			var ev *event
			for i := range events {
				if q.SpeakerAt.Contains(events[i].sp) {
					ev = &events[i]
				}
			}
			if ev == nil {
				continue
			}
			e := coref.Example{Cands: ev.cands, Right: make([]bool, len(ev.cands))}
			any := false
			for i, c := range ev.cands {
				e.Right[i] = eval.SamePerson(d.Entities[c.Entity].Name, g[m[0]].Speaker)
				any = any || e.Right[i]
			}
			if any {
				ex = append(ex, e)
			}
		}
		docs = append(docs, ex)
		return nil
	})
	if err == nil {
		err = readErr
	}
	return docs, err
}
