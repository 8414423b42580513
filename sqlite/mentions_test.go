package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// mentionDoc has a name with a quote mark in it, a pronoun, and a
// descriptor written with role words, given out of text order.
func mentionDoc() *verbatim.Doc {
	b := newDoc("roles", "Wire", "2025-03-03",
		`Ana "Tiny" Ruiz spoke. The defence minister said "no". She left. Ruiz said "yes".`)
	e := b.Entity(`Ana "Tiny" Ruiz`, []string{"defence minister"}, `Ana "Tiny" Ruiz`)
	for _, m := range []struct {
		text string
		nth  int
		kind verbatim.MentionKind
		role string
	}{{"Ruiz", 1, verbatim.NameMention, ""}, {"She", 0, verbatim.PronounMention, ""},
		{"The defence minister", 0, verbatim.DescriptorMention, "defence minister"}} {
		b.D.Mentions = append(b.D.Mentions, verbatim.Mention{Span: b.Span(m.text, m.nth), Text: m.text, Type: verbatim.Person,
			Entity: e, Kind: m.kind, Role: m.role})
		b.D.Entities[e].Mentions = append(b.D.Entities[e].Mentions, len(b.D.Mentions)-1)
	}
	b.Entity("Wire", nil) // no mentions
	b.D.Entities[1].Type = verbatim.Organization
	b.Quote("no", e, "The defence minister", "said", "")
	return b.D
}

// TestEntityMentions: an entity's mentions come back from the article in
// text order with their offsets; a speaker's name forms are its name
// mentions only (not "She", not the descriptor).
func TestEntityMentions(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	d := mentionDoc()
	if _, err := db.Put(ctx, []*verbatim.Doc{d}); err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(ctx, "roles")
	if err != nil {
		t.Fatal(err)
	}
	var got []verbatim.MentionOut
	for _, e := range a.Entities {
		got = append(got, e.Mentions...)
	}
	want := []verbatim.MentionOut{{Text: `Ana "Tiny" Ruiz`, Start: 0, End: 15}, {Text: "The defence minister", Start: 23, End: 43},
		{Text: "She", Start: 55, End: 58}, {Text: "Ruiz", Start: 65, End: 69}}
	if !reflect.DeepEqual(got, want) || len(a.Entities) != 2 || len(a.Entities[1].Mentions) != 0 {
		t.Fatalf("mentions %+v (%d entities), want %+v", got, len(a.Entities), want)
	}
	sp, err := db.Speaker(ctx, "Ruiz")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{`Ana "Tiny" Ruiz`, "Ruiz"}; !reflect.DeepEqual(sp.Aliases, want) {
		t.Fatalf("name forms %q, want %q", sp.Aliases, want)
	}
}

// TestMentionsMigration: a library with a row per mention (before
// migration 3) gets each entity's mentions in its row, the same text the
// store writes today, and the mentions table goes.
func TestMentionsMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, append(fixture(), mentionDoc())); err != nil {
		t.Fatal(err)
	}
	column := func() map[int64]string {
		rows, err := db.SQL().Query(`SELECT id, mentions FROM entities`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[int64]string{}
		for rows.Next() {
			var id int64
			var s string
			rows.Scan(&id, &s)
			m[id] = s
		}
		return m
	}
	want := column()
	wantArt, _ := db.Article(ctx, "roles")
	// back to the layout before 3: a row per mention
	rewind(t, db,
		`CREATE TABLE mentions (article_id INTEGER NOT NULL, entity_id INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL,
			text TEXT NOT NULL, kind INTEGER NOT NULL, role TEXT NOT NULL DEFAULT '')`,
		`INSERT INTO mentions SELECT e.article_id, e.id, m.value->>0, m.value->>1, m.value->>2, coalesce(m.value->>3, 0), coalesce(m.value->>4, '')
			FROM entities e, json_each(e.mentions) m ORDER BY random()`,
		`CREATE INDEX mentions_article ON mentions(article_id)`,
		`ALTER TABLE entities DROP COLUMN mentions`,
		`DELETE FROM schema_migrations WHERE version = 3`,
	)
	db = reopen(t, db, path)
	if got := column(); !reflect.DeepEqual(got, want) || len(got) < 5 {
		t.Fatalf("migrated %v\nwant %v", got, want)
	}
	if got, _ := db.Article(ctx, "roles"); !reflect.DeepEqual(got, wantArt) {
		t.Fatalf("article after migration %+v, want %+v", got, wantArt)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'mentions'`).Scan(&n)
	if n != 0 {
		t.Fatal("mentions table kept")
	}
}
