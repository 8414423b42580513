package names_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// BenchmarkNames measures the names stage alone (earlier stages run untimed)
// on generated articles and on the BBC corpus (../shared/data/bbc):
//
//	go test -run '^$' -bench . ./names/
func BenchmarkNames(b *testing.B) {
	stages := pipeline.Stages()
	k := benchdata.StageIndex(stages, "names")
	if k < 0 {
		b.Fatal("no names stage in the pipeline")
	}
	b.Run("gen", func(b *testing.B) { benchdata.BenchStage(b, benchdata.Gen(), stages, k) })
	b.Run("bbc", func(b *testing.B) { benchdata.BenchStage(b, benchdata.Corpus(b, "data/bbc"), stages, k) })
}
