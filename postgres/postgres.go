// Package postgres is Verbatim's library of record on PostgreSQL
// (jackc/pgx): the same Store as package sqlite, for a library that several
// writers (ingest, workers) and readers (serve instances) share. Articles,
// quotes, entities, their name forms and dates are searched with
// PostgreSQL's full-text search (GIN indexes over vectors of folded words
// made by the store), accent-insensitive like the SQLite store;
// stories, persons and statements are kept in tables by a Grouper
// (grouper.go), one at a time however many processes write.
//
// Re-putting an article (same content hash) changes nothing. Writers run
// concurrently: ids come from sequences, and two writers storing the same
// content at once collide on the unique hash; the loser retries and finds
// it stored.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/stories"
)

// DB is a Store on a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
	url  string

	outletList storekit.Cached[[]verbatim.OutletCount] // most articles first
	stats      storekit.Cached[verbatim.StoreStats]
}

var _ verbatim.Store = (*DB)(nil)

// IsURL reports whether a --db value names a PostgreSQL library
// (postgres:// or postgresql://) rather than an SQLite file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (postgres://user@host:port/db;
// ?search_path=schema keeps the library in a schema) and applies
// migrations.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("library %s: %v", Redact(url), err)
	}
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("library %s: %v", Redact(url), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("library %s: cannot connect: %v", Redact(url), err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("library %s: %w", Redact(url), err)
	}
	return &DB{pool: pool, url: url}, nil
}

// Redact returns url without its password, for messages.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Pool exposes the connection pool (for tools and tests).
func (s *DB) Pool() *pgxpool.Pool { return s.pool }

// Close closes the connections.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks that the database answers (readiness).
func (s *DB) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Has reports whether an article with this content hash is stored.
func (s *DB) Has(ctx context.Context, hash string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE hash = $1)`, hash).Scan(&ok)
	return ok, err
}

// Hashes returns the content hashes of every stored article.
func (s *DB) Hashes(ctx context.Context) (map[string]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT hash FROM articles`)
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	var h string
	_, err = pgx.ForEachRow(rows, []any{&h}, func() error { m[h] = true; return nil })
	return m, err
}

// Put stores documents in one transaction; duplicates (same content hash,
// also within the batch) are skipped. Their grouping order is the order
// stored.
func (s *DB) Put(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
	return s.PutOrdered(ctx, docs, nil)
}

// PutOrdered is Put with each document's place in the input (ords[i], e.g.
// the queue's sequence number), the order in which it joins the stories.
// When the same content arrives twice, the library keeps the earlier one in
// the input, as a single process reading the input in order would: a copy
// stored from later in the input and not yet grouped is replaced.
func (s *DB) PutOrdered(ctx context.Context, docs []*verbatim.Doc, ords []int64) ([]verbatim.PutOutcome, error) {
	var out []verbatim.PutOutcome
	var err error
	for attempt := 0; ; attempt++ {
		out, err = s.put(ctx, docs, ords)
		var pe *pgconn.PgError
		// another writer stored the same content or id meanwhile, or the
		// two transactions deadlocked: again, now seeing what it stored
		if err != nil && errors.As(err, &pe) && (pe.Code == "23505" || pe.Code == "40P01" || pe.Code == "40001") && attempt < 8 {
			continue
		}
		return out, err
	}
}

type existing struct {
	id, ord int64
	ext     string
	grouped bool
}

