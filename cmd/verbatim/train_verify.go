package main

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/quotes"
	"github.com/verbatim-news/verbatim/text"
)

// `verbatim train verify` trains the verifier of the quotes stage (a
// logistic regression that scores every attribution the rules find) on the
// PolNeAR training split. The candidates are found with cross-fitted cue
// models (each tenth of the split by a cue model trained on the other nine:
// the committed cue model has seen the whole split, and proposes better cues
// there than on new text), each is labelled by whether it matches a gold
// attribution (the scorer's lenient rule, one-to-one), the threshold is the
// one with the best lenient F1 on held-out tenths (each scored by a verifier
// trained on the other nine), and the model is then fitted on the whole
// split. Reproduce the committed model with:
//
//	go run ./cmd/verbatim train verify --out quotes/data/verify.model.gz
func init() {
	var dir, out string
	var holdout int
	var folds int
	var cueThr, cueObjThr, minGain float64
	opt := quotes.VerifyTrainOptions{}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Train the verifier of the quotes stage on PolNeAR train (writes quotes/data/verify.model.gz)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			log := cmd.ErrOrStderr()
			cueOpt := cueDefaults
			cueOpt.Threshold, cueOpt.ObjectThr = cueThr, cueObjThr
			docs, err := loadVerifyDocs(dir, folds, cueOpt)
			if err != nil {
				return err
			}
			cands, match := flatten(docs)
			originStats(log, cands, match)
			pos := 0
			for _, y := range match {
				if y {
					pos++
				}
			}
			fmt.Fprintf(log, "train verify: %d articles, %d candidates (%d match gold)\n", len(docs), len(cands), pos)
			thr := 0.0
			if holdout > 1 {
				// each tenth scored by a verifier trained on the other nine
				prob := heldOutProbs(docs, holdout, func(train []candDoc) func(*quotes.VerifyCandidate) float64 {
					c, y := flatten(train)
					return quotes.TrainVerifier(c, y, opt).Prob
				})
				thr = chooseThreshold(log, docs, prob, minGain)
				reliability(log, docs, prob)
			}
			m := quotes.TrainVerifier(cands, match, opt)
			m.SetThreshold(thr)
			return writeModel(out, m.Write)
		},
	}
	polnearTrainFlag(cmd, &dir)
	cmd.Flags().StringVar(&out, "out", "quotes/data/verify.model.gz", "model file to write")
	cmd.Flags().IntVar(&holdout, "holdout", 10, "cross-validation folds of the verifier that choose its threshold (0: threshold 0)")
	cmd.Flags().Float64Var(&minGain, "min-gain", 0.002, "least held-out F1 gain for the verifier to drop candidates")
	cmd.Flags().Float64Var(&cueThr, "cue-threshold", cueDefaults.Threshold, "the cross-fitted cue models' threshold (the committed one's)")
	cmd.Flags().Float64Var(&cueObjThr, "cue-object-threshold", cueDefaults.ObjectThr, "the cross-fitted cue models' object threshold (the committed one's)")
	cmd.Flags().IntVar(&folds, "folds", 10, "cross-fitting folds of the cue model that proposes the candidates")
	logisticFlags(cmd, &opt, 14)
	trainCmd.AddCommand(cmd)
}

// logisticFlags adds the training flags of a logistic regression of the
// quotes stage (the verifier, the statement model); bits is the default
// table size.
func logisticFlags(cmd *cobra.Command, opt *quotes.VerifyTrainOptions, bits uint) {
	cmd.Flags().IntVar(&opt.Epochs, "epochs", 5, "training passes")
	cmd.Flags().UintVar(&opt.Bits, "bits", bits, "log2 of the hashed feature table size")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "shuffling seed")
	cmd.Flags().Float64Var(&opt.Rate, "rate", 0.05, "AdaGrad learning rate")
	cmd.Flags().Float64Var(&opt.L2, "l2", 1e-3, "L2 penalty per example")
}

