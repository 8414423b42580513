package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/stories"
)

// TestQueriesScale guards flat query time: the queries of verbatim bench
// queries (quote search by a common and a rare word, by the most quoted
// speaker, article search, the story listing, the speaker list uncached)
// over a library four times larger must cost less than twice the CPU.
// Work that reads every match (counting, sorting, ranking all of them, or
// aggregating per request) gives about 4. The larger library is the
// smaller one's articles four times over, a year apart each (what they
// report too), stored in date order as news comes. It compares the
// machine with itself.
func TestQueriesScale(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: stores and groups 2,500 articles")
	}
	base := benchdata.Prepare(benchdata.Articles(17, 500), pipeline.Stages())
	// the count cap and the relevance window, scaled to these small
	// libraries as the defaults are to libraries of 100,000 articles
	defer func(c, w int) { countCap, rankWindow = c, w }(countCap, rankWindow)
	countCap, rankWindow = 100, 200
	ctx := context.Background()
	library := func(copies int) *DB {
		var docs []*verbatim.Doc
		for k := range copies {
			for i, d := range base {
				c := benchdata.Clone(d)
				c.ID = fmt.Sprintf("%s-%d", d.ID, k)
				suffix := fmt.Sprintf("\n\n(%d-%d)", k, i) // a new text: not a duplicate
				c.Text, c.Clean = d.Text+suffix, d.Clean+suffix
				c.Published = fmt.Sprintf("%d%s", 2021+k, d.Published[4:])
				for qi := range c.Quotes { // what was said moves with its report
					if so := c.Quotes[qi].SaidOn; len(so) >= 4 {
						var y int
						fmt.Sscan(so[:4], &y)
						c.Quotes[qi].SaidOn = fmt.Sprintf("%04d%s", y-4+k, so[4:])
					}
				}
				docs = append(docs, c)
			}
		}
		sort.SliceStable(docs, func(i, j int) bool { return docs[i].Published < docs[j].Published })
		db, err := Open(filepath.Join(t.TempDir(), "q.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		g := db.Grouper(stories.Options{})
		for j := 0; j < len(docs); j += 256 {
			if _, err := g.Put(ctx, docs[j:min(j+256, len(docs))]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	small, large := library(1), library(4)
	words := commonWords(t, small, 1)
	sp, err := small.Speakers(ctx, verbatim.SpeakerQuery{Limit: 1})
	if err != nil || len(sp) == 0 {
		t.Fatalf("no speaker: %v", err)
	}
	limit := 100
	queries := []struct {
		name string
		run  func(db *DB) error
	}{
		{"quotes by a common word", func(db *DB) error { _, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: words[0]}); return err }},
		{"quotes by the top speaker", func(db *DB) error {
			_, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: sp[0].ID})
			return err
		}},
		{"articles by a common word", func(db *DB) error {
			_, err := db.Articles(ctx, verbatim.ArticleQuery{Text: words[0]})
			return err
		}},
		{"stories", func(db *DB) error { _, err := db.Stories(ctx, verbatim.StoryQuery{}); return err }},
		{"speakers, uncached", func(db *DB) error {
			limit++ // a new key: the cache cannot answer
			_, err := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: limit})
			return err
		}},
	}
	cost := func(db *DB, run func(*DB) error) time.Duration {
		if err := run(db); err != nil { // once untimed (the zone map)
			t.Fatal(err)
		}
		var ds []time.Duration
		for range 9 {
			runtime.GC()
			c0 := benchdata.CPUTime()
			for range 5 {
				if err := run(db); err != nil {
					t.Fatal(err)
				}
			}
			ds = append(ds, benchdata.CPUTime()-c0)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2] / 5
	}
	var sum [2]time.Duration
	for _, q := range queries {
		s, l := cost(small, q.run), cost(large, q.run)
		sum[0] += s
		sum[1] += l
		t.Logf("%s: %v, 4×: %v", q.name, s, l)
	}
	if sum[0] == 0 {
		t.Skip("no CPU time on this platform")
	}
	ratio := float64(sum[1]) / float64(sum[0])
	t.Logf("all: %v, 4×: %v: ×%.2f", sum[0], sum[1], ratio)
	if ratio > 2 {
		t.Fatalf("the queries cost ×%.2f the CPU over a library 4× larger (%v, %v): some query reads every match", ratio, sum[0], sum[1])
	}
}
