package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/storetest"
	"github.com/verbatim-news/verbatim/stories"
)

// groupedAt opens a library at a file with the contract suite's namesakes
// stored and grouped.
func groupedAt(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	g := db.Grouper(stories.Options{})
	if _, err := g.Put(ctx, storetest.Namesakes()); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// A rebuild of the stories gives the same speaker rows.
func TestSpeakersAfterRebuild(t *testing.T) {
	db, _ := groupedAt(t)
	ctx := context.Background()
	before, err := db.Speakers(ctx, verbatim.SpeakerQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RebuildStories(ctx, stories.Options{}); err != nil {
		t.Fatal(err)
	}
	if after := storetest.Agree(t, db); !slices.Equal(after, before) {
		t.Fatalf("after a rebuild %+v, before %+v", after, before)
	}
}

// A library grouped before speakers had identities gets them at its next
// grouping; until then its speakers are counted by name.
func TestSpeakersMigration(t *testing.T) {
	db, path := groupedAt(t)
	ctx := context.Background()
	rewind(t, db, `DROP INDEX quotes_speaker_id`, `ALTER TABLE quotes DROP COLUMN speaker_id`, `DROP TABLE speakers`, `DROP TABLE speaker_names`,
		`DELETE FROM schema_migrations WHERE version = 107`)
	db = reopen(t, db, path)
	if list := storetest.Agree(t, db); len(list) == 0 || list[0].ID != "name:tony blair" {
		t.Fatalf("before regrouping %+v", list)
	}
	if _, err := db.Grouper(stories.Options{}).Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if list := storetest.Agree(t, db); list[0].ID != "person:tony-blair" || list[0].Quotes != 10 {
		t.Fatalf("after regrouping %+v", list)
	}
}
