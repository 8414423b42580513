package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/text"
)

func init() {
	var (
		conll, out string
		noClean    bool
	)
	cmd := &cobra.Command{
		Use:   "names",
		Short: "Score the name finder on CoNLL-2003 (exact span and type, PER/ORG/LOC; as score_ner.py)",
		Example: "  verbatim eval names --conll ../shared/data/conll2003/valid.txt --out /tmp/ner.jsonl\n" +
			"  python3 ../shared/tools/score_ner.py score ../shared/data/conll2003/valid.txt /tmp/ner.jsonl",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := eval.ReadCoNLL(conll)
			if err != nil {
				return err
			}
			p := verbatim.NewPipeline(clean.Stage, text.Stage, names.Stage)
			stages := "clean+text+names"
			if noClean {
				// Lines as paragraphs, nothing blanked: the names stage alone
				// on the tokens of package text.
				p = verbatim.NewPipeline(verbatim.StageFunc{N: "lines", F: linesAsParagraphs}, text.Stage, names.Stage)
				stages = "lines+text+names"
			}
			pred := map[string][]verbatim.EntityOut{}
			var enc *json.Encoder
			if out != "" {
				fh, err := os.Create(out)
				if err != nil {
					return err
				}
				defer fh.Close()
				enc = json.NewEncoder(fh)
			}
			t0 := time.Now()
			tokens := 0
			for _, nd := range docs {
				d, err := p.Analyze(verbatim.Article{ID: nd.ID, Text: nd.Text})
				if err != nil {
					return fmt.Errorf("%s: %w", nd.ID, err)
				}
				tokens += len(d.Tokens)
				r := d.Result()
				pred[nd.ID] = r.Entities
				if enc != nil {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
			}
			el := time.Since(t0)
			s := eval.ScoreNER(docs, pred)
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "names on %s: %d documents, %d tokens, %.0f tokens/s (%s)\n", conll, len(docs), tokens, float64(tokens)/el.Seconds(), stages)
			for _, ty := range []string{"PER", "ORG", "LOC"} {
				fmt.Fprintf(w, "  %-4s %s  (tp %d fp %d fn %d)\n", ty, s.Types[ty], s.Types[ty].TP, s.Types[ty].FP, s.Types[ty].FN)
			}
			fmt.Fprintf(w, "  ALL  %s\n", s.All)
			return nil
		},
	}
	cmd.Flags().StringVar(&conll, "conll", "../shared/data/conll2003/valid.txt", "CoNLL-2003 file to score on")
	cmd.Flags().BoolVar(&noClean, "no-clean", false, "skip the cleaning stage (each line a paragraph, nothing blanked as noise)")
	cmd.Flags().StringVar(&out, "out", "", "also write the predictions as JSON Lines (for score_ner.py)")
	evalCmd.AddCommand(cmd)
}

// linesAsParagraphs makes each line of the text a paragraph and the cleaned
// text the text itself.
func linesAsParagraphs(d *verbatim.Doc) {
	d.Clean = d.Text
	d.Paragraphs = d.Paragraphs[:0]
	start := 0
	for i := 0; i <= len(d.Text); i++ {
		if i == len(d.Text) || d.Text[i] == '\n' {
			if i > start {
				d.Paragraphs = append(d.Paragraphs, verbatim.Span{Start: start, End: i})
			}
			start = i + 1
		}
	}
}
