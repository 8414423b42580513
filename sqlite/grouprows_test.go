package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/internal/synthlib"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/stories"
)

// TestCommitBuildsTheChangedRows guards what a commit costs in rows: the
// same 100 articles added to a library of 500 and to one of 2,000 make the
// commit build a like number of story and statement rows (those the
// clusterer reports changed: 586 and 911 now, their stories and neighbours'),
// a fraction of the library's (every row before, 11,956), and the tables
// end as one ingest of every article leaves them.
func TestCommitBuildsTheChangedRows(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the check stores 2,600 articles")
	}
	corpus, err := synthlib.Load(shared.Path(t, "data/bbc"), shared.Path(t, "data/wikiref220"))
	if err != nil {
		t.Fatal(err)
	}
	// reports of events over two years, in date order, as bench library
	// makes them
	gen := synthlib.NewGenerator(corpus, 5, 2000, 730, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	arts := make([]verbatim.Article, 2100)
	for i := range arts {
		a := gen.Next()
		arts[i] = verbatim.Article{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Text: a.Text}
	}
	docs := benchdata.Prepare(arts, pipeline.Stages())
	added := docs[2000:]
	ctx := context.Background()
	put := func(g *Grouper, docs []*verbatim.Doc) {
		for j := 0; j < len(docs); j += 256 {
			batch := make([]*verbatim.Doc, 0, 256)
			for _, d := range docs[j:min(j+256, len(docs))] {
				batch = append(batch, benchdata.Clone(d))
			}
			if _, err := g.Put(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	built := func(n int) (int, int) {
		db, err := Open(filepath.Join(t.TempDir(), "lib.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		put(db.Grouper(stories.Options{}), docs[:n])
		g := db.Grouper(stories.Options{}) // a later ingest: opens the library
		put(g, added)
		var rows int
		if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM statements)`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if n == 2000 {
			one := open(t)
			put(one.Grouper(stories.Options{}), docs)
			if got, want := dumpStories(t, db), dumpStories(t, one); got != want {
				t.Fatalf("+100 into 2,000: rows differ from one ingest:\n%s", firstDiff(got, want))
			}
		}
		return g.built, rows
	}
	small, _ := built(500)
	large, rows := built(2000)
	t.Logf("+100 articles: %d rows built into 500, %d into 2,000 (of %d)", small, large, rows)
	if float64(large) > 2.5*float64(small) || large*4 > rows {
		t.Fatalf("+100 articles built %d story and statement rows into 2,000 articles (%d rows), %d into 500: the commit builds rows in proportion to the library", large, rows, small)
	}
}
