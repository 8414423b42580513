package input

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
)

// BenchmarkReadBBC measures reading (sniffing, decoding) the BBC corpus.
func BenchmarkReadBBC(b *testing.B) {
	root := shared.Path(b, "data/bbc")
	n := 0
	for b.Loop() {
		Read([]string{root}, Options{}, func(a verbatim.Article, err error) error { n++; return nil })
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkHTML measures main-content extraction of a news page.
func BenchmarkHTML(b *testing.B) {
	page := string(fixture(b, "report.html"))
	for b.Loop() {
		if _, err := FromHTML(page, "x", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
