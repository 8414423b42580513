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
	b.Run("gen", func(b *testing.B) { benchResult(b, benchdata.Gen()) })
	b.Run("bbc", func(b *testing.B) { benchResult(b, benchdata.Corpus(b, "data/bbc")) })
}

func benchResult(b *testing.B, arts []verbatim.Article) {
	docs := benchdata.Prepare(arts, pipeline.Stages())
	var line []byte
	b.SetBytes(benchdata.Bytes(arts))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r := d.Result()
			var err error
			if line, err = r.AppendJSON(line[:0]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	benchdata.ReportCPU(b, len(arts), benchdata.CPUTime()-c0)
	benchdata.ReportArticles(b, len(arts))
}

// BenchmarkExtract measures what `verbatim extract` does per article, on
// one goroutine: analysis by every stage, then the JSON output record.
func BenchmarkExtract(b *testing.B) {
	b.Run("gen", func(b *testing.B) { benchExtract(b, benchdata.Gen()) })
	b.Run("bbc", func(b *testing.B) { benchExtract(b, benchdata.Corpus(b, "data/bbc")) })
}

func benchExtract(b *testing.B, arts []verbatim.Article) {
	p := pipeline.New()
	var line []byte
	b.SetBytes(benchdata.Bytes(arts))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
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
	}
	b.StopTimer()
	benchdata.ReportCPU(b, len(arts), benchdata.CPUTime()-c0)
	benchdata.ReportArticles(b, len(arts))
}
