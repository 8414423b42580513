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

// doc builds an analysed document by hand, so these tests do not depend on
// the quality of the analysis stages.
type docb struct{ d *verbatim.Doc }

func newDoc(id, outlet, published, text string) *docb {
	d := verbatim.NewDoc(verbatim.Article{ID: id, Outlet: outlet, Published: published, Title: "Title of " + id, Text: text})
	d.Clean = text
	return &docb{d}
}

func (b *docb) span(s string, nth int) verbatim.Span {
	off := 0
	for {
		i := strings.Index(b.d.Text[off:], s)
		if i < 0 {
			panic("fixture: no " + s)
		}
		if nth == 0 {
			return verbatim.Span{Start: off + i, End: off + i + len(s)}
		}
		nth--
		off += i + len(s)
	}
}

// entity adds a person with name mentions (each string's first occurrence
// after the previous one).
func (b *docb) entity(name string, roles []string, mentions ...string) int {
	e := verbatim.Entity{Name: name, Type: verbatim.Person, Roles: roles}
	idx := len(b.d.Entities)
	for _, m := range mentions {
		sp := b.span(m, 0)
		b.d.Mentions = append(b.d.Mentions, verbatim.Mention{Span: sp, Text: m, Type: verbatim.Person, Entity: idx})
		e.Mentions = append(e.Mentions, len(b.d.Mentions)-1)
	}
	b.d.Entities = append(b.d.Entities, e)
	return idx
}

func (b *docb) quote(content string, speaker int, via, cue, saidOn string) {
	q := verbatim.Quote{Span: b.span(content, 0), Type: verbatim.Direct, Speaker: speaker, SaidOn: saidOn, Confidence: 0.9}
	if via != "" {
		q.SpeakerAt = b.span(via, 0)
	}
	if cue != "" {
		q.Cue = b.span(cue, 0)
	}
	b.d.Quotes = append(b.d.Quotes, q)
}

func fixture() []*verbatim.Doc {
	a := newDoc("geneva", "Wire", "2025-03-03",
		`Mélanie Dubois said "a ceasefire is within reach". Keith Kellogg said "talks were constructive". "This is serious," Kellog added.`)
	md := a.entity("Mélanie Dubois", []string{"French foreign minister"}, "Mélanie Dubois")
	kk := a.entity("Keith Kellogg", []string{"U.S. envoy"}, "Keith Kellogg", "Kellog")
	a.quote("a ceasefire is within reach", md, "Mélanie Dubois", "said", "2025-03-03")
	a.quote("talks were constructive", kk, "Keith Kellogg", "said", "2025-03-03")
	a.quote("This is serious", kk, "Kellog", "added", "2025-03-02")
	a.d.Dates = []verbatim.Date{{Span: verbatim.Span{Start: 0, End: 7}, Value: "2025-03-03"}}

	b := newDoc("kyiv", "Daily", "2025-04-10",
		`Keith Kellogg said "the ceasefire must hold". An official said "no comment".`)
	kk2 := b.entity("Keith Kellogg", nil, "Keith Kellogg")
	b.quote("the ceasefire must hold", kk2, "Keith Kellogg", "said", "")
	b.quote("no comment", -1, "", "said", "")
	return []*verbatim.Doc{a.d, b.d}
}

