// Package sqlite is Verbatim's library of record on embedded SQLite
// (modernc.org/sqlite, pure Go): articles, quotes, entities, their name forms
// and dates, with FTS5 indexes over quote and article text that ignore case
// and accents ("melanie" finds "Mélanie").
//
// The database runs in WAL mode with a busy timeout; writes are batched into
// transactions and serialised, so a crash (even kill -9) loses nothing that
// was committed, and re-putting an article (same content hash) changes
// nothing. Foreign keys document the schema but are not enforced (each
// check is a lookup per inserted row): writers insert parents before
// children in the same transaction, and nothing relies on cascading
// deletes.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/stories"
	_ "modernc.org/sqlite"
)

// DB is a Store on an SQLite file.
type DB struct {
	db    *sql.DB
	mu    sync.Mutex // serialises writers
	spare *batch     // (guarded by mu) the last Put's buffers, for the next
	w     *sql.Conn  // (guarded by mu) the writer connection (writer.go)
	stmts stmtCache  // a Put's INSERT statements, prepared once on w

	cmu      sync.Mutex // guards the speakers cache
	cacheGen int64
	cache    map[string][]verbatim.SpeakerSummary

	outletList storekit.Cached[[]verbatim.OutletCount] // the outlets table, most articles first
	zones      dayZones                                // quote days by block of ids (topk.go)
	stats      storekit.Cached[verbatim.StoreStats]
}

var _ verbatim.Store = (*DB)(nil)

// Open opens (creating if needed) the database file and applies migrations.
func Open(path string) (*DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "synchronous(NORMAL)", "cache_size(-16000)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // transactions take the write lock at BEGIN: writers queue on busy_timeout
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := setup(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &DB{db: db}, nil
}

// setup gives a new file 16 KiB pages, then turns on write-ahead logging
// (a setting of the file: every connection, of any process, then uses it).
// The page size must be set before the first page is written, so before
// journal_mode, which the connection string's pragmas run first; an
// existing file keeps its page size. With 16 KiB pages (4 KiB is SQLite's
// default) a BBC ingest writes a quarter of the WAL frames, ~4 syscalls
// each for its write and checkpoint: GOMAXPROCS=1 ingest BBC user+sys
// 2.04-2.15 s -> 1.92-2.05 s (6 paired runs; peak RSS +6-15 MB), and
// search 10k p50 4.2 -> 3.3-3.7 ms, p99 12.7-13.6 -> 9.8-10.5 ms.
func setup(db *sql.DB) error {
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `PRAGMA page_size = 16384`); err != nil {
		return err
	}
	var mode string
	if err := c.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode %s, not wal", mode)
	}
	return nil
}

// SQL exposes the underlying database (for story detection and tools).
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error {
	err := s.closeWriter()
	if e := s.db.Close(); err == nil {
		err = e
	}
	return err
}

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

// bulk accumulates rows for one table and inserts them with multi-row
// INSERT statements (one statement per up to 256 rows).
type bulk struct {
	head string // INSERT INTO t(a,b,c) VALUES
	tail string // after the rows: ON CONFLICT ... (upserts)
	cols int
	vals []any
	full *sql.Stmt           // the statement for a full chunk, prepared once per batch
	nv   []driver.NamedValue // the parameters of a statement on the writer connection
}

// newBulk returns a bulk for the INSERT statement head. A plain INSERT
// becomes INSERT OR FAIL: a multi-row statement that may abort (SQLite's
// default on a violated constraint undoes the statement's own rows) keeps
// a statement journal, a copy of every page it changes; one that fails
// keeps the rows before the one that failed instead, which no caller sees
// (an error rolls the whole transaction back).
func newBulk(head string, cols int) *bulk {
	if rest, ok := strings.CutPrefix(head, "INSERT INTO "); ok {
		head = "INSERT OR FAIL INTO " + rest
	}
	return &bulk{head: head, cols: cols}
}

