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
}

// recordStore reads the grouping records of a library's articles back for
// its clusterer (stories.RecordStore). The records a commit writes are read
// only once it is committed, from another connection: a grouper reads the
// records of the articles it kept, which an earlier commit wrote.
type recordStore struct {
	db   *sql.DB
	once sync.Once
	stmt *sql.Stmt
	err  error
}

func (r *recordStore) Record(i int) ([]byte, error) {
	r.once.Do(func() {
		r.stmt, r.err = r.db.Prepare(`SELECT data FROM story_records WHERE idx = ?`)
	})
	if r.err != nil {
		return nil, r.err
	}
	var b []byte
	err := r.stmt.QueryRow(i).Scan(&b)
	return b, err
}

// writeRecords writes the records of the articles the clusterer has not
// kept yet (replacing any rows from that index on: those of a state thrown
// away); RecordsKept must follow the commit.
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
	return ins.flush(ctx, tx)
}
