package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

func init() {
	var seeds, polnear, speakers, out string
	var cpus int
	var train bool
	cmd := &cobra.Command{
		Use:   "quotes",
		Short: "Score quote attribution on the seeds, PolNeAR dev and speakers dev (rules of shared/tools/score_quotes.py)",
		Long: `Runs the pipeline over the seed reports, the PolNeAR split and the speakers
split (BBC statements with sources resolved to full names) and scores the
quotes found: lenient (word overlap >= 0.3) and strict (>= 0.8) P/R/F1,
speaker accuracy over matched pairs and end-to-end F1. PolNeAR, which
annotates every attribution, is scored with all kinds; the seeds and the
speakers split with the statements that extract prints by default. Pass an
empty path to skip a set; --train scores the speakers train split instead
of dev. --out DIR writes the predictions (seeds.jsonl, polnear.jsonl,
speakers.jsonl) for the Python scorer.`,
		Example: "  verbatim eval quotes\n  verbatim eval quotes --seeds '' --polnear '' --train   # speakers train only",
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			if seeds != "" {
				if err := evalQuoteSet(w, "seeds", seeds, filepath.Dir(seeds), out, cpus); err != nil {
					return err
				}
			}
			if polnear != "" {
				if err := evalQuoteSet(w, "polnear", polnear, filepath.Join(polnear, "text"), out, cpus); err != nil {
					return err
				}
			}
			if speakers != "" {
				if train && !cmd.Flags().Changed("speakers") {
					speakers = filepath.Join(filepath.Dir(speakers), "train.jsonl")
				}
				if err := evalQuoteSet(w, "speakers", speakers, strings.TrimSuffix(speakers, ".jsonl")+".in.jsonl", out, cpus); err != nil {
					return err
				}
			}
			return nil
		},
	}
	dir := shared.Dir()
	defSeeds, defPol, defSpk := "", "", ""
	if dir != "" {
		defSeeds = filepath.Join(dir, "seeds", "gold.jsonl")
		defPol = filepath.Join(dir, "data", "polnear", "dev")
		defSpk = filepath.Join(dir, "data", "speakers", "dev.jsonl")
	}
	cmd.Flags().StringVar(&seeds, "seeds", defSeeds, "seed gold file (texts beside it)")
	cmd.Flags().StringVar(&polnear, "polnear", defPol, "PolNeAR split folder (text/ and attributions/)")
	cmd.Flags().StringVar(&speakers, "speakers", defSpk, "speakers gold file (its input records beside it as NAME.in.jsonl)")
	cmd.Flags().BoolVar(&train, "train", false, "score the speakers train split (train.jsonl beside the dev gold)")
	cmd.Flags().StringVar(&out, "out", "", "write predictions as JSON Lines into this folder")
	cmd.Flags().IntVar(&cpus, "cpus", 1, "worker goroutines")
	evalCmd.AddCommand(cmd)
}

// evalQuoteSet runs the pipeline over the inputs of a gold set and scores
// them against the gold of kind at goldPath: "seeds" or "polnear" read the
// .txt files of src, "speakers" the input records of the JSON Lines file src.
func evalQuoteSet(w io.Writer, kind, goldPath, src, outDir string, cpus int) error {
	var gold map[string][]eval.GoldQuote
	var err error
	published := map[string]string{}
	if kind == "polnear" {
		gold, err = eval.LoadPolNeARGold(goldPath)
	} else {
		gold, err = eval.LoadSeedGold(goldPath)
	}
	if err != nil {
		return err
	}
	var in <-chan pipeline.Item
	if kind == "speakers" {
		if _, err := os.Stat(src); err != nil {
			return fmt.Errorf("speakers input records: %w", err)
		}
		in = readItems([]string{src}, input.Options{}, nil)
	} else {
		in = textItems(src, gold, published)
	}
	pred := map[string][]eval.PredQuote{}
	var ow io.Writer
	if outDir != "" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(outDir, kind+".jsonl"))
		if err != nil {
			return err
		}
		defer f.Close()
		ow = f
	}
	for it := range pipeline.Run(pipeline.New(), in, cpus) {
		if it.Err != nil || it.Doc == nil {
			fmt.Fprintln(os.Stderr, "eval quotes:", it.Article.ID, it.Err)
			continue
		}
		r := it.Doc.Result()
		if kind != "polnear" {
			r.OnlyStatements() // PolNeAR annotates every attribution; the others, statements
		}
		pq := make([]eval.PredQuote, 0, len(r.Quotes))
		for _, q := range r.Quotes {
			pq = append(pq, eval.PredQuote{Text: q.Text, Speaker: q.Speaker, SpeakerMention: q.SpeakerMention})
		}
		pred[r.ID] = pq
		if ow != nil {
			b, _ := json.Marshal(struct {
				ID     string              `json:"id"`
				Quotes []verbatim.QuoteOut `json:"quotes"`
			}{r.ID, r.Quotes})
			ow.Write(append(b, '\n'))
		}
	}
	eval.ScoreQuoteRun(kind, gold, pred).Table(w, kind)
	return nil
}

// textItems streams the .txt files of textDir whose stem has gold.
func textItems(textDir string, gold map[string][]eval.GoldQuote, published map[string]string) <-chan pipeline.Item {
	files, _ := filepath.Glob(filepath.Join(textDir, "*.txt"))
	sort.Strings(files)
	in := make(chan pipeline.Item, 16)
	go func() {
		defer close(in)
		for _, f := range files {
			id := strings.TrimSuffix(filepath.Base(f), ".txt")
			if _, ok := gold[id]; !ok {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				in <- pipeline.Item{Err: err}
				continue
			}
			a, err := input.FromText(b, id, input.Options{Published: published[id]})
			in <- pipeline.Item{Article: a, Err: err}
		}
	}()
	return in
}