// upsert returns a bulk whose rows replace the row with the same key in
// place (no delete, so no cascade): conflict names the key columns, update
// the columns set from the new row.
func upsert(head string, cols int, conflict string, update ...string) *bulk {
	b := newBulk(head, cols)
	b.tail = " ON CONFLICT(" + conflict + ") DO UPDATE SET "
	for i, c := range update {
		if i > 0 {
			b.tail += ", "
		}
		b.tail += c + " = excluded." + c
	}
	return b
}

// add appends a row. Go ints become int64, a value the driver takes as it
// is: database/sql converts any other integer type by reflection, one
// value at a time.
func (b *bulk) add(v ...any) {
	n := len(b.vals)
	b.vals = append(b.vals, v...)
	for i, x := range b.vals[n:] {
		if k, ok := x.(int); ok {
			b.vals[n+i] = int64(k)
		}
	}
}

// reserve makes room for about n more rows (n may be negative or a guess).
func (b *bulk) reserve(n int) {
	if n > 0 {
		b.vals = slices.Grow(b.vals, n*b.cols)
	}
}

// chunk is the most rows one statement inserts: 256, fewer for wide
// tables (SQLite takes at most 32,766 parameters).
func (b *bulk) chunk() int { return min(256, 30000/b.cols) }

// sql returns the INSERT statement for n rows.
func (b *bulk) sql(n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", b.cols), ",") + ")"
	var sb strings.Builder
	sb.Grow(len(b.head) + n*(len(one)+1) + len(b.tail))
	sb.WriteString(b.head)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(one)
	}
	sb.WriteString(b.tail)
	return sb.String()
}

func (b *bulk) flush(ctx context.Context, tx *sql.Tx) error { return b.flushWith(ctx, tx, nil) }

// flushWith inserts the rows in statements of chunk() rows (flushRaw for
// a transaction on the writer connection, with the cache if given).
func (b *bulk) flushWith(ctx context.Context, tx *sql.Tx, c *stmtCache) error {
	if w, ok := writeConns.Load(tx); ok {
		return b.flushRaw(ctx, w.(*sql.Conn), c)
	}
	per := b.chunk()
	for len(b.vals) > 0 {
		n := min(len(b.vals)/b.cols, per)
		if n == per && b.full != nil {
			if _, err := b.full.ExecContext(ctx, b.vals[:n*b.cols]...); err != nil {
				return err
			}
			b.vals = b.vals[n*b.cols:]
			continue
		}
		if n == per && len(b.vals) > n*b.cols { // more full chunks follow: prepare once
			st, err := tx.PrepareContext(ctx, b.sql(n))
			if err != nil {
				return err
			}
			b.full = st
			continue
		}
		if _, err := tx.ExecContext(ctx, b.sql(n), b.vals[:n*b.cols]...); err != nil {
			return err
		}
		b.vals = b.vals[n*b.cols:]
	}
	return nil
}

type batch struct {
	articles, entities, aliases, quotes, dates, features *bulk
	nextArticle, nextEntity, nextQuote                   int64
	hashes, ids                                          map[string]string
	hashOf                                               map[*verbatim.Doc]string // content hash of each document of the batch
	inLibrary                                            map[string]string        // content hash -> id of the batch's articles already in the library
	idTaken                                              map[string]bool          // the batch's ids that articles in the library have
	arena                                                []byte                   // encoded features of the batch
	stored                                               []added
	folds, words                                         []string        // per document: folded entity names, mention texts
	seen                                                 map[string]bool // aliases of the current entity
	outlets                                              map[string]int  // articles stored per outlet
	speaks                                               []bool          // per entity of the document: speaker of a quote
	js                                                   []byte          // the document's entity mentions as JSON
	ends                                                 []int           // end of each entity's JSON in js
	order                                                []int           // an entity's mentions by start
}

// alias adds a folded name form of an entity once.
func (b *batch) alias(a string, eid int64) {
	if a != "" && !b.seen[a] {
		b.seen[a] = true
		b.aliases.add(a, eid)
	}
}

