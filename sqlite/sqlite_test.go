package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

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
