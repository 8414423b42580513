package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/quotes"
	"github.com/verbatim-news/verbatim/text"
)

// `verbatim train quotes` trains the cue model of the quotes stage (an
// averaged perceptron over hashed features) on the PolNeAR training split.
// Reproduce the committed model with:
//
//	go run ./cmd/verbatim train quotes --out quotes/data/cue.model.gz
func init() {
	var dir, out string
	var holdout int
	opt := quotes.CueTrainOptions{}
	cmd := &cobra.Command{
		Use:   "quotes",
		Short: "Train the cue model of the quotes stage on PolNeAR train (writes quotes/data/cue.model.gz)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := loadCueDocs(dir, clean.Stage, text.Stage)
			if err != nil {
				return err
			}
			var train, dev []quotes.CueTrainDoc
			for i, d := range docs {
				if holdout > 0 && i%holdout == 0 {
					dev = append(dev, d)
				} else {
					train = append(train, d)
				}
			}
			return writeModel(out, func(w io.Writer) error {
				return quotes.TrainCueModel(train, dev, opt, w, cmd.ErrOrStderr())
			})
		},
	}
	polnearTrainFlag(cmd, &dir)
	cmd.Flags().StringVar(&out, "out", "quotes/data/cue.model.gz", "model file to write")
	cmd.Flags().IntVar(&holdout, "holdout", 0, "keep every Nth article out of training and score it (0: train on all)")
	c := cueDefaults
	cmd.Flags().IntVar(&opt.Epochs, "epochs", c.Epochs, "training passes")
	cmd.Flags().UintVar(&opt.Bits, "bits", c.Bits, "log2 of the hashed feature table size")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", c.Seed, "shuffling seed")
	cmd.Flags().Float64Var(&opt.Threshold, "threshold", c.Threshold, "least score of a cue")
	cmd.Flags().Float64Var(&opt.ObjectThr, "object-threshold", c.ObjectThr, "least score of a cue whose object alone is content")
	cmd.Flags().IntVar(&opt.MinHead, "min-head", c.MinHead, "least times a word heads a cue in training to be scored at all")
	trainCmd.AddCommand(cmd)
}

// cueDefaults are the settings of the committed cue model (`verbatim train
// quotes` without flags); `verbatim train verify` trains its cross-fitted
// cue models with them too.
var cueDefaults = quotes.CueTrainOptions{Epochs: 8, Bits: 18, Seed: 1, Threshold: 0, ObjectThr: 2, MinHead: 1}

// loadCueDocs reads a PolNeAR split (one annotator per article, the first in
// name order, as the scorer) through the stages (cleaning and text at
// least), with the byte spans of the gold cues.
func loadCueDocs(dir string, stages ...verbatim.Stage) ([]quotes.CueTrainDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil || len(anns) == 0 {
		return nil, fmt.Errorf("no annotations under %s", dir)
	}
	sort.Strings(anns)
	p := verbatim.NewPipeline(stages...)
	seen := map[string]bool{}
	var out []quotes.CueTrainDoc
	for _, a := range anns {
		base := filepath.Base(a)
		art := base[:strings.LastIndex(base, "_")]
		if seen[art] {
			continue
		}
		seen[art] = true
		b, err := os.ReadFile(filepath.Join(dir, "text", art+".txt"))
		if err != nil {
			continue
		}
		ar, err := input.FromText(b, art, input.Options{})
		if err != nil {
			continue
		}
		d, err := p.Analyze(ar)
		if err != nil {
			return nil, err
		}
		// code point -> byte offsets
		cp := make([]int, 0, len(d.Text)+1)
		for i := range d.Text {
			cp = append(cp, i)
		}
		cp = append(cp, len(d.Text))
		f, err := os.Open(a)
		if err != nil {
			return nil, err
		}
		td := quotes.CueTrainDoc{Doc: d}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			parts := strings.Split(sc.Text(), "\t")
			if len(parts) < 2 || !strings.HasPrefix(parts[0], "T") || !strings.HasPrefix(parts[1], "Cue ") {
				continue
			}
			seg := strings.Fields(strings.SplitN(strings.TrimPrefix(parts[1], "Cue "), ";", 2)[0])
			if len(seg) != 2 {
				continue
			}
			s, err1 := strconv.Atoi(seg[0])
			e, err2 := strconv.Atoi(seg[1])
			if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(cp) {
				continue
			}
			td.Cues = append(td.Cues, verbatim.Span{Start: cp[s], End: cp[e]})
		}
		f.Close()
		sort.Slice(td.Cues, func(i, j int) bool { return td.Cues[i].Start < td.Cues[j].Start })
		out = append(out, td)
	}
	return out, nil
}
