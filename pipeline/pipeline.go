// Package pipeline assembles Verbatim's standard analysis pipeline and runs it
// over streams of articles on all cores, keeping output in input order.
package pipeline

import (
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/dates"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/quotes"
	"github.com/verbatim-news/verbatim/text"
)

// Stages returns the standard stages in order: cleaning, tokens and
// sentences, names, quotes and attribution, dates.
func Stages() []verbatim.Stage {
	return []verbatim.Stage{clean.Stage, text.Stage, names.Stage, quotes.Stage, dates.Stage}
}

// New returns the standard pipeline.
func New() *verbatim.Pipeline { return verbatim.NewPipeline(Stages()...) }

// Recycle hands the buffers of an analysed document back to the stages for
// the next one (the tokens and sentences, the mentions and entities). Call
// it only when d is no longer used, after its output is written; d keeps
// its other layers.
func Recycle(d *verbatim.Doc) {
	text.Recycle(d)
	names.Recycle(d)
}

// Analyze runs the standard pipeline over one article.
func Analyze(a verbatim.Article) (*verbatim.Doc, error) { return std.Analyze(a) }

var std = New()