func open(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rewind runs the statements that put a library back to the layout
// before a migration (and forget that migration).
func rewind(t *testing.T, db *DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// reopen closes a library and opens its file again, which applies the
// migrations it lacks; the library is closed when the test ends.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	db.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestRoundTripAndIdempotence(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	docs := fixture()
	out, err := db.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Stored || !out[1].Stored || out[0].ID != "geneva" {
		t.Fatalf("outcomes %+v", out)
	}
	st, _ := db.Stats(ctx)
	if st.Articles != 2 || st.Quotes != 5 || st.Speakers != 2 {
		t.Fatalf("stats %+v", st)
	}
	// again, and the same content under another id: nothing changes
	again := fixture()
	again[1].ID = "kyiv-copy"
	out, err = db.Put(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Stored || out[1].Stored || out[1].Duplicate != "kyiv" {
		t.Fatalf("duplicates stored: %+v", out)
	}
	st2, _ := db.Stats(ctx)
	if st2 != st {
		t.Fatalf("stats changed %+v → %+v", st, st2)
	}
	// same id, other content: both kept
	other := newDoc("geneva", "Wire", "2025-03-04", `Nothing said.`)
	out, _ = db.Put(ctx, []*verbatim.Doc{other.d})
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
		q.SpeakerStart == nil || a.Text[*q.SpeakerStart:*q.SpeakerEnd] != "Kellog" || q.Cue != "added" {
		t.Fatalf("quote %+v", q)
	}
	if got := a.Entities[1]; got.Name != "Keith Kellogg" || len(got.Mentions) != 2 || got.Mentions[1].Text != "Kellog" {
		t.Fatalf("entity %+v", got)
	}
	if _, err := db.Article(ctx, "nope"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Fatalf("unknown article: %v", err)
	}
	if ok, _ := db.Has(ctx, verbatim.ContentHash(docs[0].Text)); !ok {
		t.Fatal("Has: stored hash not found")
	}
}

func search(t *testing.T, db *DB, q verbatim.QuoteQuery) []string {
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

func TestSearchFilters(t *testing.T) {
	db := open(t)
	if _, err := db.Put(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
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
		{verbatim.QuoteQuery{Text: `"within reach"`}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: "ceas*", Since: "2025-03-03", Until: "2025-03-03"}, "a ceasefire is within reach"},
		{verbatim.QuoteQuery{Text: "comment"}, "no comment"},
		{verbatim.QuoteQuery{Limit: 2, Offset: 1}, "the ceasefire must hold|talks were constructive"},
		{verbatim.QuoteQuery{Speaker: "Nobody"}, ""},
	} {
		if got := strings.Join(search(t, db, c.q), "|"); got != c.want {
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
}

// TestArticleSearch: articles are found by words of their title or text,
// accents and case ignored, filtered by outlet and publication date,
// newest first, with their quote counts; a phrase is a QueryError.
func TestArticleSearch(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	fr := newDoc("fr", "Le Monde", "2025-01-01", `Mélanie Dubois a dit « la sécurité d'abord ».`)
	if _, err := db.Put(ctx, append(fixture(), fr.d)); err != nil {
		t.Fatal(err)
	}
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
		{verbatim.ArticleQuery{Text: "MELANIE"}, "geneva:3 fr:0"},
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
	for _, q := range []verbatim.ArticleQuery{{Text: `"within reach"`}, {Text: `(x`}, {Until: "soon"}} {
		var qe *verbatim.QueryError
		if _, err := db.Articles(ctx, q); !errors.As(err, &qe) {
			t.Errorf("%+v: want QueryError, got %v", q, err)
		}
	}
}

func TestAccentInsensitive(t *testing.T) {
	db := open(t)
	d := newDoc("fr", "Le Monde", "2025-01-01", `Mélanie Dubois a dit « la sécurité d'abord ».`)
	md := d.entity("Mélanie Dubois", nil, "Mélanie Dubois")
	d.quote("la sécurité d'abord", md, "Mélanie Dubois", "a dit", "")
	if _, err := db.Put(context.Background(), []*verbatim.Doc{d.d}); err != nil {
		t.Fatal(err)
	}
	if got := search(t, db, verbatim.QuoteQuery{Text: "securite"}); len(got) != 1 {
		t.Errorf("securite: %v", got)
	}
	if got := search(t, db, verbatim.QuoteQuery{Speaker: "melanie dubois"}); len(got) != 1 {
		t.Errorf("speaker melanie dubois: %v", got)
	}
	sp, err := db.Speakers(context.Background(), verbatim.SpeakerQuery{Text: "melanie", Limit: 10})
	if err != nil || len(sp) != 1 || sp[0].Name != "Mélanie Dubois" {
		t.Errorf("speakers melanie: %v %v", sp, err)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'melanie'`).Scan(&n)
	if n != 1 {
		t.Errorf("article text search melanie: %d", n)
	}
}

func TestBadSyntaxIsQueryError(t *testing.T) {
	db := open(t)
	db.Put(context.Background(), fixture())
	for _, q := range []verbatim.QuoteQuery{{Text: `"unbalanced`}, {Text: `AND OR`}, {Text: `foo:bar`}, {Text: `(x`}, {Since: "yesterday-ish"}} {
		_, err := db.Quotes(context.Background(), q)
		var qe *verbatim.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%+v: want QueryError, got %v", q, err)
		}
	}
}

func TestSpeakers(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	db.Put(ctx, fixture())
	sp, err := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10})
	if err != nil || len(sp) != 2 {
		t.Fatalf("%v %v", sp, err)
	}
	if sp[0] != (verbatim.SpeakerSummary{ID: "name:keith kellogg", Type: verbatim.Person, Name: "Keith Kellogg", Quotes: 3, Articles: 2, First: "2025-03-02", Last: "2025-04-10"}) {
		t.Errorf("top speaker %+v", sp[0])
	}
	// the cached answer is renewed when quotes are added
	nd := newDoc("new", "Wire", "2025-05-01", `Zoe Zed said "fresh words".`)
	nd.quote("fresh words", nd.entity("Zoe Zed", nil, "Zoe Zed"), "Zoe Zed", "said", "")
	db.Put(ctx, []*verbatim.Doc{nd.d})
	if sp, _ := db.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10}); len(sp) != 3 {
		t.Fatalf("after a new quote: %+v", sp)
	}
	d, err := db.Speaker(ctx, "keith kellogg")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Statements) != 3 || d.Statements[0].Text != "This is serious" || d.Statements[2].Outlet != "Daily" {
		t.Errorf("statements %+v", d.Statements)
	}
	if fmt.Sprint(d.Roles) != "[U.S. envoy]" || len(d.Aliases) != 2 {
		t.Errorf("roles %v aliases %v", d.Roles, d.Aliases)
	}
	if _, err := db.Speaker(ctx, "Nobody Atall"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("unknown speaker: %v", err)
	}
}

