package text_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkText measures the text stage alone (earlier stages run untimed)
// on generated articles and on the BBC corpus (../shared/data/bbc):
//
//	go test -run '^$' -bench . ./text/
func BenchmarkText(b *testing.B) { benchdata.BenchNamedStage(b, pipeline.Stages(), "text") }