// loadVerifyDocs runs the stages before quotes over a PolNeAR split (one
// annotator per article, as the scorer), finds the quotes stage's candidates
// with cross-fitted cue models (folds of the split) and labels them against
// the gold attributions.
func loadVerifyDocs(dir string, folds int, cueOpt quotes.CueTrainOptions) ([]candDoc, error) {
	gold, err := eval.LoadPolNeARGold(dir)
	if err != nil {
		return nil, err
	}
	docs, err := loadCueDocs(dir, clean.Stage, text.Stage, names.Stage)
	if err != nil {
		return nil, err
	}
	cands, err := quotes.CrossFitCandidates(docs, folds, cueOpt)
	if err != nil {
		return nil, err
	}
	out := make([]candDoc, len(docs))
	for i, td := range docs {
		out[i] = labelCandidates(td.Doc, cands[i], gold[td.Doc.ID])
	}
	return out, nil
}

// chooseThreshold scores the articles with the candidates kept at each
// threshold (protected ones always) given their held-out probabilities and
// returns the threshold of the best lenient F1, or 0 (drop nothing) when
// that gains less than minGain over keeping every candidate: a gain within
// the noise of 840 articles is no reason to drop attributions.
func chooseThreshold(log io.Writer, docs []candDoc, prob [][]float64, minGain float64) float64 {
	best, bestF, allF := 0.0, -1.0, 0.0
	for t := 0; t <= 80; t += 2 {
		thr := float64(t) / 100
		s := scoreKept("polnear", docs, func(i, j int) bool { return docs[i].cands[j].Protected || prob[i][j] >= thr })
		fmt.Fprintf(log, "  held-out thr %.2f: P %.3f R %.3f F1 %.3f spk %.3f e2e %.3f pred %d\n", thr, s.P, s.R, s.F1, s.SpeakerAcc, s.EndToEndF1, s.Pred)
		if t == 0 {
			allF = s.F1
		}
		if s.F1 > bestF {
			best, bestF = thr, s.F1
		}
	}
	fmt.Fprintf(log, "best threshold %.2f (held-out F1 %.4f; %.4f keeping all)\n", best, bestF, allF)
	if bestF-allF < minGain {
		fmt.Fprintf(log, "gain below %.4f: threshold 0\n", minGain)
		return 0
	}
	return best
}

// reliability prints held-out probability bins against the share of
// candidates in them that match gold, and the log-loss.
func reliability(log io.Writer, docs []candDoc, prob [][]float64) {
	var n, pos [10]int
	var sum [10]float64
	ll, all := 0.0, 0
	for i, d := range docs {
		for j, p := range prob[i] {
			b := min(int(p*10), 9)
			n[b]++
			sum[b] += p
			all++
			if d.label[j] {
				pos[b]++
				ll -= math.Log(max(p, 1e-9))
			} else {
				ll -= math.Log(max(1-p, 1e-9))
			}
		}
	}
	fmt.Fprintf(log, "reliability (held-out candidates; log-loss %.4f): bin, count, mean predicted, observed precision\n", ll/float64(max(all, 1)))
	for b := range n {
		if n[b] == 0 {
			continue
		}
		fmt.Fprintf(log, "  %.1f-%.1f %5d %.3f %.3f\n", float64(b)/10, float64(b+1)/10, n[b], sum[b]/float64(n[b]), float64(pos[b])/float64(n[b]))
	}
}

// originStats prints how many candidates of each cue origin and type match
// gold.
func originStats(log io.Writer, cands []quotes.VerifyCandidate, match []bool) {
	type key struct{ origin, typ string }
	n, pos := map[key]int{}, map[key]int{}
	for i, c := range cands {
		k := key{c.Origin, string(c.Quote.Type)}
		n[k]++
		if match[i] {
			pos[k]++
		}
	}
	keys := make([]key, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].origin+keys[i].typ < keys[j].origin+keys[j].typ })
	for _, k := range keys {
		fmt.Fprintf(log, "  %-9s %-8s %5d candidates, %.3f match\n", k.origin, k.typ, n[k], float64(pos[k])/float64(n[k]))
	}
}
