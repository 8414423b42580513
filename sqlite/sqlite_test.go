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
)

// the contract's document builders serve this package's own tests
type docb = storetest.Doc

var (
	newDoc  = storetest.NewDoc
	fixture = storetest.Fixture
)

func open(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rewind runs the statements that put a library back to the layout
// before a migration (and forget that migration).
func rewind(t *testing.T, db *DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// reopen closes a library and opens its file again, which applies the
// migrations it lacks; the library is closed when the test ends.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	db.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrationsOrderedAndOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	Register(Migration{Version: 990, Name: "test later", SQL: `CREATE TABLE t990 (x)`})
	Register(Migration{Version: 980, Name: "test earlier", SQL: `CREATE TABLE t980 (x); INSERT INTO t980 VALUES (1)`})
	defer func() {
		migMu.Lock()
		migrations = migrations[:len(migrations)-2]
		migMu.Unlock()
	}()
	for i := 0; i < 2; i++ { // reopening applies nothing twice
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM t980`).Scan(&n)
		var order string
		db.SQL().QueryRow(`SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY rowid)`).Scan(&order)
		db.Close()
		if n != 1 || !strings.HasSuffix(order, "980,990") {
			t.Fatalf("run %d: rows %d, order %s", i, n, order)
		}
	}
}

// A batch's documents are looked up in the library a few at a time: every
// look-up, not only the first, finds the stored copies and the ids taken.
func TestPutLooksUpEveryChunk(t *testing.T) {
	defer func(n int) { lookupChunk = n }(lookupChunk)
	lookupChunk = 2
	db := open(t)
	ctx := context.Background()
	doc := func(id, text string) *verbatim.Doc { return storetest.NewDoc(id, "Wire", "2025-03-04", text).D }
	if _, err := db.Put(ctx, []*verbatim.Doc{doc("a", "First text."), doc("b", "Second text."), doc("c", "Third text.")}); err != nil {
		t.Fatal(err)
	}
	out, err := db.Put(ctx, []*verbatim.Doc{doc("a2", "First text."), doc("d", "Fourth text."), doc("b2", "Second text."),
		doc("e", "Fifth text."), doc("c2", "Third text."), doc("c", "Other text under a taken id.")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range out {
		got = append(got, fmt.Sprintf("%s %v %s", o.ID, o.Stored, o.Duplicate))
	}
	want := []string{"a false a", "d true ", "b false b", "e true ", "c false c", "c-" + verbatim.ContentHash("Other text under a taken id.")[:8] + " true "}
	if !slices.Equal(got, want) {
		t.Fatalf("outcomes\n%q\nwant\n%q", got, want)
	}
}
