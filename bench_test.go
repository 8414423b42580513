package verbatim_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkResult measures building and serialising the output record of
// analysed documents (the last step of `verbatim extract`).
func BenchmarkResult(b *testing.B) {
	benchdata.OnCorpora(b, func(b *testing.B, arts []verbatim.Article) {
		docs := benchdata.Prepare(arts, pipeline.Stages())
		var line []byte
		benchdata.Loop(b, arts, func() {
			for _, d := range docs {
				r := d.Result()
				var err error
				if line, err = r.AppendJSON(line[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkExtract measures what `verbatim extract` does per article, on
// one goroutine: analysis by every stage, then the JSON output record.
func BenchmarkExtract(b *testing.B) {
	benchdata.OnCorpora(b, func(b *testing.B, arts []verbatim.Article) {
		p := pipeline.New()
		var line []byte
		benchdata.Loop(b, arts, func() {
			for _, a := range arts {
				d, err := p.Analyze(a)
				if err != nil {
					b.Fatal(err)
				}
				r := d.Result()
				if line, err = r.AppendJSON(line[:0]); err != nil {
					b.Fatal(err)
				}
				pipeline.Recycle(d)
			}
		})
	})
}
