// Command mkdf compiles the background document frequencies that story
// clustering starts from (stories/df.txt), so that IDF weights are sensible
// from the first articles on: a term's share of documents in a general news
// corpus. Only terms in at least two documents are kept. The articles are
// analysed (names found), so that entity keys (a person's surname, an
// organisation's or a place's name) get their own frequencies: written with
// "@" for the "\x01" they start with.
//
//	cd stories && go run ./internal/mkdf ../../shared/data/bbc > df.txt
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/stories"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkdf CORPUS_DIR > df.txt")
		os.Exit(2)
	}
	df := map[string]int{}
	n := 0
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		doc, err := pipeline.Analyze(verbatim.Article{Text: string(b)})
		if err != nil {
			return nil
		}
		n++
		for t := range stories.Terms(doc) {
			df[t]++
		}
		return nil
	})
	terms := make([]string, 0, len(df))
	for t, c := range df {
		if c >= 2 {
			terms = append(terms, t)
		}
	}
	sort.Slice(terms, func(a, b int) bool {
		return df[terms[a]] > df[terms[b]] || df[terms[a]] == df[terms[b]] && terms[a] < terms[b]
	})
	fmt.Printf("# background document frequencies for story clustering: documents %d (go run ./internal/mkdf CORPUS_DIR)\n", n)
	fmt.Printf("%d\n", n)
	for _, t := range terms {
		w := t
		if w[0] == 1 {
			w = "@" + w[1:]
		}
		fmt.Printf("%s\t%d\n", w, df[t])
	}
}
