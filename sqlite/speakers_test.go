package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
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

// The speakers rows a commit writes are the aggregate of the grouped
// quotes as SQL computes it: statements, articles with a statement, the
// first and last day of a statement, the greatest name and (for names)
// type; beliefs and intentions count towards the name only. Grouped in two
// commits, the counts add up to those of all the quotes (a later commit
// keeps a row's name and type).
func TestSpeakerCountsAreTheQuotesAggregate(t *testing.T) {
	ctx := context.Background()
	undated := storetest.NewDoc("u1", "Wire", "", `Tony Blair said "no date on this one" and Ian Blair said "nor on this".`)
	undated.Quote("no date on this one", undated.Entity("Tony Blair", nil, "Tony Blair"), "Tony Blair", "said", "")
	undated.Quote("nor on this", undated.Entity("Ian Blair", nil, "Ian Blair"), "Ian Blair", "said", "")
	docs := append(storetest.Namesakes(), storetest.KindsDoc(), undated.D)
	const aggregate = `SELECT speaker_id, max(speaker),
		CASE WHEN speaker_id LIKE 'name:%' THEN max(speaker_type) ELSE substr(speaker_id, 1, instr(speaker_id, ':') - 1) END,
		sum(kind = 'statement'), count(DISTINCT CASE WHEN kind = 'statement' THEN article_id END),
		coalesce(min(CASE WHEN kind = 'statement' THEN nullif(day, '') END), ''),
		coalesce(max(CASE WHEN kind = 'statement' THEN nullif(day, '') END), '')
		FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY speaker_id`
	const table = `SELECT id, name, type, statements, articles, first, last FROM speakers ORDER BY id`
	rowsOf := func(db *DB, q string, counts bool) []string {
		rows, err := db.SQL().QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, name, typ, first, last string
			var st, arts int
			if err := rows.Scan(&id, &name, &typ, &st, &arts, &first, &last); err != nil {
				t.Fatal(err)
			}
			if counts {
				name, typ = "", ""
			}
			out = append(out, fmt.Sprint(id, "|", name, "|", typ, "|", st, "|", arts, "|", first, "|", last))
		}
		return out
	}
	for _, split := range []int{len(docs), 3} {
		db := open(t)
		for _, part := range [][]*verbatim.Doc{docs[:split], docs[split:]} {
			if len(part) == 0 {
				continue
			}
			g := db.Grouper(stories.Options{})
			if _, err := g.Put(ctx, part); err != nil {
				t.Fatal(err)
			}
			if _, err := g.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		one := split == len(docs)
		got, want := rowsOf(db, table, !one), rowsOf(db, aggregate, !one)
		if len(want) < 7 || !slices.Equal(got, want) {
			t.Fatalf("split %d: speakers\n%s\nthe quotes' aggregate\n%s", split, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
