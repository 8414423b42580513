package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// Backend is a library engine under test.
type Backend struct {
	// Open returns a new, empty library, closed when the test ends.
	Open func(t *testing.T) verbatim.Store
	// Group brings the library's stories, persons and statements up to
	// date with every stored article.
	Group func(ctx context.Context, st verbatim.Store) error
}

// Run runs the contract suite on the backend.
func Run(t *testing.T, b Backend) {
	for _, c := range []struct {
		name string
		f    func(*testing.T, Backend)
	}{
		{"RoundTripAndIdempotence", roundTrip},
		{"SearchFilters", searchFilters},
		{"ArticleSearch", articleSearch},
		{"AccentInsensitive", accentInsensitive},
		{"BadSyntaxIsQueryError", badSyntax},
		{"Speakers", speakers},
		{"Stories", storiesGrouped},
		{"StoryListing", storyListing},
		{"StoryPage", storyPage},
		{"QuoteKinds", quoteKinds},
		{"HighlightsAndSnippets", highlightsAndSnippets},
		{"QuoteFilters", quoteFilters},
		{"ExportHasNoCap", exportHasNoCap},
		{"SpeakerPage", speakerPage},
		{"PunctuatedWords", punctuatedWords},
		{"SnippetSkipsNoise", snippetSkipsNoise},
		{"CoarseDatesInRange", coarseDatesInRange},
		{"UndatedSortApart", undatedSortApart},
		{"OneRowPerSpeaker", oneRowPerSpeaker},
		{"SurnameAsksWhichPerson", surnameAsksWhichPerson},
		{"HonorificsAndTitles", honorificsAndTitles},
		{"PeopleAndOrganisationsApart", peopleAndOrganisationsApart},
		{"UngroupedSpeakers", ungroupedSpeakers},
		{"CursorPaging", cursorPaging},
		{"EstimatedTotal", estimatedTotal},
	} {
		t.Run(c.name, func(t *testing.T) { c.f(t, b) })
	}
}

