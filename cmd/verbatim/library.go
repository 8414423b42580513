package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/postgres"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

// dbHelp describes the --db flag of every command that opens a library.
const dbHelp = "library: an SQLite file, or a PostgreSQL URL (postgres://user@host:5432/db)"

// library is a store as the commands use it.
type library interface {
	verbatim.Store
	// Hashes returns the content hashes of every stored article.
	Hashes(ctx context.Context) (map[string]bool, error)
}

// openLibrary opens the library named by --db: a PostgreSQL URL, or an
// SQLite file (created when missing unless mustExist).
func openLibrary(ctx context.Context, db string, mustExist bool) (library, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	if mustExist {
		if _, err := os.Stat(db); err != nil {
			return nil, fmt.Errorf("no library at %s (run verbatim ingest first)", db)
		}
	}
	return sqlite.Open(db)
}

// ingester returns what stores articles posted to the server and adds
// them to the library's stories at once, as ingest does: an SQLite
// library's Ingester; a PostgreSQL library stores, then groups the articles
// not grouped yet (one grouping process at a time, under its lock). The
// articles stored meanwhile without grouping are grouped first.
func ingester(ctx context.Context, st library) (func(context.Context, []*verbatim.Doc) ([]verbatim.PutOutcome, error), error) {
	switch st := st.(type) {
	case *sqlite.DB:
		in, err := st.Ingester(ctx, stories.Options{})
		if err != nil {
			return nil, err
		}
		return in.Put, nil
	case *postgres.DB:
		g := st.Grouper(stories.Options{})
		if _, err := g.GroupAll(ctx); err != nil {
			return nil, err
		}
		var mu sync.Mutex
		return func(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
			outs, err := st.Put(ctx, docs)
			if err != nil {
				return nil, err
			}
			mu.Lock()
			defer mu.Unlock()
			for more := true; more; {
				if _, more, err = g.Step(ctx, -1); err != nil {
					return nil, err
				}
			}
			return outs, nil
		}, nil
	}
	return st.Put, nil
}

// sink is where ingest stores analysed articles: the library's known
// hashes (to skip stored articles before analysis), a store for a batch,
// and what brings the stories up to date at the end (nil: nothing to do).
type sink struct {
	hashes func(context.Context) (map[string]bool, error)
	put    func(context.Context, []*verbatim.Doc) ([]verbatim.PutOutcome, error)
	group  func(context.Context) (int, error)
}

// sqliteSink stores into an SQLite library, through g when not nil (the
// articles join the stories as they are stored).
func sqliteSink(st *sqlite.DB, g *sqlite.Grouper) sink {
	s := sink{hashes: st.Hashes, put: st.Put}
	if g != nil {
		s.put, s.group = g.Put, g.Commit
		pending := 0
		s.put = func(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
			out, err := g.Put(ctx, docs)
			if err != nil {
				return out, err
			}
			for _, o := range out {
				if o.Stored {
					pending++
				}
			}
			if pending >= groupEvery {
				// what a commit gathers (the decisions taken, the rows to
				// write) grows with the articles since the last one: a
				// large ingest commits as it goes
				// (a failure is the last commit's to report: the
				// articles are stored)
				if _, err := g.Commit(ctx); err == nil {
					pending = 0
					// what the commit built is garbage now: collected at
					// once, the heap grows from what stays live, not from
					// the commit's peak (which the collector's goal would
					// otherwise double until its next collection); the
					// last commit needs none
					runtime.GC()
				}
			}
			return out, nil
		}
	}
	return s
}

// groupEvery is how many stored articles an ingest groups at most before
// it writes the stories (a commit costs a pass over the grouping state).
var groupEvery = 16384

// librarySink stores into any library; with grouping, the stories are
// brought up to date at the end.
func librarySink(st library, group bool) sink {
	switch st := st.(type) {
	case *sqlite.DB:
		if group {
			return sqliteSink(st, st.Grouper(stories.Options{}))
		}
		return sqliteSink(st, nil)
	case *postgres.DB:
		s := sink{hashes: st.Hashes, put: st.Put}
		if group {
			s.group = st.Grouper(stories.Options{}).GroupAll
		}
		return s
	}
	return sink{hashes: st.Hashes, put: st.Put}
}
