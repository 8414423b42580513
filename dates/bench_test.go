package dates_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkDates measures the dates stage alone (earlier stages run untimed)
// on generated articles and on the BBC corpus (../shared/data/bbc):
//
//	go test -run '^$' -bench . ./dates/
func BenchmarkDates(b *testing.B) { benchdata.BenchNamedStage(b, pipeline.Stages(), "dates") }
