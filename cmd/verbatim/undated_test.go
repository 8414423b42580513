package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
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
	writeText(&buf, d, false)
	if !strings.Contains(buf.String(), "[said, undated]") {
		t.Errorf("extract text:\n%s", buf.String())
	}
	buf.Reset()
	res := verbatim.QuoteResults{Total: 2, Quotes: []verbatim.QuoteHit{
		{Text: "the harbour would reopen soon", Speaker: "Jonas Lind", Type: verbatim.Indirect, ArticleID: "x"},
		{Text: "the bridge is safe", Speaker: "Jonas Lind", Type: verbatim.Indirect, ArticleID: "y", Published: "2025-03-14", SaidOn: "2025-03-13"},
	}}
	writeHits(&buf, res, verbatim.QuoteQuery{}, false)
	if out := buf.String(); !strings.Contains(out, "\nundated  Jonas Lind") || !strings.Contains(out, "\n2025-03-13  Jonas Lind") {
		t.Errorf("search text:\n%s", out)
	}
}

// TestIngestCountsUndated: the ingest summary counts the stored articles
// that have no publication date and says how to give one (issue 19,
// defect 6: a corpus without dates ingested silently, every timeline
// undated); a JSON record with a date that is not one is refused, the
// rest stored.
func TestIngestCountsUndated(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Harbour talks\n\nMayor Jonas Lind said the harbour would reopen soon."), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Bridge works\n\nMonday 3 February 2025\n\nThe engineer said the bridge was safe."), 0o644)
	os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(`{"id": "c1", "text": "The council said the budget was final.", "published": "2025-03-14"}
{"id": "c2", "text": "The union said the strike would go on.", "published": "2025-02-30"}
{"id": "c3", "text": "The minister said taxes would fall."}
`), 0o644)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var errw bytes.Buffer
	sum, err := ingest(context.Background(), sqliteSink(st, nil), pipeline.New(), []string{dir}, input.Options{}, 1, 256, noProgress, &errw)
	if err != nil {
		t.Fatal(err)
	}
	out := errw.String()
	if sum.Stored != 4 || sum.Failed != 1 || sum.Undated != 2 {
		t.Errorf("summary %+v, want 4 stored (b dated by its dateline, c1 by its record), 1 failed, 2 undated:\n%s", sum, out)
	}
	for _, want := range []string{"c.jsonl:2", `published: "2025-02-30" is not a date`, "2 of 4 stored articles have no publication date", "--published", `"published"`, "dateline"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
	// all dated: no advice
	errw.Reset()
	os.WriteFile(filepath.Join(dir, "d.txt"), []byte("Port news\n\nThe captain said the port was busy."), 0o644)
	if _, err := ingest(context.Background(), sqliteSink(st, nil), pipeline.New(), []string{filepath.Join(dir, "d.txt")}, input.Options{Published: "2025-03-01"}, 1, 256, noProgress, &errw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errw.String(), "publication date") {
		t.Errorf("dated ingest gave date advice:\n%s", errw.String())
	}
}

// TestStoriesTextShowsUndated: a story's timeline in text says "undated"
// for statements of articles without a date, not ????-??-??.
func TestStoriesTextShowsUndated(t *testing.T) {
	p := pipeline.New()
	bridge := "The council of Port Ellis voted to close the old harbour bridge over the Alder river for repairs to its rusted piers and cracked deck. "
	var docs []*verbatim.Doc
	for _, a := range []verbatim.Article{
		{ID: "one", Title: "Harbour bridge to close", Text: bridge + "Mayor Jonas Lind said the repairs would take a year."},
		{ID: "two", Title: "Harbour bridge closure approved", Text: bridge + "Engineer Ana Ruiz said the deck was unsafe."},
	} {
		d, err := p.Analyze(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var buf bytes.Buffer
	writeStories(&buf, stories.Batch(docs, stories.Options{}), "text", false)
	if out := buf.String(); !strings.Contains(out, "undated  ") || strings.Contains(out, "????") {
		t.Errorf("stories text:\n%s", out)
	}
}
