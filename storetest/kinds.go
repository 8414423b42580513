package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// KindsDoc has a statement, a belief and an intention of one speaker, and a
// statement of an unnamed source, with confidences 0.9, 0.8, 0.4, 0.6.
func KindsDoc() *verbatim.Doc {
	b := NewDoc("kinds", "Wire", "2025-05-01",
		`Ana Ruiz said the port would reopen. Ruiz believes the strike will end. She wants to meet the union. An official said talks were stalled.`)
	ar := b.Entity("Ana Ruiz", nil, "Ana Ruiz", "Ruiz", "She")
	b.Quote("the port would reopen", ar, "Ana Ruiz", "said", "")
	b.Quote("the strike will end", ar, "Ruiz", "believes", "")
	b.Quote("to meet the union", ar, "She", "wants", "")
	b.Quote("talks were stalled", -1, "An official", "said", "")
	qs := b.D.Quotes
	qs[1].Kind, qs[1].Confidence = verbatim.Belief, 0.8
	qs[2].Kind, qs[2].Confidence = verbatim.Intention, 0.4
	qs[3].Kind, qs[3].Confidence = verbatim.Statement, 0.6
	return b.D
}

func texts(hits []verbatim.QuoteHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Text)
	}
	return out
}

// quoteKinds: statements by default; kinds, a least confidence and named
// sources filter; speaker pages and lists count statements; the article
// keeps every kind.
func quoteKinds(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	if _, err := db.Put(ctx, []*verbatim.Doc{KindsDoc()}); err != nil {
		t.Fatal(err)
	}
	count := func(qq verbatim.QuoteQuery) []string {
		t.Helper()
		r, err := db.Quotes(ctx, qq)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != len(r.Quotes) {
			t.Fatalf("%+v: total %d for %d quotes", qq, r.Total, len(r.Quotes))
		}
		return texts(r.Quotes)
	}
	for _, c := range []struct {
		qq   verbatim.QuoteQuery
		want int
	}{
		{verbatim.QuoteQuery{}, 2}, // statements by default
		{verbatim.QuoteQuery{Kinds: verbatim.QuoteKinds}, 4},
		{verbatim.QuoteQuery{Kinds: []verbatim.QuoteKind{verbatim.Belief}}, 1},
		{verbatim.QuoteQuery{Kinds: []verbatim.QuoteKind{verbatim.Belief, verbatim.Intention}}, 2},
		{verbatim.QuoteQuery{Kinds: verbatim.QuoteKinds, MinConfidence: 0.7}, 2},
		{verbatim.QuoteQuery{MinConfidence: 0.7}, 1},
		{verbatim.QuoteQuery{NamedOnly: true}, 1},
		{verbatim.QuoteQuery{Kinds: verbatim.QuoteKinds, NamedOnly: true}, 3},
		{verbatim.QuoteQuery{Speaker: "Ruiz"}, 1},
		{verbatim.QuoteQuery{Speaker: "Ruiz", Kinds: verbatim.QuoteKinds}, 3},
		{verbatim.QuoteQuery{Text: "strike", Kinds: []verbatim.QuoteKind{verbatim.Belief}}, 1},
		{verbatim.QuoteQuery{Text: "strike"}, 0},
	} {
		if got := count(c.qq); len(got) != c.want {
			t.Errorf("%+v: %d quotes %q, want %d", c.qq, len(got), got, c.want)
		}
	}
	r, _ := db.Quotes(ctx, verbatim.QuoteQuery{Kinds: []verbatim.QuoteKind{verbatim.Intention}})
	if len(r.Quotes) != 1 || r.Quotes[0].Kind != verbatim.Intention || r.Quotes[0].Confidence != 0.4 {
		t.Fatalf("intention hit %+v", r.Quotes)
	}
	for _, bad := range []verbatim.QuoteQuery{{Kinds: []verbatim.QuoteKind{"rumour"}}, {MinConfidence: 2}, {MinConfidence: -0.1}} {
		var qe *verbatim.QueryError
		if _, err := db.Quotes(ctx, bad); !errors.As(err, &qe) {
			t.Errorf("%+v: error %v, want a QueryError", bad, err)
		}
	}
	// speaker pages and lists count statements only
	sp, err := db.Speaker(ctx, "Ana Ruiz")
	if err != nil || len(sp.Statements) != 1 || sp.Statements[0].Kind != verbatim.Statement {
		t.Fatalf("speaker page %+v, %v", sp, err)
	}
	if l, _ := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10}); len(l) != 1 || l[0].Quotes != 1 {
		t.Fatalf("speakers %+v", l)
	}
	// the article keeps every kind
	a, err := db.Article(ctx, "kinds")
	if err != nil || len(a.Quotes) != 4 || a.Quotes[1].Kind != verbatim.Belief || a.Quotes[0].Kind != verbatim.Statement {
		t.Fatalf("article quotes %+v, %v", a, err)
	}
}
