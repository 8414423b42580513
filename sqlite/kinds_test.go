package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/storetest"
)

// A library written before quotes had a kind opens, and its quotes are
// statements (all of them were shown as such).
func TestQuoteKindMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, []*verbatim.Doc{storetest.KindsDoc()}); err != nil {
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
