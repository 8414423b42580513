package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
)

// `verbatim train cues` learns P(cue | word) from the PolNeAR training split:
// for every word, how often it is annotated as the (single-word) cue of an
// attribution over how often it occurs. It writes quotes/data/cues_learned.txt,
// which the quotes stage embeds. Reproduce with:
//
//	go run ./cmd/verbatim train cues --polnear ../shared/data/polnear/train --out quotes/data/cues_learned.txt
func init() {
	var dir, out string
	var minCount int
	var minP float64
	cmd := &cobra.Command{
		Use:   "cues",
		Short: "Learn the cue lexicon P(cue|word) from PolNeAR train (writes quotes/data/cues_learned.txt)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return trainCues(dir, out, minCount, minP)
		},
	}
	polnearTrainFlag(cmd, &dir)
	cmd.Flags().StringVar(&out, "out", "quotes/data/cues_learned.txt", "output lexicon")
	cmd.Flags().IntVar(&minCount, "min-count", 2, "least number of cue annotations of a word")
	cmd.Flags().Float64Var(&minP, "min-p", 0.08, "least P(cue|word)")
	trainCmd.AddCommand(cmd)
}

func cueWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "’", "'")), func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'')
	})
}

func trainCues(dir, out string, minCount int, minP float64) error {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil || len(anns) == 0 {
		return fmt.Errorf("no annotations under %s", dir)
	}
	sort.Strings(anns)
	total := map[string]int{}
	asCue := map[string]int{}
	seen := map[string]bool{}
	for _, a := range anns {
		base := filepath.Base(a)
		art := base[:strings.LastIndex(base, "_")]
		if seen[art] {
			continue // one annotator per article, as the scorer
		}
		seen[art] = true
		txt, err := os.ReadFile(filepath.Join(dir, "text", art+".txt"))
		if err != nil {
			continue
		}
		for _, w := range cueWords(string(txt)) {
			total[w]++
		}
		f, err := os.Open(a)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			p := strings.Split(sc.Text(), "\t")
			if len(p) < 3 || !strings.HasPrefix(p[0], "T") || !strings.HasPrefix(p[1], "Cue ") {
				continue
			}
			ws := cueWords(p[2])
			if len(ws) == 1 {
				asCue[ws[0]]++
			}
		}
		f.Close()
	}
	type row struct {
		w    string
		c, n int
		p    float64
	}
	var rows []row
	for w, c := range asCue {
		n := total[w]
		if n < c {
			n = c
		}
		p := float64(c) / float64(n)
		if c >= minCount && p >= minP {
			rows = append(rows, row{w, c, n, p})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].c > rows[j].c || rows[i].c == rows[j].c && rows[i].w < rows[j].w })
	err = writeModel(out, func(o io.Writer) error {
		b := bufio.NewWriter(o)
		fmt.Fprintf(b, "# Learned by `verbatim train cues` from PolNeAR train (%d articles):\n# WORD  TIMES-A-CUE  OCCURRENCES  P(cue|word)\n", len(seen))
		for _, r := range rows {
			fmt.Fprintf(b, "%s %d %d %.3f\n", r.w, r.c, r.n, r.p)
		}
		return b.Flush()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train cues: %d words -> %s\n", len(rows), out)
	return nil
}