// flushAll inserts the rows of every bulk. A bulk flushed without error
// is empty and keeps its buffer.
func flushAll(ctx context.Context, tx *sql.Tx, bs ...*bulk) error {
	return flushWith(ctx, tx, nil, bs...)
}

// flushWith is flushAll with statements from a cache (nil: prepared in tx).
func flushWith(ctx context.Context, tx *sql.Tx, c *stmtCache, bs ...*bulk) error {
	for _, bk := range bs {
		buf := bk.vals[:0]
		err := bk.flushWith(ctx, tx, c)
		if err == nil {
			clear(buf[:cap(buf)]) // drop the references (article texts) it held
			bk.vals = buf
		}
		if bk.full != nil {
			bk.full.Close()
			bk.full = nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// indexText adds the articles and quotes stored with ids from a0 and q0 on
// to the full-text indexes, one statement per index, reading the text back
// from the content tables (still in the page cache) instead of binding it a
// second time. FTS5 writes what one statement added as one segment: a
// statement per 200 rows left ~100 segments per batch for automerge to
// merge again.
func indexText(ctx context.Context, tx *sql.Tx, a0, q0 int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles WHERE id >= ?`, a0); err != nil {
		return fmt.Errorf("articles_fts: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE id >= ?`, q0); err != nil {
		return fmt.Errorf("quotes_fts: %w", err)
	}
	return nil
}

func nullSpan(d *verbatim.Doc, sp verbatim.Span) (string, any, any) {
	if sp.Empty() {
		return "", nil, nil
	}
	return d.Word(sp), sp.Start, sp.End
}

// newBatch makes the statements and buffers of a Put.
func newBatch() *batch {
	return &batch{
		articles: newBulk(`INSERT INTO articles(id, ext_id, hash, title, url, outlet, author, published, source, text) VALUES `, 10),
		entities: newBulk(`INSERT INTO entities(id, article_id, idx, name, name_fold, type, roles, mentions) VALUES `, 8),
		aliases:  newBulk(`INSERT OR IGNORE INTO aliases(alias, entity_id) VALUES `, 2),
		quotes: newBulk(`INSERT INTO quotes(id, article_id, start, end, text, type, speaker, speaker_fold, speaker_type, speaker_entity,
		speaker_mention, sm_start, sm_end, cue, cue_start, cue_end, addressee, via, confidence, said_on, day, kind) VALUES `, 22),
		dates:    newBulk(`INSERT INTO dates(article_id, start, end, text, value) VALUES `, 5),
		features: newBulk(`INSERT INTO story_features(article_id, first_entity, first_quote, data) VALUES `, 4),
		hashes:   map[string]string{}, ids: map[string]string{}, seen: map[string]bool{}, outlets: map[string]int{},
		hashOf: map[*verbatim.Doc]string{}, inLibrary: map[string]string{}, idTaken: map[string]bool{},
	}
}

// reset readies a batch whose rows were flushed for the next Put.
func (b *batch) reset() {
	clear(b.hashes)
	clear(b.ids)
	clear(b.outlets)
	clear(b.hashOf)
	clear(b.inLibrary)
	clear(b.idTaken)
	b.arena = b.arena[:0]
	clear(b.stored) // drop the features they point to
	b.stored = b.stored[:0]
}

// Put stores documents in one transaction; duplicates (same content hash,
// also within the batch) are skipped.
func (s *DB) Put(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
	return s.put(ctx, docs, nil)
}

// put stores documents; with a Grouper, the stored ones (after any article
// another writer stored since the grouper last looked) are added to its
// stories once the transaction commits.
func (s *DB) put(ctx context.Context, docs []*verbatim.Doc, g *Grouper) ([]verbatim.PutOutcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, end, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	defer tx.Rollback()
	b := s.spare // a batch's buffers serve the next one
	s.spare = nil
	if b == nil {
		b = newBatch()
	} else {
		b.reset()
	}
	// BEGIN IMMEDIATE (_txlock): the transaction holds the write lock before
	// ids are read, so no other connection or process can take them meanwhile.
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id),0)+1 FROM articles`).Scan(&b.nextArticle); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id),0)+1 FROM entities`).Scan(&b.nextEntity); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id),0)+1 FROM quotes`).Scan(&b.nextQuote); err != nil {
		return nil, err
	}
	a0, q0 := b.nextArticle, b.nextQuote
	if err := b.lookup(ctx, tx, docs); err != nil {
		return nil, err
	}
	out := make([]verbatim.PutOutcome, len(docs))
	for i, d := range docs {
		out[i], err = b.put(ctx, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.ID, err)
		}
	}
	if err := flushWith(ctx, tx, &s.stmts, b.articles, b.entities, b.aliases, b.quotes, b.dates, b.features); err != nil {
		return nil, err
	}
	if err := indexText(ctx, tx, a0, q0); err != nil {
		return nil, err
	}
	for o, n := range b.outlets {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outlets(name, articles) VALUES (?, ?)
			ON CONFLICT(name) DO UPDATE SET articles = articles + excluded.articles`, o, n); err != nil {
			return nil, fmt.Errorf("outlets: %w", err)
		}
	}
	var missed []added
	if g != nil && len(b.stored) > 0 && b.stored[0].aid > g.last+1 {
		// another writer stored articles since the grouper last looked:
		// they come first, in storage order
		if missed, err = loadAdded(ctx, tx, g.last, b.stored[0].aid-1); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if g != nil {
		g.add(missed)
		g.add(b.stored)
	}
	s.spare = b
	return out, nil
}

