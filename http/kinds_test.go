package http

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

const beliefs = `Port talks stall

Mara Olsen, the union leader, said the strike would go on. Olsen believes the port authority will give way. An official said talks had stalled.
`

func TestQuoteKindFilters(t *testing.T) {
	_, ts := newServer(t)
	if code, m := post(t, ts, "/api/articles?id=port&outlet=Wire&published=2025-03-03", "text/plain", beliefs); code != 201 {
		t.Fatalf("POST: %d %v", code, m)
	}
	var res verbatim.QuoteResults
	get(t, ts, "/api/quotes", &res)
	for _, h := range res.Quotes {
		if h.Kind != verbatim.Statement || h.Confidence <= 0 {
			t.Fatalf("default search gave %+v", h)
		}
	}
	statements := res.Total
	get(t, ts, "/api/quotes?kind=all", &res)
	var belief *verbatim.QuoteHit
	for i, h := range res.Quotes {
		if h.Kind == verbatim.Belief {
			belief = &res.Quotes[i]
		}
	}
	if belief == nil || !strings.Contains(belief.Text, "port authority will give way") || res.Total <= statements {
		t.Fatalf("kind=all: %d quotes (statements %d), belief %+v", res.Total, statements, belief)
	}
	get(t, ts, "/api/quotes?kind=belief", &res)
	if res.Total != 1 || res.Quotes[0].Kind != verbatim.Belief {
		t.Fatalf("kind=belief: %+v", res)
	}
	get(t, ts, "/api/quotes?named=1", &res)
	for _, h := range res.Quotes {
		if h.Speaker == "" {
			t.Fatalf("named=1 gave an unnamed source: %+v", h)
		}
	}
	if res.Total >= statements {
		t.Fatalf("named=1: %d of %d statements (the official is unnamed)", res.Total, statements)
	}
	get(t, ts, "/api/quotes?min_confidence=1", &res)
	for _, h := range res.Quotes {
		if h.Confidence < 1 {
			t.Fatalf("min_confidence=1 gave %+v", h)
		}
	}
	for _, bad := range []string{"kind=rumour", "min_confidence=2", "min_confidence=x"} {
		if code, body := get(t, ts, "/api/quotes?"+bad, nil); code != 400 || !strings.Contains(body, strings.SplitN(bad, "=", 2)[0]) {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
	// the UI shows confidence and offers the filters
	_, page := get(t, ts, "/?q=strike", nil)
	for _, want := range []string{"confidence 0.", `name="kind"`, `name="min_confidence"`, `name="named"`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	if _, page := get(t, ts, "/?kind=belief", nil); !strings.Contains(page, "belief, indirect") || !strings.Contains(page, "give way") {
		t.Errorf("belief search page does not show the belief with its kind")
	}
}
