package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// highlightsAndSnippets: a page of quotes carries the byte ranges of
// the words the query matched (accents ignored, prefixes, phrases); a page
// of articles a snippet around them, or the opening of the text without a
// text query.
func highlightsAndSnippets(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	long := NewDoc("long", "Wire", "2025-03-01", "Ceasefire talks\n\n"+strings.Repeat("Filler words about the weather and the harbour. ", 20)+
		"Mélanie Dubois said the ceasefire was near.\n"+strings.Repeat("More filler about trains. ", 20))
	long.D.Title = "Ceasefire talks"
	if _, err := db.Put(ctx, append(Fixture(), long.D)); err != nil {
		t.Fatal(err)
	}
	marked := func(text string, spans []verbatim.Span) string {
		var b strings.Builder
		at := 0
		for _, s := range spans {
			b.WriteString(text[at:s.Start] + "[" + text[s.Start:s.End] + "]")
			at = s.End
		}
		return b.String() + text[at:]
	}
	for q, want := range map[string]string{
		"ceasefire":             "a [ceasefire] is within reach",
		"cease*":                "a [ceasefire] is within reach",
		`"within reach"`:        "a ceasefire is [within reach]",
		"reach OR constructiv*": "a ceasefire is within [reach]",
	} {
		r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: q, Outlet: "wire", Limit: 1, Sort: verbatim.SortOldest})
		if err != nil || len(r.Quotes) == 0 {
			t.Fatalf("%s: %v %+v", q, err, r)
		}
		if got := marked(r.Quotes[0].Text, r.Quotes[0].Highlights); got != want {
			t.Errorf("%s: highlighted %q, want %q", q, got, want)
		}
	}
	// a speaker's quotes found by words are marked alike, in every order
	for _, sort := range []string{verbatim.SortNewest, verbatim.SortOldest, verbatim.SortRelevance} {
		r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: "ceasefire", Speaker: "Keith Kellogg", Sort: sort})
		if err != nil || len(r.Quotes) != 1 {
			t.Fatalf("speaker and words, %s: %v %+v", sort, err, r)
		}
		if got := marked(r.Quotes[0].Text, r.Quotes[0].Highlights); got != "the [ceasefire] must hold" {
			t.Errorf("speaker and words, %s: highlighted %q", sort, got)
		}
	}
	r, err := db.Articles(ctx, verbatim.ArticleQuery{Text: "melanie", Outlet: "wire"})
	if err != nil || len(r.Articles) != 2 {
		t.Fatalf("articles: %v %+v", err, r)
	}
	for _, a := range r.Articles {
		if len(a.Highlights) == 0 || a.Snippet[a.Highlights[0].Start:a.Highlights[0].End] != "Mélanie" {
			t.Errorf("%s: snippet %q, highlights %v", a.ID, a.Snippet, a.Highlights)
		}
		if a.ID == "long" && (len(a.Snippet) > 400 || !strings.HasPrefix(a.Snippet, "…") || strings.Contains(a.Snippet, "\n")) {
			t.Errorf("long article snippet %q", a.Snippet)
		}
	}
	r, _ = db.Articles(ctx, verbatim.ArticleQuery{Outlet: "wire", Sort: verbatim.SortNewest})
	if len(r.Articles) != 2 || r.Articles[1].ID != "long" || !strings.HasPrefix(r.Articles[1].Snippet, "Filler words") ||
		!strings.HasSuffix(r.Articles[1].Snippet, " …") || len(r.Articles[1].Highlights) != 0 {
		t.Errorf("opening: %+v", r.Articles)
	}
}

