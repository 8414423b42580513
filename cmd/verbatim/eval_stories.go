package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
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
	var dir, ecb, bbc string
	var threshold float64
	var all bool
	var orders int
	cmd := &cobra.Command{
		Use:   "stories [--ecb DIR] [--dir DIR] [--bbc DIR]",
		Short: "Stories: B-cubed on ECB+ (stories against events and topics, topics against topics, over several input orders), on WikiRef220 (topics), and a sanity report on BBC politics",
		RunE: func(cmd *cobra.Command, args []string) error {
			sh := shared.Dir()
			if ecb == "" && sh != "" {
				ecb = filepath.Join(sh, "data/ecbplus")
			}
			if dir == "" {
				dir = filepath.Join(sh, "data/wikiref220/WikiRef220")
			}
			if bbc == "" && sh != "" {
				bbc = filepath.Join(sh, "data/bbc/politics")
			}
			opt := stories.Options{Threshold: threshold}
			if ecb != "" {
				if err := evalECB(ecb, opt, orders); err != nil {
					return err
				}
			}
			docs, _ := analyzeAll([]string{dir}, input.Options{}, 0, os.Stderr)
			if len(docs) == 0 {
				return fmt.Errorf("no articles in %s", dir)
			}
			t0 := time.Now()
			c := stories.Batch(docs, opt)
			el := time.Since(t0)
			gold, pred, topic := map[string]string{}, map[string]string{}, map[string]string{}
			for i, a := range c.Articles() {
				gold[a.ID] = eval.WikiRefLabel(docs[i].Source)
				pred[a.ID] = a.Story
			}
			topicOf := map[string]string{}
			for _, s := range c.Stories() {
				topicOf[s.ID] = s.Topic
			}
			for id, s := range pred {
				topic[id] = topicOf[s]
			}
			b, bt := eval.ScoreBCubed(gold, pred), eval.ScoreBCubed(gold, topic)
			fmt.Printf("wikiref220  %d articles, %d gold clusters (topics, not events) -> %d stories in %d topics  (clustering %.0f articles/s)\n",
				b.Items, distinct(gold), len(c.Stories()), len(c.Topics()), float64(len(docs))/el.Seconds())
			fmt.Printf("   topics:  B-cubed P %.3f  R %.3f  F1 %.3f\n", bt.P, bt.R, bt.F1())
			fmt.Printf("   stories: B-cubed P %.3f  R %.3f  F1 %.3f\n", b.P, b.R, b.F1())
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
	cmd.Flags().StringVar(&ecb, "ecb", "", "ECB+ directory with articles.jsonl and gold_topics.jsonl (default ../shared/data/ecbplus)")
	cmd.Flags().StringVar(&dir, "dir", "", "WikiRef220 directory (default ../shared/data/wikiref220/WikiRef220)")
	cmd.Flags().StringVar(&bbc, "bbc", "", "directory for the no-gold sanity report (default ../shared/data/bbc/politics)")
	cmd.Flags().BoolVar(&all, "bbc-all", false, "also cluster the whole BBC corpus and report category purity (B-cubed precision against the 5 categories)")
	cmd.Flags().IntVar(&orders, "orders", 5, "ECB+: score this many input orders (the file's, then shuffles)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "event similarity that keeps articles in one story (default: the clusterer's)")
	evalCmd.AddCommand(cmd)
}

// evalECB scores stories and topics on ECB+ (scored as score_stories.py
// scores `verbatim stories` output): stories against sub-topics (events)
// and topics, topics against topics, for the file's order and shuffles of
// it.
func evalECB(dir string, opt stories.Options, orders int) error {
	gold, err := eval.LoadStoryGold(filepath.Join(dir, "gold_topics.jsonl"))
	if err != nil {
		return err
	}
	docs, _ := analyzeAll([]string{filepath.Join(dir, "articles.jsonl")}, input.Options{}, 0, os.Stderr)
	if len(docs) == 0 {
		return fmt.Errorf("no articles in %s", dir)
	}
	subs, topics := map[string]bool{}, map[string]bool{}
	for _, g := range gold {
		subs[g.Subtopic], topics[g.Topic] = true, true
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var lo, hi float64 = 1, 0
	for k := range max(orders, 1) {
		in := slices.Clone(docs)
		if k > 0 {
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		}
		t0 := time.Now()
		c := stories.Batch(in, opt)
		el := time.Since(t0)
		story, topic := map[string]string{}, map[string]string{}
		topicOf := map[string]string{}
		for _, s := range c.Stories() {
			topicOf[s.ID] = s.Topic
		}
		for _, a := range c.Articles() {
			story[a.ID], topic[a.ID] = a.Story, topicOf[a.Story]
		}
		s, t := eval.ScoreStories(gold, story), eval.ScoreStories(gold, topic)
		f := s.Subtopic.F1()
		lo, hi = min(lo, f), max(hi, f)
		if k > 0 {
			continue
		}
		fmt.Printf("ecb+  %d articles, %d events in %d topics -> %d stories in %d topics  (clustering %.0f articles/s)\n",
			s.Subtopic.Items, len(subs), len(topics), s.Clusters, t.Clusters, float64(len(docs))/el.Seconds())
		fmt.Printf("   stories vs events (sub-topics): B-cubed P %.3f  R %.3f  F1 %.3f\n", s.Subtopic.P, s.Subtopic.R, f)
		fmt.Printf("   stories vs topics:              B-cubed P %.3f  R %.3f  F1 %.3f\n", s.Topic.P, s.Topic.R, s.Topic.F1())
		fmt.Printf("   topics vs topics:               B-cubed P %.3f  R %.3f  F1 %.3f\n", t.Topic.P, t.Topic.R, t.Topic.F1())
	}
	if orders > 1 {
		fmt.Printf("   %d input orders: stories vs events F1 %.3f – %.3f (spread %.3f)\n", orders, lo, hi, hi-lo)
	}
	return nil
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
