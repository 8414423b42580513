package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/stories"
)

func init() {
	var dir string
	cmd := &cobra.Command{
		Use:   "persons [--dir DIR]",
		Short: "One person across articles on ECB+: B-cubed and cross-document link P/R/F1 (as score_persons.py)",
		Example: "  verbatim eval persons\n" +
			"  # the same numbers from the reference scorer:\n" +
			"  verbatim extract --format jsonl ../shared/data/ecbplus/articles.jsonl > /tmp/ext.jsonl\n" +
			"  verbatim stories --format jsonl --merges ../shared/data/ecbplus/articles.jsonl > /tmp/merges.out\n" +
			"  python3 ../shared/tools/score_persons.py ../shared/data/ecbplus/gold_persons.jsonl /tmp/ext.jsonl /tmp/merges.out",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				dir = filepath.Join(shared.Dir(), "data/ecbplus")
			}
			docs, _ := analyzeAll([]string{filepath.Join(dir, "articles.jsonl")}, input.Options{}, 0, os.Stderr)
			if len(docs) == 0 {
				return fmt.Errorf("no articles in %s", dir)
			}
			s, err := scorePersons(filepath.Join(dir, "gold_persons.jsonl"), docs)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "persons on %s: %d articles, %d units, %d gold people, found %.4f, %d identities\n"+
				"  B-cubed  P %.4f  R %.4f  F1 %.4f\n  xdoc links  P %.4f  R %.4f  F1 %.4f  (gold %d, predicted %d)\n",
				dir, len(docs), s.Units, s.GoldPeople, ratioOf(s.Found, s.Units), s.Identities,
				s.P, s.R, s.F1(), s.LinkP(), s.LinkR(), s.LinkF1(), s.LinksGold, s.LinksPred)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "ECB+ directory with articles.jsonl and gold_persons.jsonl (default ../shared/data/ecbplus)")
	evalCmd.AddCommand(cmd)
}

// scorePersons groups analysed articles into stories, as `verbatim
// stories --merges` does, and scores the resolver's identities.
func scorePersons(gold string, docs []*verbatim.Doc) (eval.PersonsScore, error) {
	c := stories.Batch(docs, stories.Options{})
	ents := map[string][]verbatim.EntityOut{}
	for _, d := range docs {
		ents[d.ID] = d.Result().Entities
	}
	lines := make([]string, len(c.Resolver.Decisions))
	for i, d := range c.Resolver.Decisions {
		lines[i] = d.String()
	}
	return eval.ScorePersons(gold, ents, lines)
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
