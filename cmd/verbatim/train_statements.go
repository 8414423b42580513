package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/quotes"
	"github.com/verbatim-news/verbatim/text"
)

// `verbatim train statements` trains the statement model of the quotes
// stage (kind.go): a logistic regression that tells a statement (something
// said, written, announced, shown in a document) from the other
// attributions. Its examples are every candidate the rules find (with the
// committed cue model and verifier) in
//   - speakers/train: a statement when it matches a gold statement (the
//     scorer's lenient rule, one to one), else not;
//   - polnear/train, each counting --polnear-weight: a statement when it
//     matches a gold attribution in a statement form (its cue no belief,
//     intention, perception or act; its content a quotation or a clause),
//     else not: PolNeAR annotates every attribution, and its other ones
//     are what the model must learn to leave out.
//
// The threshold is the centre of the best plateau of lenient F1 on held-out
// fifths of speakers/train (each scored by a model trained on the other four
// and all of polnear/train): the best mean F1 over the thresholds within
// ±0.10. Reproduce the committed model with:
//
//	go run ./cmd/verbatim train statements --out quotes/data/statement.model.gz
func init() {
	var polnear, speakers, out string
	var holdout int
	var pw float64
	var polAll bool
	opt := quotes.VerifyTrainOptions{}
	cmd := &cobra.Command{
		Use:   "statements",
		Short: "Train the statement model of the quotes stage on speakers/train and polnear/train (writes quotes/data/statement.model.gz)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			log := cmd.ErrOrStderr()
			sp, err := loadSpeakerDocs(speakers)
			if err != nil {
				return err
			}
			pol, err := loadPolnearStatementDocs(polnear, polAll)
			if err != nil {
				return err
			}
			fmt.Fprintf(log, "train statements: %d speakers articles (%d candidates), %d polnear articles (%d candidates)\n",
				len(sp), countCands(sp), len(pol), countCands(pol))
			thr := 0.5
			if holdout > 1 {
				prob := heldOutProbs(sp, holdout, func(train []candDoc) func(*quotes.VerifyCandidate) float64 {
					return trainStatements(train, pol, pw, opt).StatementProb
				})
				thr = chooseStatementThreshold(log, sp, prob)
			}
			m := trainStatements(sp, pol, pw, opt)
			m.SetThreshold(thr)
			return writeModel(out, m.Write)
		},
	}
	polnearTrainFlag(cmd, &polnear)
	def := ""
	if d := shared.Dir(); d != "" {
		def = filepath.Join(d, "data", "speakers")
	}
	cmd.Flags().StringVar(&speakers, "speakers", def, "the speakers data folder (train.in.jsonl and train.jsonl)")
	cmd.Flags().StringVar(&out, "out", "quotes/data/statement.model.gz", "model file to write")
	cmd.Flags().IntVar(&holdout, "holdout", 5, "cross-validation folds of speakers/train that choose the threshold (0: threshold 0.5)")
	cmd.Flags().Float64Var(&pw, "polnear-weight", 1, "weight of a PolNeAR example against a speakers one")
	cmd.Flags().BoolVar(&polAll, "polnear-all", false, "learn from every PolNeAR candidate (else only from its attributions that are not in a statement form)")
	logisticFlags(cmd, &opt, 15)
	trainCmd.AddCommand(cmd)
}

func countCands(docs []candDoc) int {
	n := 0
	for _, d := range docs {
		n += len(d.cands)
	}
	return n
}

// candidatesOf runs the quotes stage's rules over d (through names) and
// labels the candidates by whether they match gold.
func candidatesOf(d *verbatim.Doc, gold []eval.GoldQuote) candDoc {
	return labelCandidates(d, quotes.Candidates(d), gold)
}