// lookupChunk is how many hashes or ids one look-up query binds.
var lookupChunk = 500

// lookup finds, in a few queries for the whole batch, which documents the
// library already holds (by content hash) and which of their ids articles
// in the library already have (a query per document cost more than
// binding a list).
func (b *batch) lookup(ctx context.Context, tx *sql.Tx, docs []*verbatim.Doc) error {
	hashes := make([]any, 0, len(docs))
	ids := make([]any, 0, len(docs))
	for _, d := range docs {
		h := verbatim.ContentHash(d.Text)
		b.hashOf[d] = h
		hashes = append(hashes, h)
		id := d.ID
		if id == "" {
			id = h[:16]
		}
		ids = append(ids, id)
	}
	query := func(head string, args []any, row func(*sql.Rows) error) error {
		for len(args) > 0 {
			n := min(len(args), lookupChunk)
			rows, err := tx.QueryContext(ctx, head+"("+strings.TrimSuffix(strings.Repeat("?,", n), ",")+")", args[:n]...)
			if err != nil {
				return err
			}
			for rows.Next() {
				if err := row(rows); err != nil {
					rows.Close()
					return err
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			args = args[n:]
		}
		return nil
	}
	if err := query(`SELECT hash, ext_id FROM articles WHERE hash IN `, hashes, func(r *sql.Rows) error {
		var h, id string
		err := r.Scan(&h, &id)
		b.inLibrary[h] = id
		return err
	}); err != nil {
		return err
	}
	return query(`SELECT ext_id FROM articles WHERE ext_id IN `, ids, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		b.idTaken[id] = true
		return err
	})
}

func (b *batch) put(ctx context.Context, d *verbatim.Doc) (verbatim.PutOutcome, error) {
	hash := b.hashOf[d]
	if dup, ok := b.hashes[hash]; ok {
		return verbatim.PutOutcome{ID: dup, Duplicate: dup}, nil
	}
	if dup, ok := b.inLibrary[hash]; ok {
		return verbatim.PutOutcome{ID: dup, Duplicate: dup}, nil
	}
	id := d.ID
	if id == "" {
		id = hash[:16]
	}
	if _, taken := b.ids[id]; b.idTaken[id] || taken { // another article has this id: keep both, tell them apart by content
		id = id + "-" + hash[:8]
	}
	b.hashes[hash], b.ids[id] = id, hash
	aid := b.nextArticle
	b.nextArticle++
	f := stories.FeaturesOf(d)
	start := len(b.arena)
	b.arena = f.AppendBinary(b.arena)
	b.features.add(aid, b.nextEntity, b.nextQuote, b.arena[start:len(b.arena):len(b.arena)])
	b.stored = append(b.stored, added{aid: aid, ext: id, e0: b.nextEntity, q0: b.nextQuote, f: f})
	b.articles.add(aid, id, hash, d.Title, d.URL, d.Outlet, d.Author, d.Published, d.Source, d.Text)
	if d.Outlet != "" {
		b.outlets[d.Outlet]++
	}
	// each name and mention text is folded / collapsed once
	eids := make([]int64, len(d.Entities))
	b.folds = b.folds[:0]
	b.words = b.words[:0]
	for _, m := range d.Mentions {
		b.words = append(b.words, d.Word(m.Span))
	}
	// aliases serve speaker search: only entities that speak need them
	b.speaks = slices.Grow(b.speaks[:0], len(d.Entities))[:len(d.Entities)]
	clear(b.speaks)
	for _, q := range d.Quotes {
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			b.speaks[q.Speaker] = true
		}
	}
	// each entity's mentions as JSON (schemaV3), one string for the document
	b.js = b.js[:0]
	b.ends = b.ends[:0]
	for _, e := range d.Entities {
		b.js, b.order = storekit.AppendMentions(b.js, d, e.Mentions, b.words, b.order)
		b.ends = append(b.ends, len(b.js))
	}
	js := string(b.js)
	for i, e := range d.Entities {
		eids[i] = b.nextEntity
		b.nextEntity++
		nf := storekit.Fold(e.Name)
		b.folds = append(b.folds, nf)
		from := 0
		if i > 0 {
			from = b.ends[i-1]
		}
		b.entities.add(eids[i], aid, i, e.Name, nf, string(e.Type), strings.Join(e.Roles, "; "), js[from:b.ends[i]])
		if !b.speaks[i] {
			continue
		}
		clear(b.seen)
		b.alias(nf, eids[i])
		if e.Type == verbatim.Person { // the surname alone: "Kellogg" for "Keith Kellogg"
			if k := strings.LastIndexByte(nf, ' '); k >= 0 {
				b.alias(nf[k+1:], eids[i])
			}
		}
		for _, mi := range e.Mentions {
			if mi >= 0 && mi < len(d.Mentions) && d.Mentions[mi].Kind == verbatim.NameMention {
				b.alias(storekit.Fold(b.words[mi]), eids[i])
			}
		}
	}
	for _, q := range d.Quotes {
		var speaker, sfold, sent any
		stype := ""
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			e := d.Entities[q.Speaker]
			speaker, sfold, stype, sent = e.Name, b.folds[q.Speaker], string(e.Type), eids[q.Speaker]
		}
		sm, sms, sme := nullSpan(d, q.SpeakerAt)
		cue, cs, ce := nullSpan(d, q.Cue)
		day := q.SaidOn
		if day == "" {
			day = d.Published
		}
		text := d.Quoted(&q) // the quoted words, without an attribution standing inside them
		kind := q.Kind
		if kind == "" {
			kind = verbatim.Statement
		}
		qid := b.nextQuote
		b.nextQuote++
		b.quotes.add(qid, aid, q.Start, q.End, text, string(q.Type), speaker, sfold, stype, sent,
			sm, sms, sme, cue, cs, ce, d.Word(q.Addressee), d.Word(q.Via), q.Confidence, q.SaidOn, day, string(kind))
	}
	for _, dt := range d.Dates {
		b.dates.add(aid, dt.Start, dt.End, d.Word(dt.Span), dt.Value)
	}
	return verbatim.PutOutcome{ID: id, Stored: true}, nil
}
