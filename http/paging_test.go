package http

import (
	"context"
	"fmt"
	"html"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

// estimating answers quote searches with an estimated total, as a large
// library does.
type estimating struct{ verbatim.Store }

func (e estimating) Quotes(ctx context.Context, q verbatim.QuoteQuery) (verbatim.QuoteResults, error) {
	r, err := e.Store.Quotes(ctx, q)
	r.Approximate, r.Total, r.TotalEstimate = true, 12400, 12400
	return r, err
}

// TestCursorAndEstimate: /api/quotes follows its next cursor to the page
// of the next offset; an estimated total reads "about" in the UI, whose
// full page offers a next one past the estimate.
func TestCursorAndEstimate(t *testing.T) {
	s, ts := newServer(t)
	var docs []string
	for i := range 5 {
		docs = append(docs, fmt.Sprintf(`{"id":"a%d","title":"Talks %d","published":"2025-03-0%d","text":"Ann Lee said: \"the ceasefire talks went on for day %d.\" She left."}`, i, i, i+1, i))
	}
	if code, m := post(t, ts, "/api/articles", "application/x-ndjson", strings.Join(docs, "\n")); code != 201 {
		t.Fatalf("post: %d %v", code, m)
	}
	var first, second, byOffset verbatim.QuoteResults
	get(t, ts, "/api/quotes?q=ceasefire&limit=2", &first)
	if first.Next == "" || len(first.Quotes) != 2 {
		t.Fatalf("first page: %+v", first)
	}
	get(t, ts, "/api/quotes?q=ceasefire&limit=2&cursor="+url.QueryEscape(first.Next), &second)
	get(t, ts, "/api/quotes?q=ceasefire&limit=2&offset=2", &byOffset)
	if len(second.Quotes) != 2 || second.Quotes[0].ID != byOffset.Quotes[0].ID || second.Quotes[1].ID != byOffset.Quotes[1].ID {
		t.Fatalf("by cursor %+v, by offset %+v", second.Quotes, byOffset.Quotes)
	}
	if code, body := get(t, ts, "/api/quotes?q=ceasefire&cursor=nonsense", nil); code != 400 || !strings.Contains(body, "cursor") {
		t.Errorf("a bad cursor: %d %s", code, body)
	}

	// the UI's next page goes by cursor, numbered by its offset
	_, page := get(t, ts, "/?q=ceasefire&limit=2", nil)
	i := strings.Index(page, `class="next" href="`)
	if i < 0 {
		t.Fatalf("no next page in\n%s", page)
	}
	next := html.UnescapeString(page[i+len(`class="next" href="`):])
	next = next[:strings.IndexByte(next, '"')]
	if !strings.Contains(next, "cursor=") || !strings.Contains(next, "offset=2") {
		t.Errorf("next page %q: want a cursor and its offset", next)
	}
	if _, p2 := get(t, ts, next, nil); !strings.Contains(p2, "3–4 of 5") {
		t.Errorf("the page by cursor is not numbered 3–4 of 5")
	}

	est := httptest.NewServer(New(estimating{s.Store}, pipeline.New()))
	defer est.Close()
	_, page = get(t, est, "/?q=ceasefire&limit=2&offset=2", nil)
	if strings.Count(page, "about 12,400") < 3 || !strings.Contains(page, "offset=4") { // the count, the pager, the download
		t.Errorf("an estimated total: want \"about 12,400\" and a next page in\n%s", page)
	}
}
