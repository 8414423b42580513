package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/storetest"
)

// TestRelevance: with a text query, articles come best match first — an
// article about Blair before a newer one that mentions Port Blair once —
// and sort=newest still orders by date; quotes come newest first unless
// relevance is asked for.
func TestRelevance(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	blair := newDoc("blair", "Wire", "2005-01-01", `Tony Blair said "Blair's government will act". Mr Blair spoke to Blair supporters.`)
	blair.D.Title = "Blair sets out plans"
	tb := blair.Entity("Tony Blair", nil, "Tony Blair")
	blair.Quote("Blair's government will act", tb, "Tony Blair", "said", "")
	port := newDoc("port", "Wire", "2005-06-01", `The ferry reached Port Blair late. The captain said "the crossing to Blair was rough, and the sea was high".`)
	port.D.Title = "Ferry arrives in the islands"
	cp := port.Entity("Captain Lee", nil, "The captain")
	port.Quote("the crossing to Blair was rough, and the sea was high", cp, "The captain", "said", "")
	if _, err := db.Put(ctx, []*verbatim.Doc{blair.D, port.D}); err != nil {
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
	if got := strings.Join(storetest.Search(t, db, verbatim.QuoteQuery{Text: "blair", Sort: verbatim.SortRelevance}), "|"); !strings.HasPrefix(got, "Blair's government") {
		t.Errorf("quotes by relevance: %s", got)
	}
	// quotes come newest first unless relevance is asked for
	if got := strings.Join(storetest.Search(t, db, verbatim.QuoteQuery{Text: "blair"}), "|"); !strings.HasPrefix(got, "the crossing") {
		t.Errorf("quotes newest first: %s", got)
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
}
