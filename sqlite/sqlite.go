// Package sqlite is Verbatim's library of record on embedded SQLite
// (modernc.org/sqlite, pure Go): articles, quotes, entities, their name forms
// and dates, with FTS5 indexes over quote and article text that ignore case
// and accents ("melanie" finds "Mélanie").
//
// The database runs in WAL mode with a busy timeout; writes are batched into
// transactions and serialised, so a crash (even kill -9) loses nothing that
// was committed, and re-putting an article (same content hash) changes
// nothing.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
	_ "modernc.org/sqlite"
)

// DB is a Store on an SQLite file.
type DB struct {
	db *sql.DB
	mu sync.Mutex // serialises writers
}

var _ verbatim.Store = (*DB)(nil)

// Open opens (creating if needed) the database file and applies migrations.
func Open(path string) (*DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-32000)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &DB{db: db}, nil
}

// SQL exposes the underlying database (for story detection and tools).
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Has reports whether an article with this content hash is stored.
func (s *DB) Has(ctx context.Context, hash string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE hash = ?`, hash).Scan(&n)
	return n > 0, err
}

// Hashes returns the content hashes of every stored article (ingest uses it
// to skip finished articles before analysing them).
func (s *DB) Hashes(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT hash FROM articles`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		m[h] = true
	}
	return m, rows.Err()
}