// quoteFilters: outlet by part of its name, quote type, confidence,
// named sources only, and a speaker as their page shows them; mistakes
// are answered in terms of the query.
func quoteFilters(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	docs := Fixture()
	docs[0].Quotes[1].Type = verbatim.Indirect
	docs[0].Quotes[2].Confidence = 0.3
	docs[1].Outlet = "The Moscow Times"
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    verbatim.QuoteQuery
		want string
	}{
		{verbatim.QuoteQuery{Outlet: "Moscow Times"}, "no comment|the ceasefire must hold"},
		{verbatim.QuoteQuery{Outlet: "moscow"}, "no comment|the ceasefire must hold"},
		{verbatim.QuoteQuery{Outlet: "the moscow times"}, "no comment|the ceasefire must hold"},
		{verbatim.QuoteQuery{Outlet: "Pravda"}, ""},
		{verbatim.QuoteQuery{Type: "indirect"}, "talks were constructive"},
		{verbatim.QuoteQuery{Type: "direct, indirect", Outlet: "wire", Sort: verbatim.SortOldest}, "This is serious|a ceasefire is within reach|talks were constructive"},
		{verbatim.QuoteQuery{MinConfidence: 0.5, Speaker: "kellogg"}, "the ceasefire must hold|talks were constructive"},
		{verbatim.QuoteQuery{NamedOnly: true, Outlet: "times"}, "the ceasefire must hold"},
		{verbatim.QuoteQuery{Speaker: "keith kellogg", Sort: verbatim.SortOldest}, "This is serious|talks were constructive|the ceasefire must hold"},
	} {
		if got := strings.Join(Search(t, db, c.q), "|"); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
	r, _ := db.Quotes(ctx, verbatim.QuoteQuery{Outlet: "moscow"})
	if h := r.Quotes[0]; h.Confidence != 0.9 || h.Title != "Title of kyiv" || r.Sort != verbatim.SortNewest {
		t.Errorf("hit %+v", h)
	}
	for _, q := range []verbatim.QuoteQuery{{Text: "speaker:Kellogg"}, {Text: "*"}, {Text: "tax AND"}, {Type: "quoted"},
		{Since: "2025-05-01", Until: "2025-04"}, {Limit: -3}, {Limit: 5000}, {Offset: -1}, {MinConfidence: 2}, {Sort: "date"}} {
		var qe *verbatim.QueryError
		_, err := db.Quotes(ctx, q)
		if !errors.As(err, &qe) {
			t.Errorf("%+v: want QueryError, got %v", q, err)
			continue
		}
		for _, internal := range []string{"no such column", "special query", "fts5", "SQL"} {
			if strings.Contains(err.Error(), internal) {
				t.Errorf("%+v: message speaks of internals: %v", q, err)
			}
		}
	}
	_, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: "speaker:Kellogg"})
	if !strings.Contains(err.Error(), "speaker=") {
		t.Errorf("speaker: in the query: %v", err)
	}
}

// exportHasNoCap: EachQuote and EachArticle stream every match past
// the page limit, in the query's order, and honour a limit and offset.
func exportHasNoCap(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	var docs []*verbatim.Doc
	for i := 0; i < 1100; i++ {
		d := NewDoc(fmt.Sprintf("a%04d", i), "Wire", fmt.Sprintf("2025-01-%02d", 1+i%28), fmt.Sprintf(`The mayor said "budget line %d".`, i))
		m := d.Entity("Ann Mayor", nil, "The mayor")
		d.Quote(fmt.Sprintf("budget line %d", i), m, "The mayor", "said", "")
		docs = append(docs, d.D)
	}
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	n, last := 0, "9999"
	err := db.EachQuote(ctx, verbatim.QuoteQuery{Text: "budget", Sort: verbatim.SortNewest}, func(h *verbatim.QuoteHit) error {
		n++
		if string(h.Day()) > last {
			return fmt.Errorf("out of order: %s after %s", h.Day(), last)
		}
		last = string(h.Day())
		return nil
	})
	if err != nil || n != 1100 {
		t.Errorf("EachQuote: %d rows, %v", n, err)
	}
	n = 0
	db.EachQuote(ctx, verbatim.QuoteQuery{Limit: 5, Offset: 1098}, func(*verbatim.QuoteHit) error { n++; return nil })
	if n != 2 {
		t.Errorf("EachQuote limit/offset: %d rows", n)
	}
	n = 0
	err = db.EachArticle(ctx, verbatim.ArticleQuery{Outlet: "wire"}, func(a *verbatim.ArticleHit) error {
		n++
		if a.Quotes != 1 || a.Title == "" {
			return fmt.Errorf("article %+v", a)
		}
		return nil
	})
	if err != nil || n != 1100 {
		t.Errorf("EachArticle: %d rows, %v", n, err)
	}
	if err := db.EachQuote(ctx, verbatim.QuoteQuery{Limit: -1}, func(*verbatim.QuoteHit) error { return nil }); err == nil {
		t.Error("negative export limit accepted")
	}
	stop := errors.New("stop")
	if err := db.EachQuote(ctx, verbatim.QuoteQuery{}, func(*verbatim.QuoteHit) error { return stop }); err != stop {
		t.Errorf("fn's error not returned: %v", err)
	}
}

