package names

import (
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/text"
)

// BenchmarkSpans measures the tagger alone (tagger.spans: features and
// scoring, no grouping) over generated articles and the BBC corpus, in
// µs per article of CPU time:
//
//	go test -run '^$' -bench Spans ./names
func BenchmarkSpans(b *testing.B) {
	m := model()
	if m == nil {
		b.Skip("no model")
	}
	run := func(b *testing.B, arts []verbatim.Article) {
		docs := benchdata.Prepare(arts, []verbatim.Stage{clean.Stage, text.Stage})
		toks := 0
		for _, d := range docs {
			toks += len(d.Tokens)
		}
		var cpu time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			c0 := benchdata.CPUTime()
			for _, d := range docs {
				m.spans(d, nil)
			}
			cpu += benchdata.CPUTime() - c0
		}
		n := float64(len(docs)) * float64(b.N)
		b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		benchdata.ReportCPU(b, len(docs), cpu)
		if cpu > 0 {
			b.ReportMetric(cpu.Seconds()*1e6/n, "cpu-µs/article")
		}
	}
	b.Run("gen", func(b *testing.B) { run(b, benchdata.Gen()) })
	b.Run("bbc", func(b *testing.B) { run(b, benchdata.Corpus(b, "data/bbc")) })
}
