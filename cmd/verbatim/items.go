package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

// readItems streams the articles of paths (and the errors of those that
// could not be read) as pipeline items, in input order. skip, when not nil,
// drops readable articles before analysis (already stored ones). The
// documentation files left out of directories are named on stderr once
// reading ends.
func readItems(paths []string, opt input.Options, skip func(verbatim.Article) bool) <-chan pipeline.Item {
	in := make(chan pipeline.Item, 64)
	go func() {
		defer close(in)
		var docs []string
		opt.Skipped = func(p string) { docs = append(docs, p) }
		input.Read(paths, opt, func(a verbatim.Article, err error) error {
			if err == nil && skip != nil && skip(a) {
				return nil
			}
			in <- pipeline.Item{Article: a, Err: err}
			return nil
		})
		noteSkipped(os.Stderr, docs)
	}()
	return in
}

// noteSkipped tells which documentation files a directory walk left out.
func noteSkipped(w io.Writer, docs []string) {
	if len(docs) == 0 {
		return
	}
	shown := docs
	if len(shown) > 5 {
		shown = shown[:5]
	}
	more := ""
	if len(docs) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(docs)-len(shown))
	}
	fmt.Fprintf(w, "verbatim: skipped %s as documentation, not articles: %s%s (name a file to read it)\n",
		plural(len(docs), "file", "files"), strings.Join(shown, ", "), more)
}

// plural writes a count with its noun: "1 statement", "2 statements".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprint(n) + " " + many
}
