// Package doctest gives tests of the in-article stages (names, coref) an
// analysed document and the spans of its words.
package doctest

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/text"
)

var pipe = verbatim.NewPipeline(clean.Stage, text.Stage, names.Stage)

// Names analyses s through cleaning, tokens and sentences, and names.
func Names(t testing.TB, s string) *verbatim.Doc {
	t.Helper()
	d, err := pipe.Analyze(verbatim.Article{ID: "t", Text: s})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Find returns the span of the n-th (0-based) occurrence of sub in d.Text,
// failing the test when there is none.
func Find(t testing.TB, d *verbatim.Doc, sub string, n int) verbatim.Span {
	t.Helper()
	off := 0
	for {
		i := strings.Index(d.Text[off:], sub)
		if i < 0 {
			t.Fatalf("%q occurrence %d not in text", sub, n)
		}
		if n == 0 {
			return verbatim.Span{Start: off + i, End: off + i + len(sub)}
		}
		n--
		off += i + len(sub)
	}
}
