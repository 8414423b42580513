package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/names"
)

// trainCmd groups the commands that reproduce Verbatim's trained models.
var trainCmd = &cobra.Command{
	Use:   "train",
	Short: "Train Verbatim's statistical models from the data in ../shared/data",
}

func init() {
	var (
		conll, out string
		opt        names.TrainOptions
	)
	ner := &cobra.Command{
		Use:   "ner",
		Short: "Train the name tagger (averaged perceptron) on CoNLL-2003 and write names/ner.model.gz",
		Example: "  verbatim train ner --conll ../shared/data/conll2003/train.txt --out names/ner.model.gz\n" +
			"  go build ./cmd/verbatim   # the model is embedded at build time",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return names.TrainNER(conll, out, opt, cmd.ErrOrStderr())
		},
	}
	ner.Flags().StringVar(&conll, "conll", "../shared/data/conll2003/train.txt", "CoNLL-2003 training file (IOB2)")
	ner.Flags().StringVar(&out, "out", "names/ner.model.gz", "model file to write")
	def := names.DefaultTrainOptions
	ner.Flags().IntVar(&opt.Epochs, "epochs", def.Epochs, "training passes")
	ner.Flags().UintVar(&opt.Bits, "bits", def.Bits, "log2 of the hashed feature table size")
	ner.Flags().StringVar(&opt.Dev, "dev", "", "CoNLL file to score after each epoch (progress only)")
	ner.Flags().Uint64Var(&opt.Seed, "seed", def.Seed, "shuffling seed")
	ner.Flags().IntVar(&opt.Folds, "folds", 0, "cross-validate on --conll with this many folds instead of writing a model")
	ner.Flags().Float64Var(&opt.Dropout, "dropout", def.Dropout, "probability that a capitalised training word is seen without its identity")
	ner.Flags().Float64Var(&opt.Cased, "cased", def.Cased, "share of training sentences also seen in Title Case and in capitals")
	trainCmd.AddCommand(ner)
	root.AddCommand(trainCmd)
}

// polnearTrainFlag adds the --polnear flag of the commands that learn from
// PolNeAR train, defaulting to the split in ../shared when there is one.
func polnearTrainFlag(cmd *cobra.Command, dir *string) {
	def := ""
	if d := shared.Dir(); d != "" {
		def = filepath.Join(d, "data", "polnear", "train")
	}
	cmd.Flags().StringVar(dir, "polnear", def, "PolNeAR training split (text/ and attributions/)")
}

// writeModel creates path and writes it with write; the file is closed
// either way, and a failed close is an error (a model half written).
func writeModel(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
