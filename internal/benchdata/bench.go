package benchdata

import (
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
)

// GenCount is the number of generated articles per benchmark iteration
// (about 230 KB of text).
const GenCount = 100

// Gen returns the standard generated benchmark corpus.
func Gen() []verbatim.Article { return Articles(7, GenCount) }

// Corpus reads a corpus under ../shared (e.g. "data/bbc") into memory,
// skipping the benchmark when it is absent. Input errors are dropped.
func Corpus(tb testing.TB, rel string) []verbatim.Article {
	tb.Helper()
	p := shared.Path(tb, rel)
	var arts []verbatim.Article
	input.Read([]string{p}, input.Options{}, func(a verbatim.Article, err error) error {
		if err == nil {
			arts = append(arts, a)
		}
		return nil
	})
	if len(arts) == 0 {
		tb.Skipf("no articles in %s", p)
	}
	return arts
}

// Prepare runs stages over each article and returns the documents.
func Prepare(arts []verbatim.Article, stages []verbatim.Stage) []*verbatim.Doc {
	docs := make([]*verbatim.Doc, len(arts))
	for i, a := range arts {
		d := verbatim.NewDoc(a)
		for _, s := range stages {
			s.Process(d)
		}
		docs[i] = d
	}
	return docs
}

// Clone copies a document deeply enough that a stage may append to or
// modify any of its layers without touching the original.
func Clone(d *verbatim.Doc) *verbatim.Doc {
	c := *d
	c.Noise = clone(d.Noise)
	c.Paragraphs = clone(d.Paragraphs)
	c.Sentences = clone(d.Sentences)
	c.Tokens = clone(d.Tokens)
	c.Mentions = clone(d.Mentions)
	c.Entities = clone(d.Entities)
	for i := range c.Entities {
		c.Entities[i].Roles = clone(c.Entities[i].Roles)
		c.Entities[i].Mentions = clone(c.Entities[i].Mentions)
	}
	c.Quotes = clone(d.Quotes)
	c.Dates = clone(d.Dates)
	return &c
}

func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// BenchStage measures stages[k] alone over arts: the documents are prepared
// by stages[:k] once, and each iteration processes fresh copies of all of
// them (copying is not timed). It reports bytes/s (MB/s), allocations and
// articles/s.
func BenchStage(b *testing.B, arts []verbatim.Article, stages []verbatim.Stage, k int) {
	prepared := Prepare(arts, stages[:k])
	st := stages[k]
	work := make([]*verbatim.Doc, len(prepared))
	b.SetBytes(Bytes(arts))
	b.ReportAllocs()
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j, d := range prepared {
			work[j] = Clone(d)
		}
		b.StartTimer()
		c0 := CPUTime()
		for _, d := range work {
			st.Process(d)
		}
		cpu += CPUTime() - c0
	}
	b.StopTimer()
	ReportArticles(b, len(arts))
	ReportCPU(b, len(arts), cpu)
}

// Loop measures pass, one pass over arts per iteration: it reports bytes/s
// (MB/s), allocations, articles/cpu-s and articles/s.
func Loop(b *testing.B, arts []verbatim.Article, pass func()) {
	b.SetBytes(Bytes(arts))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := CPUTime()
	for i := 0; i < b.N; i++ {
		pass()
	}
	b.StopTimer()
	ReportCPU(b, len(arts), CPUTime()-c0)
	ReportArticles(b, len(arts))
}

// OnCorpora runs bench on generated articles ("gen") and on the BBC corpus
// ("bbc").
func OnCorpora(b *testing.B, bench func(b *testing.B, arts []verbatim.Article)) {
	b.Run("gen", func(b *testing.B) { bench(b, Gen()) })
	b.Run("bbc", func(b *testing.B) { bench(b, Corpus(b, "data/bbc")) })
}

// ReportCPU adds an articles/cpu-s metric: n articles per iteration took cpu
// of process CPU time over all b.N iterations. On a busy machine it is
// steadier than the wall-clock figures (it still includes GC work).
func ReportCPU(b *testing.B, n int, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}

// ReportArticles adds an articles/s metric for n articles per iteration.
func ReportArticles(b *testing.B, n int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/s, "articles/s")
	}
}

// StageIndex returns the index of the stage named name, or -1.
func StageIndex(stages []verbatim.Stage, name string) int {
	for i, s := range stages {
		if s.Name() == name {
			return i
		}
	}
	return -1
}

// BenchNamedStage benchmarks the stage called name alone (the stages before
// it run untimed) on generated articles and on the BBC corpus.
func BenchNamedStage(b *testing.B, stages []verbatim.Stage, name string) {
	k := StageIndex(stages, name)
	if k < 0 {
		b.Fatalf("no %s stage in the pipeline", name)
	}
	OnCorpora(b, func(b *testing.B, arts []verbatim.Article) { BenchStage(b, arts, stages, k) })
}
