package main

import (
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

// readItems streams the articles of paths (and the errors of those that
// could not be read) as pipeline items, in input order. skip, when not nil,
// drops readable articles before analysis (already stored ones).
func readItems(paths []string, opt input.Options, skip func(verbatim.Article) bool) <-chan pipeline.Item {
	in := make(chan pipeline.Item, 64)
	go func() {
		defer close(in)
		input.Read(paths, opt, func(a verbatim.Article, err error) error {
			if err == nil && skip != nil && skip(a) {
				return nil
			}
			in <- pipeline.Item{Article: a, Err: err}
			return nil
		})
	}()
	return in
}
