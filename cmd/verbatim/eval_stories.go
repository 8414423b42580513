package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/stories"
)

func init() {
	var dir, bbc string
	var threshold float64
	var all bool
	cmd := &cobra.Command{
		Use:   "stories [--dir DIR] [--bbc DIR]",
		Short: "Story clustering: B-cubed P/R/F1 on WikiRef220 (label = file-name prefix), and a sanity report on BBC politics",
		RunE: func(cmd *cobra.Command, args []string) error {
			sh := shared.Dir()
			if dir == "" {
				dir = filepath.Join(sh, "data/wikiref220/WikiRef220")
			}
			if bbc == "" && sh != "" {
				bbc = filepath.Join(sh, "data/bbc/politics")
			}
			opt := stories.Options{Threshold: threshold}
			docs, _ := analyzeAll([]string{dir}, input.Options{}, 0, os.Stderr)
			if len(docs) == 0 {
				return fmt.Errorf("no articles in %s", dir)
			}
			t0 := time.Now()
			c := stories.Batch(docs, opt)
			el := time.Since(t0)
			gold, pred := map[string]string{}, map[string]string{}
			for i, a := range c.Articles() {
				gold[a.ID] = eval.WikiRefLabel(docs[i].Source)
				pred[a.ID] = a.Story
			}
			b := eval.ScoreBCubed(gold, pred)
			fmt.Printf("wikiref220  %d articles, %d gold clusters, %d stories  B-cubed P %.3f  R %.3f  F1 %.3f  (clustering %.0f articles/s)\n",
				b.Items, distinct(gold), len(c.Stories()), b.P, b.R, b.F1(), float64(len(docs))/el.Seconds())
			if bbc != "" {
				if _, err := os.Stat(bbc); err == nil {
					docs, _ := analyzeAll([]string{bbc}, input.Options{}, 0, os.Stderr)
					t0 := time.Now()
					c := stories.Batch(docs, opt)
					el := time.Since(t0)
					reportSanity("bbc/politics", docs, c, el)
				}
			}
			if all && sh != "" {
				// stories must not cross the five BBC categories: B-cubed
				// precision against the category is a lower bound on purity
				docs, _ := analyzeAll([]string{filepath.Join(sh, "data/bbc")}, input.Options{}, 0, os.Stderr)
				t0 := time.Now()
				c := stories.Batch(docs, opt)
				el := time.Since(t0)
				gold, pred := map[string]string{}, map[string]string{}
				for i, a := range c.Articles() {
					gold[a.ID] = filepath.Base(filepath.Dir(docs[i].Source))
					pred[a.ID] = a.Story
				}
				b := eval.ScoreBCubed(gold, pred)
				fmt.Printf("bbc (all)  %d articles -> %d stories; B-cubed precision against the 5 categories %.3f  (clustering %.0f articles/s)\n",
					b.Items, len(c.Stories()), b.P, float64(len(docs))/el.Seconds())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "WikiRef220 directory (default ../shared/data/wikiref220/WikiRef220)")
	cmd.Flags().StringVar(&bbc, "bbc", "", "directory for the no-gold sanity report (default ../shared/data/bbc/politics)")
	cmd.Flags().BoolVar(&all, "bbc-all", false, "also cluster the whole BBC corpus and report category purity (B-cubed precision against the 5 categories)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "similarity to join a story (default: the clusterer's)")
	evalCmd.AddCommand(cmd)
}

func distinct(m map[string]string) int {
	s := map[string]bool{}
	for _, v := range m {
		s[v] = true
	}
	return len(s)
}

// reportSanity prints what can be measured without gold: how many stories,
// how many singletons, the largest stories and their titles, and copies.
func reportSanity(name string, docs []*verbatim.Doc, c *stories.Clusterer, el time.Duration) {
	ss := c.Stories()
	sizes := make([]int, 0, len(ss))
	single := 0
	for _, s := range ss {
		sizes = append(sizes, len(s.Articles))
		if len(s.Articles) == 1 {
			single++
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
	copies := 0
	for _, a := range c.Articles() {
		if a.CopyOf != "" {
			copies++
		}
	}
	fmt.Printf("%s  %d articles -> %d stories (%d singletons, %d in multi-article stories), largest %v, %d syndicated copies  (clustering %.0f articles/s)\n",
		name, len(docs), len(ss), single, len(docs)-single, sizes[:min(5, len(sizes))], copies, float64(len(docs))/el.Seconds())
	sort.SliceStable(ss, func(a, b int) bool { return len(ss[a].Articles) > len(ss[b].Articles) })
	for _, s := range ss[:min(5, len(ss))] {
		fmt.Printf("   %3d  %s\n", len(s.Articles), s.Title)
	}
}
