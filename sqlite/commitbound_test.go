package sqlite

import (
	"context"
	"testing"

	"github.com/verbatim-news/verbatim/stories"
)

// TestCommitStateBounded: what an ingest holds besides its grouping state
// does not grow with the articles added: the records and quotes of the
// articles added since the last commit (written by Put every keepEvery
// articles) and the rows a commit gathers before it writes them (spill).
// A first commit of four times the articles holds as many rows at most,
// and the tables are the ones a commit gathering everything writes.
func TestCommitStateBounded(t *testing.T) {
	docs := analysedSample(t)
	ctx := context.Background()
	defer func(k, s int) { keepEvery, spillRows = k, s }(keepEvery, spillRows)
	run := func(n int) (db *DB, pending, rows int) {
		db = open(t)
		g := db.Grouper(stories.Options{})
		for i := 0; i < n; i += 32 {
			if _, err := g.Put(ctx, docs[i:min(i+32, n)]); err != nil {
				t.Fatal(err)
			}
			pending = max(pending, len(g.arts)-g.c.Kept())
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		return db, pending, g.held
	}
	keepEvery, spillRows = 1<<30, 1<<30
	whole, _, _ := run(len(docs))
	want := dumpStories(t, whole)

	keepEvery, spillRows = 64, 16
	_, smallPending, small := run(len(docs) / 4)
	db, pending, large := run(len(docs))
	t.Logf("articles not kept: at most %d of %d (%d of %d); values a commit held: %d, %d", smallPending, len(docs)/4, pending, len(docs), small, large)
	if got := dumpStories(t, db); got != want {
		t.Fatalf("tables differ from a commit that gathers every row:\n%s", firstDiff(got, want))
	}
	if pending > keepEvery+32 || pending > len(docs)/4 {
		t.Fatalf("%d of %d articles held their records until the commit (keep every %d)", pending, len(docs), keepEvery)
	}
	if small == 0 || float64(large) > 1.1*float64(small) {
		t.Fatalf("a commit held %d values for %d articles, %d for %d: its rows grow with the articles", small, len(docs)/4, large, len(docs))
	}
}
