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
func BenchmarkNames(b *testing.B) { benchdata.BenchNamedStage(b, pipeline.Stages(), "names") }
