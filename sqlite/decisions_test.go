package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim/resolve"
)

// TestDecisionsRows: decisions become one row per person, each person's
// lines in decision order, escaped as SQLite's json_array escapes them; a
// later commit's decisions are appended, and a write from a record on
// leaves the earlier ones out; the accessor gives them back.
func TestDecisionsRows(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	ds := []resolve.Decision{
		{Article: "a1", Mention: "Keith Kellogg", Into: "person:keith-kellogg", Kind: "new", Reason: "no compatible identity"},
		{Article: "a1", Mention: `Odd "name"\ é`, Into: "person:odd", Kind: "new", Reason: "tab\there\nline\x01"},
		{Article: "a2", Mention: "Kellog", Into: "person:keith-kellogg", Kind: "merge", Reason: `surname spelling "kellog"`},
		{Article: "a2", Mention: "Odd", Into: "person:odd", Kind: "other kind", Reason: ""},
		{Article: "", Mention: "", Into: "person:odd", Kind: "apart", Reason: "x"},
	}
	write := func(ds []resolve.Decision, skip []resolve.Decision, part int64) {
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var l decisionLog
		r := resolve.New()
		r.Decisions = append(slices.Clone(skip), ds...)
		l.take(r)
		if len(r.Decisions) != 0 || l.n != len(skip)+len(ds) {
			t.Fatalf("take left %d decisions, logged %d", len(r.Decisions), l.n)
		}
		if err := l.write(ctx, tx, len(skip), l.n, part); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	write(ds[:2], nil, 7)
	write(ds[2:4], ds[:2], 9) // the first two are written already
	write(ds[4:], ds[:4], 9)  // a part written twice: appended
	// each write added its own parts and left the earlier ones alone
	var parts string
	db.SQL().QueryRow(`SELECT group_concat(person_id || ' ' || part || ' ' || (length(decisions) - length(replace(decisions, char(10), ''))), ', ')
		FROM (SELECT * FROM person_decision_parts ORDER BY person_id, part)`).Scan(&parts)
	if want := "person:keith-kellogg 7 1, person:keith-kellogg 9 1, person:odd 7 1, person:odd 9 2"; parts != want {
		t.Fatalf("parts (person, part, lines): %s, want %s", parts, want)
	}
	for _, pid := range []string{"person:keith-kellogg", "person:odd"} {
		var want []resolve.Decision
		for _, d := range ds {
			if d.Into == pid {
				want = append(want, d)
			}
		}
		got, err := db.PersonDecisions(ctx, pid)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%s: %+v %v, want %+v", pid, got, err, want)
		}
		// the same text SQLite's json_array gives
		var text, sqlText string
		db.SQL().QueryRow(`SELECT group_concat(decisions, '' ORDER BY part) FROM person_decision_parts WHERE person_id = ?`, pid).Scan(&text)
		for _, d := range want {
			var line string
			db.SQL().QueryRow(`SELECT json_array(?, ?, ?, ?)`, d.Kind, d.Article, d.Mention, d.Reason).Scan(&line)
			sqlText += line + "\n"
		}
		if text != sqlText {
			t.Fatalf("%s: stored %q, json_array gives %q", pid, text, sqlText)
		}
	}
	if got, err := db.PersonDecisions(ctx, "person:nobody"); err != nil || got != nil {
		t.Fatalf("unknown person: %+v %v", got, err)
	}
}

// TestDecisionsMigration: a library with a row per decision (migration
// 100) keeps every decision, in order, after migrations 104 (a row per
// person) and 121 (parts).
func TestDecisionsMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// back to the layout before 104
	rewind(t, db,
		`DROP TABLE person_decision_parts`,
		`CREATE TABLE person_decisions (seq INTEGER PRIMARY KEY, person_id TEXT NOT NULL, article TEXT NOT NULL, mention TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL)`,
		`INSERT INTO person_decisions(seq, person_id, article, mention, kind, reason) VALUES
			(1, 'person:b', 'a1', 'Bo "B"', 'new', 'no compatible identity'),
			(2, 'person:a', 'a1', 'Al', 'new', 'no compatible identity'),
			(3, 'person:b', 'a2', 'Bo', 'merge', 'same normalised name'),
			(4, 'person:a', 'a3', 'Al', 'apart', 'x')`,
		`DELETE FROM schema_migrations WHERE version IN (104, 121)`,
	)
	db = reopen(t, db, path)
	got, err := db.PersonDecisions(ctx, "person:b")
	want := []resolve.Decision{
		{Article: "a1", Mention: `Bo "B"`, Into: "person:b", Kind: "new", Reason: "no compatible identity"},
		{Article: "a2", Mention: "Bo", Into: "person:b", Kind: "merge", Reason: "same normalised name"},
	}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("person:b %+v %v", got, err)
	}
	if got, err := db.PersonDecisions(ctx, "person:a"); err != nil || len(got) != 2 || got[1].Kind != "apart" {
		t.Fatalf("person:a %+v %v", got, err)
	}
}
