package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/storetest"
)

// TestFullTextAcrossPuts: quotes stored by many Puts (one transaction and
// one full-text segment each, some Puts only duplicates) are all found,
// by word, phrase, prefix and NOT, accents ignored.
func TestFullTextAcrossPuts(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	for i := 0; i < 40; i++ {
		var docs []*verbatim.Doc
		for j := 0; j < 1+i%3; j++ {
			n := i*3 + j
			word := "harbour"
			if n%2 == 1 {
				word = "préfecture"
			}
			d := newDoc(fmt.Sprintf("a%d", n), "Wire", "2025-03-03",
				fmt.Sprintf(`Mara Olsen said "the %s strike %d goes on".`, word, n))
			e := d.Entity("Mara Olsen", nil, "Mara Olsen")
			d.Quote(fmt.Sprintf("the %s strike %d goes on", word, n), e, "Mara Olsen", "said", "")
			docs = append(docs, d.D)
		}
		if i%5 == 4 {
			docs = append(docs, docs[0]) // a duplicate within the batch
		}
		if _, err := db.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
		if i%7 == 6 { // a Put of duplicates only stores nothing
			if _, err := db.Put(ctx, docs[:1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	var stored, odd int
	for i := 0; i < 40; i++ {
		for j := 0; j < 1+i%3; j++ {
			stored++
			odd += (i*3 + j) % 2
		}
	}
	for _, c := range []struct {
		q    string
		want int
	}{
		{"strike", stored}, {"prefecture", odd}, {`"harbour strike"`, stored - odd}, {"pref*", odd},
		{"strike NOT harbour", odd}, {`"strike goes"`, 0}, {"7", 1},
	} {
		r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: c.q})
		if err != nil || r.Total != c.want {
			t.Errorf("%s: %d quotes, want %d (%v)", c.q, r.Total, c.want, err)
		}
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'olsen'`).Scan(&n); err != nil || n != stored {
		t.Errorf("articles olsen: %d, want %d (%v)", n, stored, err)
	}
}

// TestAutomergeMigration: a library made before migration 4 (FTS5's
// default automerge of 4) merges sixteen segments at a time once opened,
// and its quotes are still found.
func TestAutomergeMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	automerge := func() map[string]int {
		m := map[string]int{}
		for _, tb := range []string{"quotes_fts", "articles_fts"} {
			v := 4 // FTS5's default when no value is stored
			db.SQL().QueryRow(`SELECT v FROM ` + tb + `_config WHERE k = 'automerge'`).Scan(&v)
			m[tb] = v
		}
		return m
	}
	if got := automerge(); got["quotes_fts"] != 16 || got["articles_fts"] != 16 {
		t.Fatalf("new library: automerge %v", got)
	}
	if _, err := db.Put(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	// back to the library before 4
	rewind(t, db,
		`DELETE FROM quotes_fts_config WHERE k = 'automerge'`,
		`DELETE FROM articles_fts_config WHERE k = 'automerge'`,
		`DELETE FROM schema_migrations WHERE version = 4`,
	)
	if got := automerge(); got["quotes_fts"] != 4 || got["articles_fts"] != 4 {
		t.Fatalf("old library: automerge %v", got)
	}
	db = reopen(t, db, path)
	if got := automerge(); got["quotes_fts"] != 16 || got["articles_fts"] != 16 {
		t.Fatalf("migrated library: automerge %v", got)
	}
	if got := storetest.Search(t, db, verbatim.QuoteQuery{Text: "ceasefire"}); len(got) != 2 {
		t.Fatalf("ceasefire after migration: %q", got)
	}
}

// TestPageSize: a new library has 16 KiB pages and write-ahead logging; a
// library made with 4 KiB pages keeps them, gets write-ahead logging if it
// had none, and stores and searches as before.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	pragmas := func(db *sql.DB) (int, string) {
		var size int
		var mode string
		if err := db.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return size, mode
	}
	db := open(t)
	if size, mode := pragmas(db.SQL()); size != 16384 || mode != "wal" {
		t.Fatalf("new library: page size %d, journal %s", size, mode)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE t(x)`); err != nil {
		t.Fatal(err)
	}
	if size, mode := pragmas(raw); size != 4096 || mode != "delete" {
		t.Fatalf("old library: page size %d, journal %s", size, mode)
	}
	raw.Close()
	old, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if size, mode := pragmas(old.SQL()); size != 4096 || mode != "wal" {
		t.Fatalf("opened old library: page size %d, journal %s", size, mode)
	}
	if _, err := old.Put(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	if got := storetest.Search(t, old, verbatim.QuoteQuery{Text: "ceasefire"}); len(got) != 2 {
		t.Fatalf("ceasefire: %q", got)
	}
}

// TestManyRowsPerPut: a Put of more rows than one statement inserts (300
// articles: a statement of 256 rows, then 32, 8 and 4) and later Puts
// reusing those statements store every row once.
func TestManyRowsPerPut(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	docs := func(from, to int) []*verbatim.Doc {
		var ds []*verbatim.Doc
		for n := from; n < to; n++ {
			d := newDoc(fmt.Sprintf("m%d", n), "Wire", "2025-03-03", fmt.Sprintf(`Ida Berg said "tariff %d stays".`, n))
			e := d.Entity("Ida Berg", nil, "Ida Berg")
			d.Quote(fmt.Sprintf("tariff %d stays", n), e, "Ida Berg", "said", "")
			ds = append(ds, d.D)
		}
		return ds
	}
	for _, r := range [][2]int{{0, 300}, {300, 305}, {305, 561}} {
		out, err := db.Put(ctx, docs(r[0], r[1]))
		if err != nil || len(out) != r[1]-r[0] {
			t.Fatalf("put %v: %d outcomes, %v", r, len(out), err)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Articles != 561 || st.Quotes != 561 {
		t.Fatalf("stats %+v %v", st, err)
	}
	for _, q := range []string{"tariff", "299", "300", "560"} {
		want := 1
		if q == "tariff" {
			want = 561
		}
		if r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: q}); err != nil || r.Total != want {
			t.Errorf("%s: %d quotes, want %d (%v)", q, r.Total, want, err)
		}
	}
	var n int
	db.SQL().QueryRow(`SELECT count(DISTINCT entity_id) FROM aliases WHERE alias = 'berg'`).Scan(&n)
	if n != 561 {
		t.Errorf("aliases berg: %d entities, want 561", n)
	}
}