const (
	insArticle = `INSERT INTO articles(ext_id, hash, title, url, outlet, author, published, source, text) VALUES (?,?,?,?,?,?,?,?,?)`
	insArtFTS  = `INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)`
	insEntity  = `INSERT INTO entities(article_id, idx, name, name_fold, type, roles) VALUES (?,?,?,?,?,?)`
	insAlias   = `INSERT OR IGNORE INTO aliases(alias, entity_id) VALUES (?,?)`
	insMention = `INSERT INTO mentions(article_id, entity_id, start, end, text, kind, role) VALUES (?,?,?,?,?,?,?)`
	insQuote   = `INSERT INTO quotes(article_id, start, end, text, type, speaker, speaker_fold, speaker_type, speaker_entity,
		speaker_mention, sm_start, sm_end, cue, cue_start, cue_end, addressee, via, confidence, said_on, day)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	insQuoteFTS = `INSERT INTO quotes_fts(rowid, text) VALUES (?,?)`
	insDate     = `INSERT INTO dates(article_id, start, end, text, value) VALUES (?,?,?,?,?)`
)

type stmts struct {
	article, artFTS, entity, alias, mention, quote, quoteFTS, date, byHash, byID *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*stmts, error) {
	var st stmts
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	st.article, st.artFTS, st.entity, st.alias = p(insArticle), p(insArtFTS), p(insEntity), p(insAlias)
	st.mention, st.quote, st.quoteFTS, st.date = p(insMention), p(insQuote), p(insQuoteFTS), p(insDate)
	st.byHash, st.byID = p(`SELECT ext_id FROM articles WHERE hash = ?`), p(`SELECT count(*) FROM articles WHERE ext_id = ?`)
	return &st, err
}

func (st *stmts) close() {
	for _, s := range []*sql.Stmt{st.article, st.artFTS, st.entity, st.alias, st.mention, st.quote, st.quoteFTS, st.date, st.byHash, st.byID} {
		if s != nil {
			s.Close()
		}
	}
}

func nullSpan(d *verbatim.Doc, sp verbatim.Span) (string, any, any) {
	if sp.Empty() {
		return "", nil, nil
	}
	return d.Word(sp), sp.Start, sp.End
}

// Put stores documents in one transaction; duplicates (same content hash,
// also within the batch) are skipped.
func (s *DB) Put(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st, err := prepare(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer st.close()
	out := make([]verbatim.PutOutcome, len(docs))
	for i, d := range docs {
		out[i], err = s.put(ctx, st, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *DB) put(ctx context.Context, st *stmts, d *verbatim.Doc) (verbatim.PutOutcome, error) {
	hash := verbatim.ContentHash(d.Text)
	var dup string
	switch err := st.byHash.QueryRowContext(ctx, hash).Scan(&dup); {
	case err == nil:
		return verbatim.PutOutcome{ID: dup, Duplicate: dup}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return verbatim.PutOutcome{}, err
	}
	id := d.ID
	if id == "" {
		id = hash[:16]
	}
	var n int
	if err := st.byID.QueryRowContext(ctx, id).Scan(&n); err != nil {
		return verbatim.PutOutcome{}, err
	}
	if n > 0 { // another article has this id: keep both, tell them apart by content
		id = id + "-" + hash[:8]
	}
	res, err := st.article.ExecContext(ctx, id, hash, d.Title, d.URL, d.Outlet, d.Author, d.Published, d.Source, d.Text)
	if err != nil {
		return verbatim.PutOutcome{}, err
	}
	aid, _ := res.LastInsertId()
	if _, err := st.artFTS.ExecContext(ctx, aid, d.Title, d.Text); err != nil {
		return verbatim.PutOutcome{}, err
	}
	eids := make([]int64, len(d.Entities))
	for i, e := range d.Entities {
		res, err := st.entity.ExecContext(ctx, aid, i, e.Name, fold(e.Name), string(e.Type), strings.Join(e.Roles, "; "))
		if err != nil {
			return verbatim.PutOutcome{}, err
		}
		eids[i], _ = res.LastInsertId()
		seen := map[string]bool{}
		addAlias := func(a string) error {
			a = fold(a)
			if a == "" || seen[a] {
				return nil
			}
			seen[a] = true
			_, err := st.alias.ExecContext(ctx, a, eids[i])
			return err
		}
		if err := addAlias(e.Name); err != nil {
			return verbatim.PutOutcome{}, err
		}
		if e.Type == verbatim.Person { // the surname alone: "Kellogg" for "Keith Kellogg"
			if f := strings.Fields(e.Name); len(f) > 1 {
				if err := addAlias(f[len(f)-1]); err != nil {
					return verbatim.PutOutcome{}, err
				}
			}
		}
		for _, mi := range e.Mentions {
			if mi >= 0 && mi < len(d.Mentions) && d.Mentions[mi].Kind == verbatim.NameMention {
				if err := addAlias(d.Word(d.Mentions[mi].Span)); err != nil {
					return verbatim.PutOutcome{}, err
				}
			}
		}
	}
	for _, m := range d.Mentions {
		var eid any
		if m.Entity >= 0 && m.Entity < len(eids) {
			eid = eids[m.Entity]
		}
		if _, err := st.mention.ExecContext(ctx, aid, eid, m.Start, m.End, d.Word(m.Span), int(m.Kind), m.Role); err != nil {
			return verbatim.PutOutcome{}, err
		}
	}
	for _, q := range d.Quotes {
		var speaker, sfold, stype any
		var sent any
		stype = ""
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			e := d.Entities[q.Speaker]
			speaker, sfold, stype, sent = e.Name, fold(e.Name), string(e.Type), eids[q.Speaker]
		}
		sm, sms, sme := nullSpan(d, q.SpeakerAt)
		cue, cs, ce := nullSpan(d, q.Cue)
		day := q.SaidOn
		if day == "" {
			day = d.Published
		}
		text := d.Word(q.Span)
		res, err := st.quote.ExecContext(ctx, aid, q.Start, q.End, text, string(q.Type), speaker, sfold, stype, sent,
			sm, sms, sme, cue, cs, ce, d.Word(q.Addressee), d.Word(q.Via), q.Confidence, q.SaidOn, day)
		if err != nil {
			return verbatim.PutOutcome{}, err
		}
		qid, _ := res.LastInsertId()
		if _, err := st.quoteFTS.ExecContext(ctx, qid, text); err != nil {
			return verbatim.PutOutcome{}, err
		}
	}
	for _, dt := range d.Dates {
		if _, err := st.date.ExecContext(ctx, aid, dt.Start, dt.End, d.Word(dt.Span), dt.Value); err != nil {
			return verbatim.PutOutcome{}, err
		}
	}
	return verbatim.PutOutcome{ID: id, Stored: true}, nil
}