// loadSpeakerDocs reads speakers/train.in.jsonl through the stages before
// quotes and labels the candidates against speakers/train.jsonl.
func loadSpeakerDocs(dir string) ([]candDoc, error) {
	gold, err := eval.LoadSeedGold(filepath.Join(dir, "train.jsonl"))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "train.in.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p := verbatim.NewPipeline(clean.Stage, text.Stage, names.Stage)
	var out []candDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		a, err := input.FromRecord(sc.Bytes(), input.Options{})
		if err != nil {
			return nil, err
		}
		g, ok := gold[a.ID]
		if !ok {
			continue
		}
		d, err := p.Analyze(a)
		if err != nil {
			return nil, err
		}
		out = append(out, candidatesOf(d, g))
	}
	return out, sc.Err()
}

// loadPolnearStatementDocs reads a PolNeAR split and labels its candidates:
// a statement when it matches a gold attribution and is in a statement
// form.
func loadPolnearStatementDocs(dir string, all bool) ([]candDoc, error) {
	gold, err := eval.LoadPolNeARGold(dir)
	if err != nil {
		return nil, err
	}
	docs, err := loadCueDocs(dir, clean.Stage, text.Stage, names.Stage)
	if err != nil {
		return nil, err
	}
	out := make([]candDoc, len(docs))
	for i, td := range docs {
		sd := candidatesOf(td.Doc, gold[td.Doc.ID])
		if all {
			for j := range sd.cands {
				sd.label[j] = sd.label[j] && sd.cands[j].StatementForm
			}
		} else {
			// only the attributions that are no statements
			var keep candDoc
			for j := range sd.cands {
				if sd.label[j] && !sd.cands[j].StatementForm {
					keep.cands = append(keep.cands, sd.cands[j])
					keep.label = append(keep.label, false)
				}
			}
			sd = keep
		}
		out[i] = sd
	}
	return out, nil
}

// trainStatements fits a statement model to the speakers articles sp and
// the PolNeAR articles pol (each of those examples weighing pw).
func trainStatements(sp, pol []candDoc, pw float64, opt quotes.VerifyTrainOptions) *quotes.Verifier {
	var c []quotes.VerifyCandidate
	var y []bool
	var w []float64
	for _, set := range []struct {
		docs []candDoc
		w    float64
	}{{sp, 1}, {pol, pw}} {
		if set.w <= 0 {
			continue
		}
		for _, d := range set.docs {
			c = append(c, d.cands...)
			y = append(y, d.label...)
			for range d.cands {
				w = append(w, set.w)
			}
		}
	}
	return quotes.TrainStatementModel(c, y, w, opt)
}

// chooseStatementThreshold returns the threshold at the centre of the best
// plateau (mean over ±0.10) of the lenient F1 of the statements kept (not
// ruled out by the lexicon; made one by it, or with a held-out probability
// at or above the threshold) against the speakers gold.
func chooseStatementThreshold(log io.Writer, docs []candDoc, prob [][]float64) float64 {
	var thrs, f1s []float64
	for t := 0; t <= 90; t += 2 {
		thr := float64(t) / 100
		s := scoreKept("speakers", docs, func(i, j int) bool {
			c := &docs[i].cands[j]
			return !c.NoStatement && (prob[i][j] >= thr || c.LexStatement)
		})
		fmt.Fprintf(log, "  held-out thr %.2f: P %.3f R %.3f F1 %.4f pred %d\n", thr, s.P, s.R, s.F1, s.Pred)
		thrs, f1s = append(thrs, thr), append(f1s, s.F1)
	}
	// The F1 curve is flat over a wide range, where the single best point
	// moves with every retraining: take the centre of the best plateau, the
	// threshold whose neighbours within ±0.10 have the best mean F1.
	const half = 5
	best, bestF, bestAt := 0.0, -1.0, 0.0
	for i := range thrs {
		sum, n := 0.0, 0
		for j := max(0, i-half); j <= min(len(thrs)-1, i+half); j++ {
			sum += f1s[j]
			n++
		}
		if m := sum / float64(n); m > bestF {
			best, bestF, bestAt = thrs[i], m, f1s[i]
		}
	}
	fmt.Fprintf(log, "best threshold %.2f (held-out F1 %.4f; mean over ±0.10 %.4f)\n", best, bestAt, bestF)
	return best
}
