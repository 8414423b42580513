package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestColumns: a CSV row has one value per documented column, and a JSON
// Lines row carries the same names (those left empty may be omitted).
func TestColumns(t *testing.T) {
	h := &verbatim.QuoteHit{ID: 7, Text: `He said "no", twice`, Type: verbatim.Mixed, Speaker: "Ann Lee", Mention: "she", Cue: "said",
		Addressee: "reporters", Via: "Reuters", Confidence: 0.875, ArticleID: "politics/034", Title: "Budget, again", Outlet: "Wire",
		URL: "https://example.com/a", Published: "2025-03-01", SaidOn: "2025-02-28", Start: 120, End: 139, Story: "s1",
		Highlights: []verbatim.Span{{Start: 0, End: 2}}}
	a := &verbatim.ArticleHit{ArticleRef: verbatim.ArticleRef{ID: "politics/034", Title: "Budget", Outlet: "Wire", Published: "2025-03-01"},
		URL: "https://example.com/a", Quotes: 3, Story: "s1", Snippet: "…", Highlights: []verbatim.Span{{Start: 0, End: 1}}}
	sp := &verbatim.SpeakerSummary{ID: "person:ann-lee", Type: verbatim.Person, Name: "Ann Lee", Quotes: 4, Articles: 2, First: "2025-01-01", Last: "2025-03-01"}
	st := &verbatim.StorySummary{ID: "s1", Title: "Budget", Topic: "t2", TopicLabel: "budget tax", First: "2025-02-01", Last: "2025-03-01",
		Articles: 2, Outlets: 2, People: []verbatim.StoryPerson{{ID: "person:ann-lee", Name: "Ann Lee", Mentions: 5}, {ID: "person:bo", Name: "Bo", Mentions: 1}}}
	for _, c := range []struct {
		cols  []string
		write func(*Writer) error
		rows  int
	}{
		{QuoteColumns, func(x *Writer) error { return x.Quote(h) }, 1},
		{ArticleColumns, func(x *Writer) error { return x.Article(a) }, 1},
		{SpeakerColumns, func(x *Writer) error { return x.Speaker(sp) }, 1},
		{StoryColumns, func(x *Writer) error { return x.Story(st) }, 1},
	} {
		for _, f := range []Format{CSV, JSONL} {
			var b bytes.Buffer
			x, err := New(&b, f, c.cols)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.write(x); err != nil {
				t.Fatal(err)
			}
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
			if f == CSV {
				recs, err := csv.NewReader(&b).ReadAll()
				if err != nil || len(recs) != c.rows+1 || !slices.Equal(recs[0], c.cols) || len(recs[1]) != len(c.cols) {
					t.Errorf("csv %v: %v %v", c.cols, recs, err)
				}
				continue
			}
			lines := strings.Split(strings.TrimSpace(b.String()), "\n")
			if len(lines) != c.rows {
				t.Errorf("jsonl %v: %d rows", c.cols, len(lines))
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			want := slices.Clone(c.cols)
			sort.Strings(want)
			if !slices.Equal(keys, want) {
				t.Errorf("jsonl keys %v, columns %v", keys, want)
			}
		}
	}
	if h.Highlights == nil || a.Snippet == "" {
		t.Error("writing changed the hit")
	}
	var b bytes.Buffer
	x, _ := New(&b, CSV, QuoteColumns)
	x.Quote(h)
	x.Flush()
	if !strings.Contains(b.String(), `"He said ""no"", twice"`) || !strings.Contains(b.String(), ",0.875,") {
		t.Errorf("csv quoting or numbers: %s", b.String())
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"csv", "jsonl"} {
		if f, err := ParseFormat(s); err != nil || string(f) != s {
			t.Errorf("%s: %v", s, err)
		}
	}
	var qe *verbatim.QueryError
	if _, err := ParseFormat("xlsx"); !errors.As(err, &qe) || !strings.Contains(err.Error(), "csv or jsonl") {
		t.Errorf("xlsx: %v", err)
	}
	if CSV.ContentType() != "text/csv; charset=utf-8" || JSONL.ContentType() != "application/x-ndjson; charset=utf-8" {
		t.Error("content types")
	}
}
