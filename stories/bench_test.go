package stories

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

// bbcDocs reads the BBC corpus as bare documents (no analysis: clustering
// alone is measured).
func bbcDocs(b testing.TB) []*verbatim.Doc {
	dir := shared.Path(b, "data/bbc")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	var docs []*verbatim.Doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, &verbatim.Doc{Article: verbatim.Article{ID: f, Text: string(data)}})
	}
	return docs
}

// BenchmarkCluster measures online clustering (prepare + add) on the BBC
// corpus and on 100k synthetic articles built by mixing BBC paragraphs
// (distinct texts, realistic vocabulary):
//
//	go test -run '^$' -bench Cluster -benchtime 1x ./stories/
func BenchmarkCluster(b *testing.B) {
	docs := bbcDocs(b)
	b.Run("bbc", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c := New(Options{})
			for _, d := range docs {
				c.Add(d)
			}
		}
		b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("synthetic100k", func(b *testing.B) {
		n := 100000
		if testing.Short() {
			n = 10000
		}
		syn := synthetic(docs, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			c := New(Options{})
			for _, d := range syn {
				c.Add(d)
			}
			b.ReportMetric(float64(len(c.Stories())), "stories")
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}

// synthetic builds n articles: each takes the headline of one BBC article
// and the paragraphs of two others of the same category, so texts differ
// but topics recur.
func synthetic(docs []*verbatim.Doc, n int) []*verbatim.Doc {
	out := make([]*verbatim.Doc, n)
	m := len(docs)
	for i := range out {
		a, b, c := docs[i%m], docs[(i*7+3)%m], docs[(i*13+5)%m]
		text := a.Text[:min(len(a.Text), 400)] + "\n\n" + b.Text[len(b.Text)/2:] + "\n\n" + c.Text[:len(c.Text)/2]
		out[i] = &verbatim.Doc{Article: verbatim.Article{ID: fmt.Sprintf("syn%d", i), Text: text}}
	}
	return out
}

// BenchmarkAddFeatures measures what a library's ingest spends on stories
// in memory: the analysed BBC corpus (analysis untimed), added by its
// features to a fresh clusterer (stories, identities, statements).
//
//	go test -run '^$' -bench AddFeatures -benchmem -cpu 1 ./stories/
func BenchmarkAddFeatures(b *testing.B) {
	fs, files := bbcFeatures(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := New(Options{})
		for k, f := range fs {
			c.AddFeatures(f, files[k])
		}
		c.Consolidate()
	}
	b.ReportMetric(float64(len(fs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSnapshot measures taking and loading the snapshot of the BBC
// corpus' stories (what an ingest into a library saves and continues from).
//
//	go test -run '^$' -bench Snapshot -benchmem -cpu 1 ./stories/
func BenchmarkSnapshot(b *testing.B) {
	fs, ids := bbcFeatures(b)
	c := New(Options{})
	for k, f := range fs {
		c.AddFeatures(f, ids[k])
	}
	snap := c.AppendSnapshot(nil)
	b.Run("take", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			snap = c.AppendSnapshot(snap[:0])
		}
		b.ReportMetric(float64(len(snap)), "bytes")
	})
	b.Run("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := LoadSnapshot(snap, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// bbcFeatures analyses the BBC corpus and returns each article's features
// and id.
func bbcFeatures(b *testing.B) ([]*Features, []string) {
	var fs []*Features
	var ids []string
	for _, d := range bbcAnalysed(b) {
		fs = append(fs, FeaturesOf(d))
		ids = append(ids, d.ID)
	}
	return fs, ids
}

// BenchmarkFeaturesOf measures extracting the features of the analysed BBC
// corpus (what a library's ingest computes for every stored article).
//
//	go test -run '^$' -bench FeaturesOf -benchmem -cpu 1 ./stories/
func BenchmarkFeaturesOf(b *testing.B) {
	docs := bbcAnalysed(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			FeaturesOf(d)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// bbcAnalysed analyses the BBC corpus.
func bbcAnalysed(b *testing.B) []*verbatim.Doc {
	docs := bbcDocs(b)
	for i, d := range docs {
		a, err := pipeline.Analyze(d.Article)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = a
	}
	return docs
}
