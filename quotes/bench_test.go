package quotes_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkQuotes measures the quotes stage alone (earlier stages run untimed)
// on generated articles and on the BBC corpus (../shared/data/bbc):
//
//	go test -run '^$' -bench . ./quotes/
func BenchmarkQuotes(b *testing.B) { benchdata.BenchNamedStage(b, pipeline.Stages(), "quotes") }
