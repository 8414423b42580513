package sqlite

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/stories"
)

// bbcDocs analyses the BBC corpus once.
func bbcDocs(b testing.TB) []*verbatim.Doc {
	dir := shared.Path(b, "data/bbc")
	var docs []*verbatim.Doc
	input.Read([]string{dir}, input.Options{}, func(a verbatim.Article, err error) error {
		if err == nil {
			if d, err := pipeline.Analyze(a); err == nil {
				docs = append(docs, d)
			}
		}
		return nil
	})
	return docs
}

// BenchmarkPut measures storing analysed BBC articles (analysis excluded),
// 256 per transaction.
func BenchmarkPut(b *testing.B) {
	docs := bbcDocs(b)
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(docs); j += 256 {
			if _, err := db.Put(context.Background(), docs[j:min(j+256, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		n += len(docs)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// library10k stores the BBC corpus repeated to 10,000 articles (ids,
// texts and dates varied so that none is a duplicate).
func library10k(b *testing.B) *DB {
	docs := bbcDocs(b)
	db, err := Open(filepath.Join(b.TempDir(), "s.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	var batch []*verbatim.Doc
	for n := 0; n < 10000; n++ {
		src := docs[n%len(docs)]
		d := *src
		d.ID = fmt.Sprintf("%s-%d", src.ID, n)
		d.Text = src.Text + fmt.Sprintf("\n%d", n) // new content hash, same offsets
		d.Clean = src.Clean + fmt.Sprintf("\n%d", n)
		d.Published = fmt.Sprintf("2025-%02d-%02d", 1+n%12, 1+n%28)
		batch = append(batch, &d)
		if len(batch) == 256 {
			if _, err := db.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	db.Put(ctx, batch)
	return db
}

// bbcLibrary stores the analysed BBC corpus (without stories) in a new
// library, closed when the benchmark ends.
func bbcLibrary(b *testing.B) (*DB, []*verbatim.Doc) {
	docs := bbcDocs(b)
	db, err := Open(filepath.Join(b.TempDir(), "bbc.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for j := 0; j < len(docs); j += 256 {
		if _, err := db.Put(context.Background(), docs[j:min(j+256, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	return db, docs
}

// BenchmarkSearchBBC measures one page of each kind of search over the BBC
// library: wall time per search (ns/op) and process CPU time per search
// (cpu-ns/op, which a loaded machine disturbs less). The library is stored
// without stories first (a speaker is then looked up by name), then grouped
// (grouped/: by the speaker's identity, as after an ingest).
//
//	go test ./sqlite -run XX -bench SearchBBC -cpu 1
func BenchmarkSearchBBC(b *testing.B) {
	db, _ := bbcLibrary(b)
	ctx := context.Background()
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			f()
			c0 := benchdata.CPUTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(benchdata.CPUTime()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
	for name, q := range map[string]verbatim.QuoteQuery{"quotes/said": {Text: "said"}, "quotes/government": {Text: "government"},
		"quotes/speaker": {Speaker: "Tony Blair"}, "quotes/speaker+text": {Speaker: "Tony Blair", Text: "government OR people"},
		"quotes/all": {}} {
		run(name, func() error { _, err := db.Quotes(ctx, q); return err })
	}
	for name, q := range map[string]verbatim.ArticleQuery{"articles/said": {Text: "said"}, "articles/government": {Text: "government"},
		"articles/blair": {Text: "blair"}, "articles/all": {}} {
		run(name, func() error { _, err := db.Articles(ctx, q); return err })
	}
	// a speaker in a library grouped into stories (as ingest keeps it): by
	// the speaker identity, not by name
	if _, err := db.RebuildStories(ctx, stories.Options{}); err != nil {
		b.Fatal(err)
	}
	for name, q := range map[string]verbatim.QuoteQuery{"grouped/speaker": {Speaker: "Tony Blair"},
		"grouped/speaker+text": {Speaker: "Tony Blair", Text: "government OR people"}} {
		run(name, func() error { _, err := db.Quotes(ctx, q); return err })
	}
}

// BenchmarkArticleSearch10k measures p50/p99 of article searches (a page
// of 20 with snippets) over the 10k library: by relevance, by date, by
// outlet.
//
//	go test ./sqlite -run XX -bench ArticleSearch10k -benchtime 2000x
func BenchmarkArticleSearch10k(b *testing.B) {
	db := library10k(b)
	ctx := context.Background()
	queries := []verbatim.ArticleQuery{
		{Text: "government"}, {Text: "said"}, {Text: "blair"}, {Text: "econom*"}, {Text: "labour OR tory"},
		{Text: "government", Sort: verbatim.SortNewest}, {Text: "market", Since: "2025-03-01", Until: "2025-06-30"},
		{Outlet: "bbc"}, {}, {Text: "election", Offset: 40},
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := db.Articles(ctx, queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// TestSearchLatency10k (VERBATIM_BENCH=1) builds a 10k-article library from
// the BBC corpus repeated (ids and texts varied so none is a duplicate) and
// measures p50/p99 of mixed searches.
func BenchmarkSearch10k(b *testing.B) {
	db := library10k(b)
	ctx := context.Background()
	st, _ := db.Stats(ctx)
	sp, _ := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 50})
	queries := []verbatim.QuoteQuery{
		{Text: "government"}, {Text: "said"}, {Text: `"prime minister"`}, {Text: "econom*"}, {Text: "labour OR tory"},
		{Text: "market", Since: "2025-03-01", Until: "2025-06-30"}, {Outlet: "bbc"}, {},
		{Text: "election", Offset: 40},
	}
	for _, s := range sp[:min(10, len(sp))] {
		queries = append(queries, verbatim.QuoteQuery{Speaker: s.Name}, verbatim.QuoteQuery{Speaker: s.Name, Text: "government OR people"})
	}
	rng := rand.New(rand.NewSource(1))
	var lat []time.Duration
	per := make([]time.Duration, len(queries))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := rng.Intn(len(queries))
		t0 := time.Now()
		if _, err := db.Quotes(ctx, queries[k]); err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		lat = append(lat, d)
		per[k] = max(per[k], d)
	}
	b.StopTimer()
	for k, q := range queries {
		if testing.Verbose() {
			fmt.Fprintf(os.Stderr, "slowest %v: %+v\n", per[k], q)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(st.Articles), "articles")
	b.ReportMetric(float64(st.Quotes), "quotes")
}

// BenchmarkIngest stores 2,000 generated articles and the BBC corpus
// (analysed once, untimed) into a fresh library, 256 per transaction, and
// reports articles per second and per CPU-second:
//
//	store          DB.Put alone
//	store+stories  Grouper.Put and Commit: stories, persons and statements
//	               kept up to date as articles are stored
//	add10          a later ingest of 10 articles into that library of 2,000:
//	               replay of the stored features, Put, Commit of the changes
//
// Generated articles are drawn from one pool of sentences: they form a
// single story in which every quote recurs, the worst case of statement
// linking; BBC is the realistic case.
//
//	go test ./sqlite -run XX -bench Ingest -cpu 1
func BenchmarkIngest(b *testing.B) {
	arts := benchdata.Articles(7, 2010)
	docs := benchdata.Prepare(arts, pipeline.Stages())
	ctx := context.Background()
	store := func(b *testing.B, db *DB, g *Grouper, docs []*verbatim.Doc) {
		for j := 0; j < len(docs); j += 256 {
			var err error
			if g != nil {
				_, err = g.Put(ctx, docs[j:min(j+256, len(docs))])
			} else {
				_, err = db.Put(ctx, docs[j:min(j+256, len(docs))])
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		if g != nil {
			if _, err := g.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	run := func(name string, grouped bool, base, add []*verbatim.Doc) {
		b.Run(name, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db, err := Open(filepath.Join(b.TempDir(), "b.db"))
				if err != nil {
					b.Fatal(err)
				}
				if base != nil {
					store(b, db, db.Grouper(stories.Options{}), base)
				}
				var g *Grouper
				c0 := benchdata.CPUTime()
				b.StartTimer()
				if grouped {
					g = db.Grouper(stories.Options{})
				}
				store(b, db, g, add)
				b.StopTimer()
				cpu += benchdata.CPUTime() - c0
				db.Close()
			}
			benchdata.ReportArticles(b, len(add))
			benchdata.ReportCPU(b, len(add), cpu)
		})
	}
	run("gen/store", false, nil, docs[:2000])
	run("gen/store+stories", true, nil, docs[:2000])
	run("gen/add10", true, docs[:2000], docs[2000:])
	bbc := bbcDocs(b)
	run("bbc/store", false, nil, bbc)
	run("bbc/store+stories", true, nil, bbc)
	run("bbc/add10", true, bbc[:len(bbc)-10], bbc[len(bbc)-10:])
}

// BenchmarkRebuildStories measures the story part alone: grouping every
// article of a BBC library stored without stories (from their stored
// features) and writing all story, person and statement rows.
//
//	go test ./sqlite -run XX -bench RebuildStories -cpu 1
func BenchmarkRebuildStories(b *testing.B) {
	db, docs := bbcLibrary(b)
	ctx := context.Background()
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0 := benchdata.CPUTime()
		if _, err := db.RebuildStories(ctx, stories.Options{}); err != nil {
			b.Fatal(err)
		}
		cpu += benchdata.CPUTime() - c0
	}
	benchdata.ReportArticles(b, len(docs))
	benchdata.ReportCPU(b, len(docs), cpu)
}