func put(t *testing.T, st verbatim.Store, docs ...*verbatim.Doc) []verbatim.PutOutcome {
	t.Helper()
	out, err := st.Put(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func roundTrip(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	docs := Fixture()
	out := put(t, db, docs...)
	if !out[0].Stored || !out[1].Stored || out[0].ID != "geneva" {
		t.Fatalf("outcomes %+v", out)
	}
	st, _ := db.Stats(ctx)
	if st.Articles != 2 || st.Quotes != 5 || st.Speakers != 2 {
		t.Fatalf("stats %+v", st)
	}
	// again, and the same content under another id: nothing changes
	again := Fixture()
	again[1].ID = "kyiv-copy"
	out = put(t, db, again...)
	if out[0].Stored || out[1].Stored || out[1].Duplicate != "kyiv" {
		t.Fatalf("duplicates stored: %+v", out)
	}
	// twice in one batch: stored once
	twice := NewDoc("twice", "Wire", "2025-03-05", `Once and again.`)
	out = put(t, db, twice.D, twice.D)
	if !out[0].Stored || out[1].Stored || out[1].Duplicate != "twice" {
		t.Fatalf("twice in a batch: %+v", out)
	}
	st2, _ := db.Stats(ctx)
	if st2.Articles != st.Articles+1 || st2.Quotes != st.Quotes {
		t.Fatalf("stats changed %+v → %+v", st, st2)
	}
	// same id, other content: both kept
	other := NewDoc("geneva", "Wire", "2025-03-04", `Nothing said.`)
	out = put(t, db, other.D)
	if !out[0].Stored || out[0].ID == "geneva" || !strings.HasPrefix(out[0].ID, "geneva-") {
		t.Fatalf("id collision: %+v", out)
	}
	a, err := db.Article(ctx, "geneva")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != docs[0].Text || len(a.Quotes) != 3 || len(a.Entities) != 2 || len(a.Dates) != 1 {
		t.Fatalf("article %+v", a)
	}
	q := a.Quotes[2]
	if q.Text != "This is serious" || q.Speaker == nil || *q.Speaker != "Keith Kellogg" || q.SpeakerMention != "Kellog" ||
		q.SpeakerStart == nil || a.Text[*q.SpeakerStart:*q.SpeakerEnd] != "Kellog" || q.Cue != "added" || q.Confidence != 0.9 {
		t.Fatalf("quote %+v", q)
	}
	if got := a.Entities[1]; got.Name != "Keith Kellogg" || len(got.Mentions) != 2 || got.Mentions[1].Text != "Kellog" ||
		fmt.Sprint(got.Roles) != "[U.S. envoy]" {
		t.Fatalf("entity %+v", got)
	}
	if d := a.Dates[0]; d.Value != "2025-03-03" || d.Text != a.Text[d.Start:d.End] {
		t.Fatalf("date %+v", d)
	}
	if _, err := db.Article(ctx, "nope"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Fatalf("unknown article: %v", err)
	}
	if ok, _ := db.Has(ctx, verbatim.ContentHash(docs[0].Text)); !ok {
		t.Fatal("Has: stored hash not found")
	}
	if ok, _ := db.Has(ctx, verbatim.ContentHash("never stored")); ok {
		t.Fatal("Has: unknown hash found")
	}
}

// Search returns the texts of the quotes a query finds.
func Search(t *testing.T, db verbatim.Store, q verbatim.QuoteQuery) []string {
	t.Helper()
	r, err := db.Quotes(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	var out []string
	for _, h := range r.Quotes {
		out = append(out, h.Text)
	}
	if r.Total < len(out) {
		t.Fatalf("total %d < %d", r.Total, len(out))
	}
	return out
}

func searchFilters(t *testing.T, b Backend) {
	db := b.Open(t)
	put(t, db, Fixture()...)
	for _, c := range []struct {
		q    verbatim.QuoteQuery
		want string
	}{
		{verbatim.QuoteQuery{Text: "ceasefire"}, "the ceasefire must hold|a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: "ceasefire", Outlet: "wire"}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Speaker: "Kellogg"}, "the ceasefire must hold|talks were constructive|This is serious"},
		{verbatim.QuoteQuery{Speaker: "kellog", Until: "2025-03-02"}, "This is serious"},
		{verbatim.QuoteQuery{Speaker: "kellog", Until: "2025-03"}, "talks were constructive|This is serious"}, // all of March
		{verbatim.QuoteQuery{Speaker: "keith kellogg", Since: "2025"}, "the ceasefire must hold|talks were constructive|This is serious"},
		{verbatim.QuoteQuery{Speaker: "Keith Kellogg", Since: "2025-04"}, "the ceasefire must hold"},
		{verbatim.QuoteQuery{Speaker: "Keith Kellogg", Text: "ceasefire OR serious"}, "the ceasefire must hold|This is serious"},
		{verbatim.QuoteQuery{Text: `"within reach"`}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: `"reach within"`}, ""},
		{verbatim.QuoteQuery{Text: "ceas*", Since: "2025-03-03", Until: "2025-03-03"}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: "ceasefire NOT hold"}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: "(talks OR comment) AND constructive"}, "talks were constructive"},
		{verbatim.QuoteQuery{Text: "comment"}, "no comment"},
		{verbatim.QuoteQuery{Article: "kyiv"}, "no comment|the ceasefire must hold"},
		{verbatim.QuoteQuery{Limit: 2, Offset: 1}, "the ceasefire must hold|talks were constructive"},
		{verbatim.QuoteQuery{Speaker: "Nobody"}, ""},
	} {
		if got := strings.Join(Search(t, db, c.q), "|"); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
	for _, off := range []int{0, 2, 10} { // total is right on every page, even past the end
		r, _ := db.Quotes(context.Background(), verbatim.QuoteQuery{Speaker: "kellogg", Limit: 1, Offset: off})
		if r.Total != 3 {
			t.Errorf("speaker page at %d: total %d", off, r.Total)
		}
	}
	r, _ := db.Quotes(context.Background(), verbatim.QuoteQuery{Limit: 1})
	if r.Total != 5 || len(r.Quotes) != 1 {
		t.Errorf("total %d, page %d", r.Total, len(r.Quotes))
	}
	r, _ = db.Quotes(context.Background(), verbatim.QuoteQuery{Limit: 1, Offset: 1})
	h := r.Quotes[0]
	if h.ArticleID != "kyiv" || h.Outlet != "Daily" || h.Published != "2025-04-10" || h.Speaker != "Keith Kellogg" || h.Cue != "said" ||
		h.Start >= h.End || h.Mention != "Keith Kellogg" || h.Type != verbatim.Direct {
		t.Errorf("hit %+v", h)
	}
}

// articleSearch: articles are found by words of their title or text,
// accents and case ignored, filtered by outlet (part of its name) and
// publication date, best match first with a text query (else newest
// first), with their quote counts; malformed queries are a QueryError.
func articleSearch(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	fr := NewDoc("fr", "Le Monde", "2025-01-01", `Mélanie Dubois a dit « la sécurité d'abord ».`)
	put(t, db, append(Fixture(), fr.D)...)
	ids := func(q verbatim.ArticleQuery) string {
		t.Helper()
		r, err := db.Articles(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var out []string
		for _, a := range r.Articles {
			out = append(out, fmt.Sprintf("%s:%d", a.ID, a.Quotes))
		}
		if r.Total < len(r.Articles) {
			t.Errorf("%+v: total %d for %d articles", q, r.Total, len(r.Articles))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		q    verbatim.ArticleQuery
		want string
	}{
		{verbatim.ArticleQuery{Text: "ceasefire"}, "kyiv:2 geneva:3"},
		{verbatim.ArticleQuery{Text: "MELANIE", Sort: verbatim.SortNewest}, "geneva:3 fr:0"},
		{verbatim.ArticleQuery{Text: "MELANIE", Sort: verbatim.SortOldest}, "fr:0 geneva:3"},
		{verbatim.ArticleQuery{Outlet: "monde"}, "fr:0"},
		{verbatim.ArticleQuery{Outlet: "times"}, ""},
		{verbatim.ArticleQuery{Text: "securite"}, "fr:0"},
		{verbatim.ArticleQuery{Text: "ceasefire", Outlet: "WIRE"}, "geneva:3"},
		{verbatim.ArticleQuery{Text: "ceasefire NOT hold"}, "geneva:3"},
		{verbatim.ArticleQuery{Text: "constructiv*"}, "geneva:3"},
		{verbatim.ArticleQuery{Text: "kyiv"}, "kyiv:2"}, // the title
		{verbatim.ArticleQuery{Since: "2025-03", Until: "2025-03-31"}, "geneva:3"},
		{verbatim.ArticleQuery{Limit: 1, Offset: 1}, "geneva:3"},
		{verbatim.ArticleQuery{Text: "armistice"}, ""},
	} {
		if got := ids(c.q); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
	if r, _ := db.Articles(ctx, verbatim.ArticleQuery{Text: "ceasefire"}); r.Sort != verbatim.SortRelevance {
		t.Errorf("article search with words: sort %q", r.Sort)
	}
	for _, q := range []verbatim.ArticleQuery{{Text: `"within reach`}, {Text: `(x`}, {Until: "soon"}, {Text: "*"}, {Text: "speaker:Dubois"},
		{Since: "2025-04", Until: "2025-03-31"}, {Limit: -1}, {Limit: 1001}, {Offset: -1}, {Sort: "best"}} {
		var qe *verbatim.QueryError
		if _, err := db.Articles(ctx, q); !errors.As(err, &qe) {
			t.Errorf("%+v: want QueryError, got %v", q, err)
		}
	}
}

func accentInsensitive(t *testing.T, b Backend) {
	db := b.Open(t)
	d := NewDoc("fr", "Le Monde", "2025-01-01", `Mélanie Dubois a dit « la sécurité d'abord ».`)
	md := d.Entity("Mélanie Dubois", nil, "Mélanie Dubois")
	d.Quote("la sécurité d'abord", md, "Mélanie Dubois", "a dit", "")
	put(t, db, d.D)
	if got := Search(t, db, verbatim.QuoteQuery{Text: "securite"}); len(got) != 1 {
		t.Errorf("securite: %v", got)
	}
	if got := Search(t, db, verbatim.QuoteQuery{Text: "SÉCURITÉ"}); len(got) != 1 {
		t.Errorf("SÉCURITÉ: %v", got)
	}
	if got := Search(t, db, verbatim.QuoteQuery{Speaker: "melanie dubois"}); len(got) != 1 {
		t.Errorf("speaker melanie dubois: %v", got)
	}
	sp, err := db.Speakers(context.Background(), verbatim.SpeakerQuery{Text: "melanie", Limit: 10})
	if err != nil || len(sp) != 1 || sp[0].Name != "Mélanie Dubois" {
		t.Errorf("speakers melanie: %v %v", sp, err)
	}
	if r, err := db.Articles(context.Background(), verbatim.ArticleQuery{Text: "melanie"}); err != nil || r.Total != 1 {
		t.Errorf("article text search melanie: %+v %v", r, err)
	}
}

func badSyntax(t *testing.T, b Backend) {
	db := b.Open(t)
	put(t, db, Fixture()...)
	for _, q := range []verbatim.QuoteQuery{{Text: `"unbalanced`}, {Text: `AND OR`}, {Text: `speaker:bar`}, {Text: `(x`}, {Since: "yesterday-ish"}} {
		_, err := db.Quotes(context.Background(), q)
		var qe *verbatim.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%+v: want QueryError, got %v", q, err)
		}
	}
}

func speakers(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	put(t, db, Fixture()...)
	sp, err := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10})
	if err != nil || len(sp) != 2 {
		t.Fatalf("%v %v", sp, err)
	}
	if sp[0] != (verbatim.SpeakerSummary{ID: "name:keith kellogg", Type: verbatim.Person, Name: "Keith Kellogg", Quotes: 3, Articles: 2, First: "2025-03-02", Last: "2025-04-10"}) {
		t.Errorf("top speaker %+v", sp[0])
	}
	// a speaker added later is listed (answers are never stale)
	nd := NewDoc("new", "Wire", "2025-05-01", `Zoe Zed said "fresh words".`)
	nd.Quote("fresh words", nd.Entity("Zoe Zed", nil, "Zoe Zed"), "Zoe Zed", "said", "")
	put(t, db, nd.D)
	if sp, _ := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10}); len(sp) != 3 {
		t.Fatalf("after a new quote: %+v", sp)
	}
	if sp, _ := db.Speakers(ctx, verbatim.SpeakerQuery{Text: "kel", Limit: 10}); len(sp) != 1 || sp[0].Name != "Keith Kellogg" {
		t.Fatalf("speakers kel: %+v", sp)
	}
	d, err := db.Speaker(ctx, "keith kellogg")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Statements) != 3 || d.Statements[0].Text != "This is serious" || d.Statements[2].Outlet != "Daily" {
		t.Errorf("statements %+v", d.Statements)
	}
	if fmt.Sprint(d.Roles) != "[U.S. envoy]" || len(d.Aliases) != 2 || d.First != "2025-03-02" || d.Articles != 2 {
		t.Errorf("roles %v aliases %v first %s articles %d", d.Roles, d.Aliases, d.First, d.Articles)
	}
	if _, err := db.Speaker(ctx, "Nobody Atall"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("unknown speaker: %v", err)
	}
}

