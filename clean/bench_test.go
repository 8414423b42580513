package clean_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkClean measures the clean stage alone (earlier stages run untimed)
// on generated articles and on the BBC corpus (../shared/data/bbc):
//
//	go test -run '^$' -bench . ./clean/
func BenchmarkClean(b *testing.B) { benchdata.BenchNamedStage(b, pipeline.Stages(), "clean") }
