package sqlite

import (
	"context"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/storetest"
	"github.com/verbatim-news/verbatim/stories"
)

// TestContract runs the suite every library backend passes.
func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) verbatim.Store { return open(t) },
		Group: func(ctx context.Context, st verbatim.Store) error {
			_, err := st.(*DB).Grouper(stories.Options{}).Commit(ctx)
			return err
		},
	})
}
