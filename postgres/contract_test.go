package postgres

import (
	"context"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/servicetest"
	"github.com/verbatim-news/verbatim/storetest"
	"github.com/verbatim-news/verbatim/stories"
)

// open returns a library in a new database, dropped when the test ends.
func open(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), servicetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestContract runs the suite every library backend passes.
func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) verbatim.Store { return open(t) },
		Group: func(ctx context.Context, st verbatim.Store) error {
			_, err := st.(*DB).Grouper(stories.Options{}).GroupAll(ctx)
			return err
		},
	})
}
