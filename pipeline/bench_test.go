package pipeline_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkAnalyze measures the whole pipeline, one article after the other
// on one goroutine, on generated articles and on the BBC corpus:
//
//	go test -run '^$' -bench Analyze ./pipeline/
func BenchmarkAnalyze(b *testing.B) {
	benchdata.OnCorpora(b, func(b *testing.B, arts []verbatim.Article) {
		p := pipeline.New()
		benchdata.Loop(b, arts, func() {
			for _, a := range arts {
				if _, err := p.Analyze(a); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkRun measures pipeline.Run (ordered, parallel) with JSON output
// as `verbatim extract` writes it, with 1 worker and with one per core.
// Compare with -cpu 1,2 for scaling.
func BenchmarkRun(b *testing.B) {
	gen := benchdata.Gen()
	for _, w := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("gen/workers=%d", w), func(b *testing.B) { benchRun(b, gen, w) })
	}
	b.Run("bbc", func(b *testing.B) { benchRun(b, benchdata.Corpus(b, "data/bbc"), 0) })
}

func benchRun(b *testing.B, arts []verbatim.Article, workers int) {
	p := pipeline.New()
	var line []byte
	benchdata.Loop(b, arts, func() {
		in := make(chan pipeline.Item, 64)
		go func() {
			for _, a := range arts {
				in <- pipeline.Item{Article: a}
			}
			close(in)
		}()
		for it := range pipeline.Run(p, in, workers) {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
			r := it.Doc.Result()
			line, _ = r.AppendJSON(line[:0])
			pipeline.Recycle(it.Doc)
		}
	})
}
