package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"sync"
)

func init() {
	Register(Migration{122, "stories: each article's grouping record (vector, signature) in a table, read back when needed instead of held in memory", `
CREATE TABLE story_records (
	idx  INTEGER PRIMARY KEY, -- the article's index in the clusterer (storage order)
	data BLOB NOT NULL        -- stories: an article's grouping record
);`})
	Register(Migration{123, "stories: each article's quotes as statement linking reads them, read back when a closed story reopens or its statements are rebuilt instead of held in memory", `
CREATE TABLE story_quotes (
	idx  INTEGER PRIMARY KEY, -- the article's index in the clusterer (storage order)
	data BLOB NOT NULL        -- stories: an article's quotes (Clusterer.FlushQuotes)
);`})
}

// recordStore reads the grouping records of a library's articles back for
// its clusterer (stories.RecordStore). The records a commit writes are read
// only once it is committed, from another connection: a grouper reads the
// records of the articles it kept, which an earlier commit wrote.
type recordStore struct {
	db    *sql.DB
	once  sync.Once
	stmt  *sql.Stmt
	qstmt *sql.Stmt
	err   error
}

func (r *recordStore) prepare() {
	r.once.Do(func() {
		if r.stmt, r.err = r.db.Prepare(`SELECT data FROM story_records WHERE idx = ?`); r.err == nil {
			r.qstmt, r.err = r.db.Prepare(`SELECT data FROM story_quotes WHERE idx = ?`)
		}
	})
}

func (r *recordStore) Record(i int) ([]byte, error) {
	return r.read(func() *sql.Stmt { return r.stmt }, i)
}

// Quotes reads back an article's quotes (stories.QuoteStore).
func (r *recordStore) Quotes(i int) ([]byte, error) {
	return r.read(func() *sql.Stmt { return r.qstmt }, i)
}

// read reads article i's blob with the statement stmt gives once prepared.
func (r *recordStore) read(stmt func() *sql.Stmt, i int) ([]byte, error) {
	r.prepare()
	if r.err != nil {
		return nil, r.err
	}
	var b []byte
	err := stmt().QueryRow(i).Scan(&b)
	return b, err
}

// writeRecords writes the records and the quotes of the articles the
// clusterer has not kept yet (replacing any rows from that index on: those
// of a state thrown away); RecordsKept must follow the commit.
func (g *Grouper) writeRecords(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_records WHERE idx >= ?`, g.c.Kept()); err != nil {
		return err
	}
	ins := newBulk(`INSERT INTO story_records(idx, data) VALUES `, 2)
	err := g.c.FlushRecords(func(i int, rec []byte) error {
		ins.add(i, slices.Clone(rec))
		if len(ins.vals) >= 2*512 {
			return ins.flush(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ins.flush(ctx, tx); err != nil {
		return err
	}
	// and their quotes (an article without quotes too: the rows follow
	// the articles one to one)
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_quotes WHERE idx >= ?`, g.c.QuotesKept()); err != nil {
		return err
	}
	qins := newBulk(`INSERT INTO story_quotes(idx, data) VALUES `, 2)
	err = g.c.FlushQuotes(func(i int, qs []byte) error {
		qins.add(i, slices.Clone(qs))
		if len(qins.vals) >= 2*512 {
			return qins.flush(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return qins.flush(ctx, tx)
}
