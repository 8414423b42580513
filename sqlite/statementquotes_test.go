package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim/internal/storekit"
)

// TestQuoteLists: each statement's reports in report order, syndicated
// copies marked; a statement without reports has an empty list; the lists
// parse back.
func TestQuoteLists(t *testing.T) {
	reps := []storekit.QuoteOf{{Statement: 2, Quote: 7}, {Statement: 0, Quote: 9}, {Statement: 2, Syndicated: true, Quote: 12},
		{Statement: 0, Syndicated: true, Quote: 30}, {Statement: 2, Quote: 31}}
	got := storekit.QuoteLists(reps, 4)
	want := []string{"9,30s", "", "7,12s,31", ""}
	if !slices.Equal(got, want) {
		t.Fatalf("lists %q, want %q", got, want)
	}
	qs, err := storekit.ParseQuoteList("q3", got[2])
	if err != nil || !slices.Equal(qs, []StatementQuote{{Quote: 7, Syndicated: false}, {Quote: 12, Syndicated: true}, {Quote: 31, Syndicated: false}}) {
		t.Fatalf("parsed %+v %v", qs, err)
	}
	if _, err := storekit.ParseQuoteList("q1", "12,x"); err == nil {
		t.Fatal("a bad list parsed")
	}
}

// TestStatementQuotesMigration: a library with a row per statement quote
// keeps them, in quote order, in its statements after migration 105.
func TestStatementQuotesMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rewind(t, db,
		`ALTER TABLE statements DROP COLUMN quotes`,
		`CREATE TABLE statement_quotes (quote_id INTEGER PRIMARY KEY, statement_id TEXT NOT NULL, syndicated INTEGER NOT NULL DEFAULT 0)`,
		`INSERT INTO statements(id, story_id, text, reports) VALUES ('q1', 's1', 'a', 3), ('q4', 's1', 'b', 0)`,
		`INSERT INTO statement_quotes VALUES (14, 'q1', 0), (3, 'q1', 0), (20, 'q1', 1)`,
		`DELETE FROM schema_migrations WHERE version = 105`,
	)
	db = reopen(t, db, path)
	got, err := db.StatementQuotes(ctx, "q1")
	if err != nil || !slices.Equal(got, []StatementQuote{{Quote: 3, Syndicated: false}, {Quote: 14, Syndicated: false}, {Quote: 20, Syndicated: true}}) {
		t.Fatalf("q1: %+v %v", got, err)
	}
	if got, err := db.StatementQuotes(ctx, "q4"); err != nil || got != nil {
		t.Fatalf("q4: %+v %v", got, err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'statement_quotes'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("statement_quotes still there: %d %v", n, err)
	}
}