func (s *DB) put(ctx context.Context, docs []*verbatim.Doc, ords []int64) ([]verbatim.PutOutcome, error) {
	out := make([]verbatim.PutOutcome, len(docs))
	hashes := make([]string, len(docs))
	ids := make([]string, len(docs))
	for i, d := range docs {
		hashes[i] = verbatim.ContentHash(d.Text)
		ids[i] = d.ID
		if ids[i] == "" {
			ids[i] = hashes[i][:16]
		}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	stored := map[string]existing{}
	rows, err := tx.Query(ctx, `SELECT a.hash, a.id, a.ext_id, f.ord, f.group_pos IS NOT NULL FROM articles a
		JOIN story_features f ON f.article_id = a.id WHERE a.hash = ANY($1)`, hashes)
	if err != nil {
		return nil, err
	}
	var h string
	var e existing
	if _, err := pgx.ForEachRow(rows, []any{&h, &e.id, &e.ext, &e.ord, &e.grouped}, func() error { stored[h] = e; return nil }); err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	rows, err = tx.Query(ctx, `SELECT ext_id FROM articles WHERE ext_id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	var x string
	if _, err := pgx.ForEachRow(rows, []any{&x}, func() error { taken[x] = true; return nil }); err != nil {
		return nil, err
	}
	// which documents are stored, and under which id
	var keep []int
	inBatch := map[string]string{}
	var replace []int64
	for i := range docs {
		hash := hashes[i]
		if dup, ok := inBatch[hash]; ok {
			out[i] = verbatim.PutOutcome{ID: dup, Duplicate: dup}
			continue
		}
		if e, ok := stored[hash]; ok {
			if ords == nil || e.grouped || e.ord <= ords[i] {
				out[i] = verbatim.PutOutcome{ID: e.ext, Duplicate: e.ext}
				continue
			}
			// the stored copy came later in the input: this one replaces it
			replace = append(replace, e.id)
			delete(taken, e.ext)
		}
		id := ids[i]
		if taken[id] { // another article has this id: keep both, tell them apart by content
			id = id + "-" + hash[:8]
		}
		taken[id] = true
		inBatch[hash] = id
		out[i] = verbatim.PutOutcome{ID: id, Stored: true}
		keep = append(keep, i)
	}
	if len(replace) > 0 {
		if err := deleteArticles(ctx, tx, replace); err != nil {
			return nil, err
		}
	}
	if len(keep) > 0 {
		if err := s.insert(ctx, tx, docs, keep, out, hashes, ords); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// deleteArticles deletes articles not grouped yet, with their rows.
func deleteArticles(ctx context.Context, tx pgx.Tx, ids []int64) error {
	for _, q := range []string{
		`DELETE FROM aliases WHERE entity_id IN (SELECT id FROM entities WHERE article_id = ANY($1))`,
		`DELETE FROM entities WHERE article_id = ANY($1)`,
		`DELETE FROM quotes WHERE article_id = ANY($1)`,
		`DELETE FROM dates WHERE article_id = ANY($1)`,
		`DELETE FROM story_features WHERE article_id = ANY($1)`,
		`DELETE FROM articles WHERE id = ANY($1)`,
	} {
		if _, err := tx.Exec(ctx, q, ids); err != nil {
			return err
		}
	}
	return nil
}

// insert writes the kept documents' rows with COPY.
func (s *DB) insert(ctx context.Context, tx pgx.Tx, docs []*verbatim.Doc, keep []int, out []verbatim.PutOutcome, hashes []string, ords []int64) error {
	ne, nq := 0, 0
	for _, i := range keep {
		ne += len(docs[i].Entities)
		nq += len(docs[i].Quotes)
	}
	var aids, eids, qids, ordIDs []int64
	nOrd := 0
	if ords == nil {
		nOrd = len(keep)
	}
	err := tx.QueryRow(ctx, `SELECT
		ARRAY(SELECT nextval('articles_id_seq') FROM generate_series(1, $1)),
		ARRAY(SELECT nextval('entities_id_seq') FROM generate_series(1, $2)),
		ARRAY(SELECT nextval('quotes_id_seq') FROM generate_series(1, $3)),
		ARRAY(SELECT nextval('articles_ord_seq') FROM generate_series(1, $4))`, len(keep), ne, nq, nOrd).Scan(&aids, &eids, &qids, &ordIDs)
	if err != nil {
		return err
	}
	var arts, ents, aliases, quotes, dates, feats [][]any
	var js []byte
	var order []int
	var words []string
	seen := map[string]bool{}
	for k, i := range keep {
		d := docs[i]
		aid := aids[k]
		ord := int64(0)
		if ords != nil {
			ord = ords[i]
		} else {
			ord = ordIDs[k]
		}
		arts = append(arts, []any{aid, out[i].ID, hashes[i], d.Title, d.URL, d.Outlet, d.Author, d.Published, d.Source, d.Text,
			tsVector(d.Title+" "+d.Text, false)})
		words = words[:0]
		for _, m := range d.Mentions {
			words = append(words, d.Word(m.Span))
		}
		speaks := make([]bool, len(d.Entities))
		for _, q := range d.Quotes {
			if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
				speaks[q.Speaker] = true
			}
		}
		myE := eids[:len(d.Entities)]
		eids = eids[len(d.Entities):]
		folds := make([]string, len(d.Entities))
		for ei, e := range d.Entities {
			js, order = storekit.AppendMentions(js[:0], d, e.Mentions, words, order)
			folds[ei] = storekit.Fold(e.Name)
			ents = append(ents, []any{myE[ei], aid, ei, e.Name, folds[ei], string(e.Type), strings.Join(e.Roles, "; "), string(js)})
			if !speaks[ei] {
				continue
			}
			// aliases serve speaker search: only entities that speak need them
			clear(seen)
			alias := func(a string) {
				if a != "" && !seen[a] {
					seen[a] = true
					aliases = append(aliases, []any{a, myE[ei]})
				}
			}
			alias(folds[ei])
			if e.Type == verbatim.Person { // the surname alone: "Kellogg" for "Keith Kellogg"
				if j := strings.LastIndexByte(folds[ei], ' '); j >= 0 {
					alias(folds[ei][j+1:])
				}
			}
			for _, mi := range e.Mentions {
				if mi >= 0 && mi < len(d.Mentions) && d.Mentions[mi].Kind == verbatim.NameMention {
					alias(storekit.Fold(words[mi]))
				}
			}
		}
		myQ := qids[:len(d.Quotes)]
		qids = qids[len(d.Quotes):]
		for qi := range d.Quotes {
			q := &d.Quotes[qi]
			var speaker, sfold, sent any
			stype := ""
			if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
				e := d.Entities[q.Speaker]
				speaker, sfold, stype, sent = e.Name, folds[q.Speaker], string(e.Type), myE[q.Speaker]
			}
			sm, sms, sme := nullSpan(d, q.SpeakerAt)
			cue, cs, ce := nullSpan(d, q.Cue)
			day := q.SaidOn
			if day == "" {
				day = d.Published
			}
			text := d.Quoted(q)
			kind := q.Kind
			if kind == "" {
				kind = verbatim.Statement
			}
			quotes = append(quotes, []any{myQ[qi], aid, q.Start, q.End, text, string(q.Type), speaker, sfold, stype, sent,
				sm, sms, sme, cue, cs, ce, d.Word(q.Addressee), d.Word(q.Via), q.Confidence, q.SaidOn, day, string(kind), tsVector(text, true)})
		}
		for _, dt := range d.Dates {
			dates = append(dates, []any{aid, dt.Start, dt.End, d.Word(dt.Span), dt.Value})
		}
		feats = append(feats, []any{aid, ord, myE, myQ, stories.FeaturesOf(d).AppendBinary(nil)})
	}
	for _, c := range []copyIn{
		{"articles", []string{"id", "ext_id", "hash", "title", "url", "outlet", "author", "published", "source", "text", "tsv"}, arts},
		{"entities", []string{"id", "article_id", "idx", "name", "name_fold", "type", "roles", "mentions"}, ents},
		{"aliases", []string{"alias", "entity_id"}, aliases},
		{"quotes", []string{"id", "article_id", "start", "end", "text", "type", "speaker", "speaker_fold", "speaker_type", "speaker_entity",
			"speaker_mention", "sm_start", "sm_end", "cue", "cue_start", "cue_end", "addressee", "via", "confidence", "said_on", "day", "kind", "tsv"}, quotes},
		{"dates", []string{"article_id", "start", "end", "text", "value"}, dates},
		{"story_features", []string{"article_id", "ord", "entity_ids", "quote_ids", "data"}, feats},
	} {
		if err := c.flush(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func nullSpan(d *verbatim.Doc, sp verbatim.Span) (string, any, any) {
	if sp.Empty() {
		return "", nil, nil
	}
	return d.Word(sp), sp.Start, sp.End
}
