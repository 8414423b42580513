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
func BenchmarkText(b *testing.B) {
	stages := pipeline.Stages()
	k := benchdata.StageIndex(stages, "text")
	if k < 0 {
		b.Fatal("no text stage in the pipeline")
	}
	b.Run("gen", func(b *testing.B) { benchdata.BenchStage(b, benchdata.Gen(), stages, k) })
	b.Run("bbc", func(b *testing.B) { benchdata.BenchStage(b, benchdata.Corpus(b, "data/bbc"), stages, k) })
}