// storiesGrouped: grouping puts the two ceasefire articles in one story
// and the gardening one in another; the story's statement reported by both
// is one statement with both reports; after grouping, the full name finds
// the quote an article attributed to "Kellog" (one person across
// articles).
func storiesGrouped(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	if s, err := db.Stories(ctx, verbatim.StoryQuery{}); err != nil || len(s.Stories) != 0 || s.Total != 0 {
		t.Fatalf("before anything: %v %v", s, err)
	}
	put(t, db, StoryDocs()...)
	if sp, err := db.Speaker(ctx, "Keith Kellogg"); err != nil || len(sp.Statements) != 1 {
		t.Fatalf("before grouping: %+v %v", sp, err)
	}
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	res, err := db.Stories(ctx, verbatim.StoryQuery{Sort: "size"})
	if err != nil || len(res.Stories) != 2 || res.Total != 2 {
		t.Fatalf("stories %+v %v", res, err)
	}
	big := res.Stories[0]
	if big.Articles != 2 || big.Title == "" || big.First != "2025-02-03" || big.Last != "2025-03-17" || big.Outlets != 2 {
		t.Fatalf("stories %+v", res.Stories)
	}
	s, err := db.Story(ctx, big.ID, verbatim.StoryPage{})
	if err != nil || len(s.ArticleList) != 2 || s.ArticleList[0].ID != "a" || s.ArticleList[1].ID != "b" ||
		len(s.Statements) != 1 || len(s.Statements[0].Reports) != 2 || strings.Join(s.Statements[0].Outlets, "; ") != "Moscow Times; Dawn" ||
		s.Statements[0].Reports[0].ArticleID != "a" {
		t.Fatalf("story %+v %v", s, err)
	}
	if _, err := db.Story(ctx, "no-such-story", verbatim.StoryPage{}); !errors.Is(err, verbatim.ErrNotFound) {
		t.Fatalf("unknown story: %v", err)
	}
	a, err := db.Article(ctx, "b")
	if err != nil || len(a.Stories) != 1 || a.Stories[0].ID != big.ID {
		t.Fatalf("article b's stories: %+v %v", a, err)
	}
	sp, err := db.Speaker(ctx, "keith kellogg")
	if err != nil || sp.Name != "Keith Kellogg" || len(sp.Statements) != 2 || sp.Statements[1].Speaker != "Kellog" {
		t.Fatalf("speaker after grouping: %+v %v", sp, err)
	}
	if r := Search(t, db, verbatim.QuoteQuery{Speaker: "Keith Kellogg"}); len(r) != 2 {
		t.Fatalf("quotes of keith kellogg after grouping: %v", r)
	}
	// a story's statements, and the story of each hit
	qr, err := db.Quotes(ctx, verbatim.QuoteQuery{Story: big.ID, Sort: verbatim.SortOldest})
	if err != nil || qr.Total != 2 || qr.Quotes[0].ArticleID != "a" || qr.Quotes[0].Story != big.ID {
		t.Fatalf("quotes of story %s: %+v %v", big.ID, qr, err)
	}
	n := 0
	if err := db.EachQuote(ctx, verbatim.QuoteQuery{Story: big.ID}, func(h *verbatim.QuoteHit) error { n++; return nil }); err != nil || n != 2 {
		t.Fatalf("export of story %s: %d rows, %v", big.ID, n, err)
	}
	if ar, _ := db.Articles(ctx, verbatim.ArticleQuery{Text: "tulips"}); len(ar.Articles) != 1 || ar.Articles[0].Story == "" || ar.Articles[0].Story == big.ID {
		t.Fatalf("article hit's story: %+v", ar)
	}
	if st, _ := db.Stats(ctx); st.Stories != 2 {
		t.Fatalf("stats %+v", st)
	}
	// grouping again changes nothing; a later article joins its story
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	later := StoryDoc("d", "Wire", "2025-03-20", `Kyiv and Moscow resumed ceasefire talks to end the war in Ukraine; the envoy Keith Kellogg said concessions in the negotiations with Russia were near.`, "", "", "Keith Kellogg")
	put(t, db, later)
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	s, err = db.Story(ctx, big.ID, verbatim.StoryPage{})
	if err != nil || s.Articles != 3 || len(s.ArticleList) != 3 || s.ArticleList[2].ID != "d" {
		t.Fatalf("after a later article: %+v %v", s, err)
	}
}
