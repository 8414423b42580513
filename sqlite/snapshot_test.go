package sqlite

import (
	"context"
	"testing"

	"github.com/verbatim-news/verbatim/stories"
)

// TestSnapshotParts: a commit writes the grouping snapshot in parts; the
// next grouper continues from it (no replay), as it does from a snapshot
// stored whole by an earlier version (parts 0); with a part missing it
// replays instead; every way ends with the rows of one ingest.
func TestSnapshotParts(t *testing.T) {
	docs := analysedSample(t)
	ctx := context.Background()
	defer func(n int) { snapshotPart = n }(snapshotPart)
	snapshotPart = 4 << 10
	ingest := func(db *DB, from, to int) *Grouper {
		g := db.Grouper(stories.Options{})
		if _, err := g.Put(ctx, docs[from:to]); err != nil {
			t.Fatal(err)
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		return g
	}
	one := open(t)
	ingest(one, 0, len(docs))
	want := dumpStories(t, one)

	for _, tc := range []struct {
		name      string
		change    string // SQL run on the library between the two ingests
		continues bool   // the second grouper continues from the snapshot
	}{
		{"parts", ``, true},
		{"whole", `UPDATE story_snapshot SET state = (SELECT group_concat(data, x'') FROM (SELECT data FROM story_snapshot_parts ORDER BY part)), parts = 0;
			DELETE FROM story_snapshot_parts`, true},
		{"part missing", `DELETE FROM story_snapshot_parts WHERE part = 2`, false},
	} {
		db := open(t)
		ingest(db, 0, 250)
		var parts int
		db.SQL().QueryRow(`SELECT parts FROM story_snapshot`).Scan(&parts)
		if parts < 2 {
			t.Fatalf("%s: snapshot in %d parts", tc.name, parts)
		}
		if tc.change != "" {
			if _, err := db.SQL().Exec(tc.change); err != nil {
				t.Fatal(err)
			}
		}
		g := db.Grouper(stories.Options{})
		if err := g.open(ctx); err != nil {
			t.Fatal(err)
		}
		if g.partial != tc.continues {
			t.Fatalf("%s: continued from the snapshot: %v, want %v", tc.name, g.partial, tc.continues)
		}
		if _, err := g.Put(ctx, docs[250:]); err != nil {
			t.Fatal(err)
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if got := dumpStories(t, db); got != want {
			t.Fatalf("%s: rows differ from one ingest:\n%s", tc.name, firstDiff(got, want))
		}
	}
}
