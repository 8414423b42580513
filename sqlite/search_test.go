package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestRelevance: with a text query, articles come best match first — an
// article about Blair before a newer one that mentions Port Blair once —
// and sort=newest still orders by date; quotes come newest first unless
// relevance is asked for.
func TestRelevance(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	blair := newDoc("blair", "Wire", "2005-01-01", `Tony Blair said "Blair's government will act". Mr Blair spoke to Blair supporters.`)
	blair.d.Title = "Blair sets out plans"
	tb := blair.entity("Tony Blair", nil, "Tony Blair")
	blair.quote("Blair's government will act", tb, "Tony Blair", "said", "")
	port := newDoc("port", "Wire", "2005-06-01", `The ferry reached Port Blair late. The captain said "the crossing to Blair was rough, and the sea was high".`)
	port.d.Title = "Ferry arrives in the islands"
	cp := port.entity("Captain Lee", nil, "The captain")
	port.quote("the crossing to Blair was rough, and the sea was high", cp, "The captain", "said", "")
	if _, err := db.Put(ctx, []*verbatim.Doc{blair.d, port.d}); err != nil {
		t.Fatal(err)
	}
	arts := func(q verbatim.ArticleQuery) string {
		r, err := db.Articles(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range r.Articles {
			ids = append(ids, a.ID)
		}
		return strings.Join(ids, " ")
	}
	if got := arts(verbatim.ArticleQuery{Text: "blair"}); got != "blair port" {
		t.Errorf("articles by relevance: %s", got)
	}
	if got := arts(verbatim.ArticleQuery{Text: "blair", Sort: verbatim.SortNewest}); got != "port blair" {
		t.Errorf("articles newest first: %s", got)
	}
	if got := strings.Join(search(t, db, verbatim.QuoteQuery{Text: "blair", Sort: verbatim.SortRelevance}), "|"); !strings.HasPrefix(got, "Blair's government") {
		t.Errorf("quotes by relevance: %s", got)
	}
	// quotes come newest first unless relevance is asked for
	if got := strings.Join(search(t, db, verbatim.QuoteQuery{Text: "blair"}), "|"); !strings.HasPrefix(got, "the crossing") {
		t.Errorf("quotes newest first: %s", got)
	}
}

// TestHighlightsAndSnippets: a page of quotes carries the byte ranges of
// the words the query matched (accents ignored, prefixes, phrases); a page
// of articles a snippet around them, or the opening of the text without a
// text query.
func TestHighlightsAndSnippets(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	long := newDoc("long", "Wire", "2025-03-01", "Ceasefire talks\n\n"+strings.Repeat("Filler words about the weather and the harbour. ", 20)+
		"Mélanie Dubois said the ceasefire was near.\n"+strings.Repeat("More filler about trains. ", 20))
	long.d.Title = "Ceasefire talks"
	if _, err := db.Put(ctx, append(fixture(), long.d)); err != nil {
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

// TestQuoteFilters: outlet by part of its name, quote type, confidence,
// attributed only, story, and a person as their page shows them.
func TestQuoteFilters(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	docs := fixture()
	docs[0].Quotes[1].Type = verbatim.Indirect
	docs[0].Quotes[2].Confidence = 0.3
	docs[1].Outlet = "The Moscow Times"
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s1', 'Talks'); INSERT INTO story_articles(story_id, article_id) SELECT 's1', id FROM articles WHERE ext_id = 'kyiv'`); err != nil {
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
		{verbatim.QuoteQuery{Story: "s1"}, "no comment|the ceasefire must hold"},
		{verbatim.QuoteQuery{Person: "keith kellogg", Sort: verbatim.SortOldest}, "This is serious|talks were constructive|the ceasefire must hold"},
	} {
		if got := strings.Join(search(t, db, c.q), "|"); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
	r, _ := db.Quotes(ctx, verbatim.QuoteQuery{Outlet: "moscow"})
	if h := r.Quotes[0]; h.Story != "s1" || h.Confidence != 0.9 || h.Title != "Title of kyiv" {
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

// TestExportHasNoCap: EachQuote and EachArticle stream every match past
// the page limit, in the query's order, and honour a limit and offset.
func TestExportHasNoCap(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	var docs []*verbatim.Doc
	for i := 0; i < 1100; i++ {
		d := newDoc(fmt.Sprintf("a%04d", i), "Wire", fmt.Sprintf("2025-01-%02d", 1+i%28), fmt.Sprintf(`The mayor said "budget line %d".`, i))
		m := d.entity("Ann Mayor", nil, "The mayor")
		d.quote(fmt.Sprintf("budget line %d", i), m, "The mayor", "said", "")
		docs = append(docs, d.d)
	}
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	n, last := 0, "9999"
	err := db.EachQuote(ctx, verbatim.QuoteQuery{Text: "budget", Sort: verbatim.SortNewest}, func(h *verbatim.QuoteHit) error {
		n++
		if h.Day() > last {
			return fmt.Errorf("out of order: %s after %s", h.Day(), last)
		}
		last = h.Day()
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

// TestSpeakerPage: a speaker's detail has their roles one per meaning,
// the outlets quoting them, statements per month and the undated count.
func TestSpeakerPage(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	var docs []*verbatim.Doc
	for i, c := range []struct{ outlet, day, role string }{
		{"Wire", "2025-01-05", "U.S. President"}, {"Wire", "2025-01-20", "US President"}, {"Daily", "2025-03-02", "President"},
		{"Daily", "", "US president"},
	} {
		d := newDoc(fmt.Sprintf("d%d", i), c.outlet, c.day, fmt.Sprintf(`Jon Ames said "line %d".`, i))
		e := d.entity("Jon Ames", []string{c.role}, "Jon Ames")
		d.quote(fmt.Sprintf("line %d", i), e, "Jon Ames", "said", "")
		docs = append(docs, d.d)
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
		days = append(days, h.Day())
	}
	if strings.Join(days, ",") != "2025-01-05,2025-01-20,2025-03-02," {
		t.Errorf("statements not in date order, undated last: %v", days)
	}
	st, _ := db.Stats(ctx)
	if st.Outlets != 2 || st.First != "2025-01-05" || st.Last != "2025-03-02" || st.Undated != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestMergeRoles(t *testing.T) {
	for _, c := range []struct {
		in   []weighted
		want string
	}{
		{[]weighted{{"U.S. President", 2}, {"US President", 1}, {"President", 5}}, "U.S. President"},
		{[]weighted{{"envoy", 1}, {"Ukraine envoy", 1}, {"former general", 3}}, "former general|Ukraine envoy"},
		{[]weighted{{"Minister", 1}}, "Minister"},
		{nil, ""},
	} {
		if got := strings.Join(mergeRoles(c.in), "|"); got != c.want {
			t.Errorf("%v: %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMigration21: a library from before the outlets table and the
// positional article index gets both, filled from what it holds.
func TestMigration21(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	rewind(t, db, `DROP TABLE outlets`, `DROP TABLE articles_fts`,
		`CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', detail=none, columnsize=0, `+tokenizer+`)`,
		`INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`, `DELETE FROM schema_migrations WHERE version = 21`)
	db = reopen(t, db, path)
	r, err := db.Articles(ctx, verbatim.ArticleQuery{Text: `"within reach"`, Outlet: "wir"})
	if err != nil || r.Total != 1 || r.Articles[0].ID != "geneva" {
		t.Errorf("after migration: %+v %v", r, err)
	}
	if st, _ := db.Stats(ctx); st.Outlets != 2 {
		t.Errorf("outlets %+v", st)
	}
}

// TestPunctuatedWords: words with punctuation inside, which FTS5 refuses
// or reads as a column filter, are searched as the phrase of their words;
// operators, phrases, prefixes, NEAR and columns keep their meaning.
func TestPunctuatedWords(t *testing.T) {
	for in, want := range map[string]string{
		"U.S.":                    `"U.S."`,
		"Blair's government":      `"Blair's" government`,
		"co-operate OR e-mail":    `"co-operate" OR "e-mail"`,
		"3.5% rise":               `"3.5%" rise`,
		"10:30":                   `"10:30"`,
		`"peace deal" NOT war`:    `"peace deal" NOT war`,
		"tax* AND (iran OR iraq)": "tax* AND (iran OR iraq)",
		"NEAR(peace talks, 5)":    "NEAR(peace talks, 5)",
		"title:budget":            "title:budget",
		"U.S.*":                   `"U.S."*`,
		"£500,000":                `"£500,000"`,
		`"open`:                   `"open`,
	} {
		if got := ftsQuery(in, []string{"title", "text"}); got != want {
			t.Errorf("ftsQuery(%q) = %s, want %s", in, got, want)
		}
	}
	ctx := context.Background()
	db := open(t)
	d := newDoc("p", "Wire", "2025-01-01", `Blair's aide said "the U.S. will co-operate at 10:30, with £500,000".`)
	e := d.entity("Jo Aide", nil, "Blair's aide")
	d.quote("the U.S. will co-operate at 10:30, with £500,000", e, "Blair's aide", "said", "")
	if _, err := db.Put(ctx, []*verbatim.Doc{d.d}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"U.S.", "co-operate", "10:30", "£500,000"} {
		if got := search(t, db, verbatim.QuoteQuery{Text: q}); len(got) != 1 {
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

// TestSnippetSkipsNoise: a snippet is cut from the cleaned text — a hit in
// a page-break URL or a masthead is not shown, the title at the head of
// the text is not repeated, line breaks are spaces.
func TestSnippetSkipsNoise(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	text := "Envoy in talks\n\n% Moscow Times\n\nThe envoy said the\nhttps://apnews.com/article/trump-putin-6c5a0984\nplan was ready. Later Trump\nspoke to reporters about the plan.\n"
	d := newDoc("n", "Wire", "2025-01-01", text)
	d.d.Title = "Envoy in talks"
	if _, err := db.Put(ctx, []*verbatim.Doc{d.d}); err != nil {
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

// TestHighlightSpans: the words a query matched are found as the index
// finds them — case and accents ignored, prefixes, phrases in a row as one
// range — and what follows NOT, operators and column names are not marked.
func TestHighlightSpans(t *testing.T) {
	text := "Mélanie Dubois said the ceasefire was within reach; taxes, not tax cuts, within the reach of all."
	for q, want := range map[string]string{
		"melanie":                       "[Mélanie] Dubois",
		"tax*":                          "said the ceasefire was within reach; [taxes], not [tax] cuts",
		`"within reach"`:                "was [within reach]; taxes",
		"ceasefire NOT war":             "the [ceasefire] was",
		"title:dubois OR (reach AND x)": "Mélanie [Dubois] said the ceasefire was within [reach]; taxes, not tax cuts, within the [reach] of all.",
		`"U.S."`:                        "Mélanie Dubois said",
	} {
		got, at := "", 0
		for _, h := range highlightSpans(text, queryTerms(ftsQuery(q, []string{"title", "text"}))) {
			got += text[at:h.Start] + "[" + text[h.Start:h.End] + "]"
			at = h.End
		}
		got += text[at:]
		if !strings.Contains(got, want) {
			t.Errorf("%s: %s", q, got)
		}
	}
}