// speakerPage: a speaker's detail has their roles one per meaning,
// the outlets quoting them, statements per month and the undated count.
func speakerPage(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	var docs []*verbatim.Doc
	for i, c := range []struct{ outlet, day, role string }{
		{"Wire", "2025-01-05", "U.S. President"}, {"Wire", "2025-01-20", "US President"}, {"Daily", "2025-03-02", "President"},
		{"Daily", "", "US president"},
	} {
		d := NewDoc(fmt.Sprintf("d%d", i), c.outlet, c.day, fmt.Sprintf(`Jon Ames said "line %d".`, i))
		e := d.Entity("Jon Ames", []string{c.role}, "Jon Ames")
		d.Quote(fmt.Sprintf("line %d", i), e, "Jon Ames", "said", "")
		docs = append(docs, d.D)
	}
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	sd, err := db.Speaker(ctx, "jon ames")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sd.Roles, "|") != "U.S. President" {
		t.Errorf("roles %q", sd.Roles)
	}
	if fmt.Sprint(sd.Outlets) != "[{Daily 2} {Wire 2}]" || fmt.Sprint(sd.Months) != "[{2025-01 2} {2025-03 1}]" || sd.Undated != 1 {
		t.Errorf("outlets %v months %v undated %d", sd.Outlets, sd.Months, sd.Undated)
	}
	var days []string
	for _, h := range sd.Statements {
		days = append(days, string(h.Day()))
	}
	if strings.Join(days, ",") != "2025-01-05,2025-01-20,2025-03-02," {
		t.Errorf("statements not in date order, undated last: %v", days)
	}
	st, _ := db.Stats(ctx)
	if st.Outlets != 2 || st.First != "2025-01-05" || st.Last != "2025-03-02" || st.Undated != 1 {
		t.Errorf("stats %+v", st)
	}
}

// punctuatedWords: a word with punctuation inside is searched as the
// phrase of its parts (U.S., co-operate, 10:30, £500,000).
func punctuatedWords(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	d := NewDoc("p", "Wire", "2025-01-01", `Blair's aide said "the U.S. will co-operate at 10:30, with £500,000".`)
	e := d.Entity("Jo Aide", nil, "Blair's aide")
	d.Quote("the U.S. will co-operate at 10:30, with £500,000", e, "Blair's aide", "said", "")
	if _, err := db.Put(ctx, []*verbatim.Doc{d.D}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"U.S.", "co-operate", "10:30", "£500,000"} {
		if got := Search(t, db, verbatim.QuoteQuery{Text: q}); len(got) != 1 {
			t.Errorf("%q: %v", q, got)
		}
		if r, err := db.Articles(ctx, verbatim.ArticleQuery{Text: q}); err != nil || r.Total != 1 {
			t.Errorf("articles %q: %v %v", q, r.Total, err)
		}
	}
	if r, _ := db.Articles(ctx, verbatim.ArticleQuery{Text: "Blair's"}); r.Total != 1 {
		t.Errorf("Blair's: %d", r.Total)
	}
}

// snippetSkipsNoise: a snippet is cut from the cleaned text — a hit in
// a page-break URL or a masthead is not shown, the title at the head of
// the text is not repeated, line breaks are spaces.
func snippetSkipsNoise(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	text := "Envoy in talks\n\n% Moscow Times\n\nThe envoy said the\nhttps://apnews.com/article/trump-putin-6c5a0984\nplan was ready. Later Trump\nspoke to reporters about the plan.\n"
	d := NewDoc("n", "Wire", "2025-01-01", text)
	d.D.Title = "Envoy in talks"
	if _, err := db.Put(ctx, []*verbatim.Doc{d.D}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"trump": "… plan was ready. Later [Trump] spoke to reporters about the plan.",
		"envoy": "The [envoy] said the plan was ready. Later Trump spoke to reporters about the plan.",
		"":      "The envoy said the plan was ready. Later Trump spoke to reporters about the plan.",
	} {
		r, err := db.Articles(ctx, verbatim.ArticleQuery{Text: q})
		if err != nil || len(r.Articles) != 1 {
			t.Fatalf("%q: %v %+v", q, err, r)
		}
		a := r.Articles[0]
		got, at := "", 0
		for _, h := range a.Highlights {
			got += a.Snippet[at:h.Start] + "[" + a.Snippet[h.Start:h.End] + "]"
			at = h.End
		}
		got += a.Snippet[at:]
		if got != want {
			t.Errorf("%q: snippet %q, want %q", q, got, want)
		}
	}
}
