package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestTextShowsUndated: the text output of extract and search says
// "undated" for a statement of an article without a publication date
// (issue 19, defect 5), and gives the day otherwise.
func TestTextShowsUndated(t *testing.T) {
	p := pipeline.New()
	d, err := p.Analyze(verbatim.Article{ID: "x", Text: "Mayor Jonas Lind said the harbour would reopen soon."})
	if err != nil || len(d.Quotes) != 1 {
		t.Fatalf("%v %+v", err, d.Quotes)
	}
	var buf bytes.Buffer
	writeText(&buf, d)
	if !strings.Contains(buf.String(), "[said, undated]") {
		t.Errorf("extract text:\n%s", buf.String())
	}
	buf.Reset()
	res := verbatim.QuoteResults{Total: 2, Quotes: []verbatim.QuoteHit{
		{Text: "the harbour would reopen soon", Speaker: "Jonas Lind", Type: verbatim.Indirect, ArticleID: "x"},
		{Text: "the bridge is safe", Speaker: "Jonas Lind", Type: verbatim.Indirect, ArticleID: "y", Published: "2025-03-14", SaidOn: "2025-03-13"},
	}}
	if err := writeHits(&buf, res, "text"); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "\nundated  Jonas Lind") || !strings.Contains(out, "\n2025-03-13  Jonas Lind") {
		t.Errorf("search text:\n%s", out)
	}
}
