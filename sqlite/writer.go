package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/bits"
	"sync"
)

// Writes run on one connection that the DB keeps for its life (writers
// are serialised by DB.mu anyway), so that the bulk INSERTs can hand their
// values to the driver directly ((*sql.Conn).Raw, statements prepared on
// that connection and kept): database/sql checking and copying every value
// into a new argument list (a BBC ingest binds about 1.3 million) took
// 1.2% of the ingest's instructions.

// writeConns maps a transaction begun by DB.begin to its connection.
var writeConns sync.Map // *sql.Tx -> *sql.Conn

// begin starts a write transaction on the writer connection (s.mu held).
// end must be called once the transaction is over (committed or not).
func (s *DB) begin(ctx context.Context) (tx *sql.Tx, end func(), err error) {
	if s.w == nil {
		if s.w, err = s.db.Conn(ctx); err != nil {
			return nil, nil, err
		}
	}
	if tx, err = s.w.BeginTx(ctx, nil); err != nil {
		// the next write takes another connection (this one may be broken)
		s.w.Raw(func(any) error { return s.stmts.close() })
		s.w.Close()
		s.w = nil
		return nil, nil, err
	}
	writeConns.Store(tx, s.w)
	return tx, func() { writeConns.Delete(tx) }, nil
}

// closeWriter closes the writer connection and its statements.
func (s *DB) closeWriter() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return nil
	}
	err := s.w.Raw(func(any) error { return s.stmts.close() })
	if e := s.w.Close(); err == nil {
		err = e
	}
	s.w = nil
	return err
}

// stmtCache keeps multi-row INSERT statements prepared on the writer
// connection: compiling them for every Put (a statement of 256 quotes has
// 5,632 parameters) took ~4% of storing.
type stmtCache struct {
	m map[stmtKey]driver.Stmt // guarded by DB.mu (the writer's)
}

type stmtKey struct {
	head, tail string
	rows       int
}

// get returns the statement inserting n rows of b on the connection dc.
func (c *stmtCache) get(ctx context.Context, dc any, b *bulk, n int) (driver.Stmt, error) {
	k := stmtKey{b.head, b.tail, n}
	if st := c.m[k]; st != nil {
		return st, nil
	}
	st, err := prepare(ctx, dc, b.sql(n))
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[stmtKey]driver.Stmt{}
	}
	c.m[k] = st
	return st, nil
}

func (c *stmtCache) close() error {
	var err error
	for _, st := range c.m {
		if e := st.Close(); err == nil {
			err = e
		}
	}
	c.m = nil
	return err
}

func prepare(ctx context.Context, dc any, query string) (driver.Stmt, error) {
	if p, ok := dc.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return dc.(driver.Conn).Prepare(query)
}

// flushRaw inserts the rows of b on the transaction's connection w, in
// statements of chunk() rows; with a cache, the rest in statements of
// 128, 64, …, 1 rows, so that every statement is one the cache keeps;
// without, the statements are closed when done.
func (b *bulk) flushRaw(ctx context.Context, w *sql.Conn, c *stmtCache) error {
	return w.Raw(func(dc any) error {
		per := b.chunk()
		var own []driver.Stmt // prepared here, closed here
		defer func() {
			for _, st := range own {
				st.Close()
			}
		}()
		var full driver.Stmt
		for len(b.vals) > 0 {
			n := min(len(b.vals)/b.cols, per)
			var st driver.Stmt
			var err error
			switch {
			case c != nil:
				if n < per {
					n = 1 << (bits.Len(uint(n)) - 1)
				}
				st, err = c.get(ctx, dc, b, n)
			case n == per && full != nil:
				st = full
			default:
				st, err = prepare(ctx, dc, b.sql(n))
				if err == nil {
					own = append(own, st)
					if n == per {
						full = st
					}
				}
			}
			if err != nil {
				return err
			}
			if err := b.exec(ctx, st, b.vals[:n*b.cols]); err != nil {
				return err
			}
			b.vals = b.vals[n*b.cols:]
		}
		return nil
	})
}

// exec runs st with vals as its parameters, converted as database/sql
// converts them (Go ints are int64 already: bulk.add).
func (b *bulk) exec(ctx context.Context, st driver.Stmt, vals []any) error {
	if cap(b.nv) < len(vals) {
		b.nv = make([]driver.NamedValue, len(vals))
	}
	nv := b.nv[:len(vals)]
	for i, v := range vals {
		switch v.(type) {
		case nil, int64, float64, string, []byte, bool:
		default:
			x, err := driver.DefaultParameterConverter.ConvertValue(v)
			if err != nil {
				return fmt.Errorf("sql: converting argument $%d type: %w", i+1, err)
			}
			v = x
		}
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	var err error
	if e, ok := st.(driver.StmtExecContext); ok {
		_, err = e.ExecContext(ctx, nv)
	} else {
		args := make([]driver.Value, len(nv))
		for i := range nv {
			args[i] = nv[i].Value
		}
		_, err = st.Exec(args) //nolint:staticcheck // drivers without StmtExecContext
	}
	clear(nv) // drop the references (article texts) it held
	return err
}