func TestStories(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	db.Put(ctx, fixture())
	if s, err := db.Stories(ctx); err != nil || len(s) != 0 {
		t.Fatalf("%v %v", s, err)
	}
	db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s1', 'Ceasefire')`)
	db.SQL().Exec(`INSERT INTO story_articles(story_id, article_id) SELECT 's1', id FROM articles`)
	s, err := db.Story(ctx, "s1")
	if err != nil || len(s.Articles) != 2 || len(s.Timeline) != 5 || s.Timeline[0].Text != "This is serious" {
		t.Fatalf("%+v %v", s, err)
	}
	if _, err := db.Story(ctx, "s2"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Fatal(err)
	}
}

func TestMigrationsOrderedAndOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	Register(Migration{Version: 990, Name: "test later", SQL: `CREATE TABLE t990 (x)`})
	Register(Migration{Version: 980, Name: "test earlier", SQL: `CREATE TABLE t980 (x); INSERT INTO t980 VALUES (1)`})
	defer func() {
		migMu.Lock()
		migrations = migrations[:len(migrations)-2]
		migMu.Unlock()
	}()
	for i := 0; i < 2; i++ { // reopening applies nothing twice
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM t980`).Scan(&n)
		var order string
		db.SQL().QueryRow(`SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY rowid)`).Scan(&order)
		db.Close()
		if n != 1 || !strings.HasSuffix(order, "980,990") {
			t.Fatalf("run %d: rows %d, order %s", i, n, order)
		}
	}
}
