package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// kindsDoc has a statement, a belief and an intention of one speaker, and a
// statement of an unnamed source, with confidences 0.9, 0.8, 0.4, 0.6.
func kindsDoc() *verbatim.Doc {
	b := newDoc("kinds", "Wire", "2025-05-01",
		`Ana Ruiz said the port would reopen. Ruiz believes the strike will end. She wants to meet the union. An official said talks were stalled.`)
	ar := b.entity("Ana Ruiz", nil, "Ana Ruiz", "Ruiz", "She")
	b.quote("the port would reopen", ar, "Ana Ruiz", "said", "")
	b.quote("the strike will end", ar, "Ruiz", "believes", "")
	b.quote("to meet the union", ar, "She", "wants", "")
	b.quote("talks were stalled", -1, "An official", "said", "")
	qs := b.d.Quotes
	qs[1].Kind, qs[1].Confidence = verbatim.Belief, 0.8
	qs[2].Kind, qs[2].Confidence = verbatim.Intention, 0.4
	qs[3].Kind, qs[3].Confidence = verbatim.Statement, 0.6
	return b.d
}

func texts(hits []verbatim.QuoteHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Text)
	}
	return out
}

func TestQuoteKindFilters(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.Put(ctx, []*verbatim.Doc{kindsDoc()}); err != nil {
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

// A library written before quotes had a kind opens, and its quotes are
// statements (all of them were shown as such).
func TestQuoteKindMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, []*verbatim.Doc{kindsDoc()}); err != nil {
		t.Fatal(err)
	}
	rewind(t, db, `DROP INDEX quotes_speaker_id`, `ALTER TABLE quotes DROP COLUMN kind`, `DELETE FROM schema_migrations WHERE version = 5`)
	db = reopen(t, db, path)
	r, err := db.Quotes(ctx, verbatim.QuoteQuery{})
	if err != nil || r.Total != 4 {
		t.Fatalf("old library: %d statements, %v; want all 4", r.Total, err)
	}
	for _, h := range r.Quotes {
		if h.Kind != verbatim.Statement {
			t.Fatalf("old quote %+v", h)
		}
	}
}
