package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/binenc"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/stories"
)

func init() {
	Register(Migration{101, "stories: per-article features and the grouping state (incremental stories)", schemaGrouping})
	Register(Migration{102, "stories: drop indexes no query uses", `
DROP INDEX statements_story;
DROP INDEX statements_person;
DROP INDEX statement_quotes_statement;
DROP INDEX person_decisions_person;`})
	Register(Migration{103, "stories: a snapshot of the grouping state (an ingest continues from it instead of replaying every article)", `
CREATE TABLE story_snapshot (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	through INTEGER NOT NULL, -- the grouped_through it reflects
	state   BLOB NOT NULL,    -- stories.Clusterer.AppendSnapshot
	arts    BLOB NOT NULL     -- the database ids of its articles (Grouper.appendArts)
);`})
	Register(Migration{120, "stories: events (a story's topic, span of dates, size, outlets and people in its row, for listing by recency or size) and topics", schemaEvents})
	Register(Migration{106, "stories: the grouping snapshot written in parts (never all in memory, nor bound as one value)", `
CREATE TABLE story_snapshot_parts (
	part INTEGER PRIMARY KEY, -- 1, 2, ...: they follow story_snapshot.state
	data BLOB NOT NULL
);
-- the parts of the state that follow story_snapshot.state (0: the state is
-- whole; a version that does not know parts writes 0)
ALTER TABLE story_snapshot ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;`})
}

// schemaEvents gives a story row what a listing sorts and shows without
// reading its articles, and adds topics (groups of stories of one kind).
// A library grouped by an earlier version is grouped again by its next
// commit (its snapshot is of an older version, and grouped_through is
// forgotten so that every row is rewritten).
const schemaEvents = `
ALTER TABLE stories ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN first TEXT NOT NULL DEFAULT '';   -- earliest publication date
ALTER TABLE stories ADD COLUMN last TEXT NOT NULL DEFAULT '';    -- latest publication date
ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;  -- articles
ALTER TABLE stories ADD COLUMN outlets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN people TEXT NOT NULL DEFAULT '[]'; -- [[person id, name, mentions], ...], most mentioned first
ALTER TABLE stories ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;   -- creation number: s12 -> 12
CREATE INDEX stories_recent ON stories(last, size, seq);
CREATE INDEX stories_size ON stories(size, last, seq);
CREATE INDEX stories_topic ON stories(topic, size);
CREATE INDEX statements_story ON statements(story_id, said_on);
CREATE TABLE topics (
	id       TEXT PRIMARY KEY,
	label    TEXT NOT NULL DEFAULT '', -- its strongest words
	stories  INTEGER NOT NULL DEFAULT 0,
	articles INTEGER NOT NULL DEFAULT 0,
	last     TEXT NOT NULL DEFAULT ''
);
DELETE FROM story_state WHERE key = 'grouped_through';
`

// snapshotPart is the size of the parts a commit writes the snapshot in.
var snapshotPart = 1 << 20

// Put stores each article's story features (stories.Features: terms,
// signature, entities, quotes; no text), so that grouping can be rebuilt
// (or continued when there is no usable snapshot) without reloading and
// re-reading articles. story_state records the highest article id the story
// tables reflect ("grouped_through").
const schemaGrouping = `
CREATE TABLE story_features (
	article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	first_entity INTEGER NOT NULL, -- entity ids are first_entity + index in the article
	first_quote  INTEGER NOT NULL, -- quote ids likewise
	data         BLOB NOT NULL
);
CREATE TABLE story_state (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
`

// added is a stored article as grouping needs it.
type added struct {
	aid, e0, q0  int64
	ext          string
	ents, quotes []int64 // explicit ids (articles stored without features); nil: e0+i, q0+i
	f            *stories.Features
}

func (a *added) entity(i int) int64 {
	if a.ents != nil {
		return a.ents[i]
	}
	return a.e0 + int64(i)
}

func (a *added) quote(i int) int64 {
	if a.quotes != nil {
		return a.quotes[i]
	}
	return a.q0 + int64(i)
}

// Grouper keeps a library's stories, persons and statements up to date as
// articles are stored: each stored article is added to an online clusterer
// (stories.Clusterer), and Commit writes only the rows that changed, then a
// snapshot of the clusterer (story_snapshot, its state in 1 MB parts in
// story_snapshot_parts). When the grouper is first used it continues from
// that snapshot (loading it costs a fraction of
// re-adding every article, and a story's statement index is rebuilt only if
// an article joins it); when the snapshot is missing, stale (another
// version or writer advanced grouped_through) or unreadable, it replays the
// stored features of the articles grouped so far (no article text is read).
// The result is the one RebuildStories gives for the same articles in
// storage order.
type Grouper struct {
	db     *DB
	opt    stories.Options
	opened bool
	c      *stories.Clusterer
	arts   []added // in clusterer order (= storage order)
	index  map[string]int
	last   int64     // highest article id added
	base   int64     // grouped_through the rows in prev reflect; -1: unknown (full rewrite)
	prev   *seenRows // the rows the tables hold (as of base), as digests
	// replay: never continue from the stored snapshot (a rebuild);
	// partial: the resolver holds only the decisions taken since the
	// snapshot it continued from or since the last commit, so a full
	// rewrite must first replay every article
	replay, partial bool
	log             decisionLog  // the decisions taken since the last commit
	recs            *recordStore // the articles' grouping records (story_records)
	built           int          // the story and statement rows the last commit built
	held            int          // the most values a bulk of a commit held (spill; tests)
}

// Grouper returns a grouper of the library's stories. Use its Put instead
// of DB.Put to store articles, then Commit.
func (s *DB) Grouper(opt stories.Options) *Grouper {
	return &Grouper{db: s, opt: opt, base: -1}
}

const groupedKey = "grouped_through"

func groupedThrough(ctx context.Context, q querier) (int64, bool, error) {
	var v int64
	err := q.QueryRowContext(ctx, `SELECT value FROM story_state WHERE key = ?`, groupedKey).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return v, err == nil, err
}

// open replays the features of the articles the story tables reflect.
func (g *Grouper) open(ctx context.Context) error {
	if g.opened {
		return nil
	}
	g.recs = &recordStore{db: g.db.db}
	g.c = stories.New(g.opt)
	g.c.UseRecords(g.recs)
	g.c.TrackChanges()
	g.index = map[string]int{}
	through, ok, err := groupedThrough(ctx, g.db.db)
	if err != nil {
		return err
	}
	if ok {
		loaded, unusable := false, false
		if !g.replay {
			if loaded, unusable, err = g.loadSnapshot(ctx, through); err != nil {
				return err
			}
		}
		g.partial = loaded
		if !loaded {
			if err := g.addRange(ctx, g.db.db, 0, through); err != nil {
				return err
			}
		}
		g.last = max(g.last, through)
		if unusable || !loaded {
			// the tables may have been grouped with other options (a
			// rebuild with another threshold), or by another version:
			// rewrite them all
			g.base = -1
		} else {
			g.c.Consolidate()
			g.base, g.prev = through, g.seenNow()
		}
	}
	g.opened = true
	return nil
}

// loadSnapshot continues from the stored snapshot when it reflects the
// articles grouped through `through` and was taken with the grouper's
// options; it reports false (nothing loaded) otherwise, and unusable when
// the snapshot reflects those articles but cannot be continued from (of
// another version or options, or corrupt).
func (g *Grouper) loadSnapshot(ctx context.Context, through int64) (loaded, unusable bool, err error) {
	var at int64
	var parts int
	var state, arts []byte
	err = g.db.db.QueryRowContext(ctx, `SELECT through, state, arts, parts FROM story_snapshot WHERE id = 1`).Scan(&at, &state, &arts, &parts)
	if err == sql.ErrNoRows {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	if at != through {
		return false, false, nil
	}
	var c *stories.Clusterer
	if parts > 0 {
		// decoded part by part as they are read: the state is never in
		// memory twice (at 50k articles the snapshot is about 150 MB)
		var size int64
		if err := g.db.db.QueryRowContext(ctx, `SELECT coalesce(sum(length(data)), 0) FROM story_snapshot_parts WHERE part <= ?`, parts).Scan(&size); err != nil {
			return false, false, err
		}
		rows, err := g.db.db.QueryContext(ctx, `SELECT part, data FROM story_snapshot_parts WHERE part <= ? ORDER BY part`, parts)
		if err != nil {
			return false, false, err
		}
		k, first := 0, true
		var rerr error
		next := func() []byte {
			if first && len(state) > 0 {
				first = false
				return state
			}
			first = false
			if !rows.Next() {
				rerr = rows.Err()
				return nil
			}
			var part int
			var data sql.RawBytes // valid until the next part: the decoder copies it first
			if rerr = rows.Scan(&part, &data); rerr != nil {
				return nil
			}
			if k++; part != k {
				return nil // a part missing: the stream ends short
			}
			return data
		}
		c, err = stories.LoadSnapshotRecords(len(state)+int(size), next, g.opt, g.recs)
		rows.Close()
		if rerr != nil {
			return false, false, rerr
		}
		if err != nil || k != parts {
			return false, true, nil // replay instead
		}
	} else {
		whole := state
		next := func() []byte {
			b := whole
			whole = nil
			return b
		}
		if c, err = stories.LoadSnapshotRecords(len(state), next, g.opt, g.recs); err != nil {
			return false, true, nil // replay instead
		}
	}
	as, ok := decodeArts(arts)
	if !ok || len(as) != len(c.Articles()) {
		return false, true, nil
	}
	c.TrackChanges()
	g.c, g.arts = c, as
	for i, a := range c.Articles() {
		g.index[a.ID] = i
	}
	if len(as) > 0 {
		g.last = as[len(as)-1].aid
	}
	return true, false, nil
}

// writeSnapshot writes the clusterer's snapshot in parts of snapshotPart
// bytes (story_snapshot.state empty, the parts in story_snapshot_parts).
func (g *Grouper) writeSnapshot(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_snapshot_parts`); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO story_snapshot_parts(part, data) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	parts := 0
	put := func(b []byte) []byte {
		if err == nil && len(b) > 0 {
			parts++
			_, err = ins.ExecContext(ctx, parts, b)
		}
		return b[:0]
	}
	put(g.c.WriteSnapshot(make([]byte, 0, snapshotPart+snapshotPart/4), snapshotPart, put))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO story_snapshot(id, through, state, arts, parts) VALUES (1, ?, ?, ?, ?)`,
		g.last, []byte{}, g.appendArts(nil), parts)
	return err
}

// appendArts encodes the database ids of the grouped articles: article id,
// first entity and quote ids, or the explicit lists of articles stored
// without features.
func (g *Grouper) appendArts(buf []byte) []byte {
	buf = binenc.AppendUint(buf, uint64(len(g.arts)))
	prev := int64(0)
	for _, a := range g.arts {
		buf = binenc.AppendInt(buf, a.aid-prev)
		prev = a.aid
		if a.ents == nil {
			buf = append(buf, 0)
			buf = binenc.AppendInt(buf, a.e0)
			buf = binenc.AppendInt(buf, a.q0)
			continue
		}
		buf = append(buf, 1)
		for _, ids := range [][]int64{a.ents, a.quotes} {
			buf = binenc.AppendUint(buf, uint64(len(ids)))
			for _, id := range ids {
				buf = binenc.AppendInt(buf, id)
			}
		}
	}
	return buf
}

func decodeArts(data []byte) ([]added, bool) {
	d := binenc.NewDecoder(data)
	as := make([]added, 0, d.Count())
	prev := int64(0)
	for i := 0; i < cap(as) && !d.Bad; i++ {
		a := added{aid: prev + d.Int()}
		prev = a.aid
		if d.Byte() == 0 {
			a.e0, a.q0 = d.Int(), d.Int()
		} else {
			a.ents, a.quotes = make([]int64, d.Count()), []int64{}
			for k := range a.ents {
				a.ents[k] = d.Int()
			}
			for range d.Count() {
				a.quotes = append(a.quotes, d.Int())
			}
		}
		as = append(as, a)
	}
	return as, d.Done()
}

// replayChunk is how many article ids addRange reads at a time.
var replayChunk int64 = 4096

// addRange adds the stored articles with after < id <= upto (upto 0: no
// bound), a few thousand at a time so that their decoded features are never
// all in memory at once.
func (g *Grouper) addRange(ctx context.Context, q querier, after, upto int64) error {
	for {
		end := after + replayChunk
		if upto > 0 && end > upto {
			end = upto
		}
		as, err := loadAdded(ctx, q, after, end)
		if err != nil {
			return err
		}
		g.add(as)
		if upto > 0 && end >= upto {
			return nil
		}
		if len(as) == 0 {
			var more bool
			if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id > ?)`, end).Scan(&more); err != nil || !more {
				return err
			}
		}
		after = end
	}
}

func (g *Grouper) add(as []added) {
	for _, a := range as {
		r := g.c.AddFeatures(a.f, a.ext)
		g.log.take(g.c.Resolver)
		g.index[r.ID] = len(g.arts)
		a.f = nil // the clusterer keeps what it needs
		g.arts = append(g.arts, a)
		g.last = a.aid
		if len(g.arts)%releaseEvery == 0 {
			g.c.ReleaseClosed()
		}
	}
}

// releaseEvery is how many added articles the grouper lets pass between
// releases of the closed stories' statement-linking state
// (stories.Clusterer.ReleaseClosed: a pass over the stories, and over the
// quotes when one is released).
const releaseEvery = 1024

// Put stores documents (as DB.Put) and adds the stored ones to the stories.
func (g *Grouper) Put(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
	if err := g.open(ctx); err != nil {
		return nil, err
	}
	outs, err := g.db.put(ctx, docs, g)
	if err == nil && len(g.arts)-g.c.Kept() >= keepEvery {
		err = g.keep(ctx)
	}
	return outs, err
}

// keepEvery is how many added articles may hold their grouping records and
// quotes in memory between commits: past it, Put writes them to the
// library (keep). A commit every 16,384 articles held them all until then
// (about 4 KB per article: 70 MB of a 25k ingest's 290 MB live heap).
var keepEvery = 4096

// keep writes the grouping records and the quotes of the articles added
// since the last commit or keep (story_records, story_quotes) in a
// transaction of their own, and lets the clusterer drop them from memory
// (stories.Clusterer.RecordsKept). Nothing else is written: the stories,
// persons, statements, decisions and snapshot wait for the commit, whose
// rows are the same. An article's record and quotes never change once it
// is added, so a keep the commit does not follow (a failed ingest) leaves
// rows the next commit replaces (writeRecords deletes from Kept on).
func (g *Grouper) keep(ctx context.Context) error {
	s := g.db
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, end, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer end()
	defer tx.Rollback()
	if err := g.writeRecords(ctx, tx); err != nil {
		return fmt.Errorf("grouping records: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	g.c.RecordsKept()
	return nil
}

// Commit adds any article stored meanwhile by other writers, then writes
// the stories, persons and statements that changed since the grouper was
// opened or last committed, in one transaction. It returns the number of
// stories.
func (g *Grouper) Commit(ctx context.Context) (int, error) {
	return g.commit(ctx, false)
}

func (g *Grouper) commit(ctx context.Context, full bool) (int, error) {
	if !g.opened && !full {
		// nothing added: only articles stored without grouping need work
		through, ok, err := groupedThrough(ctx, g.db.db)
		if err != nil {
			return 0, err
		}
		var top int64
		var n int
		if err := g.db.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0), (SELECT count(*) FROM stories) FROM articles`).Scan(&top, &n); err != nil {
			return 0, err
		}
		if ok && top <= through {
			return n, nil
		}
	}
	if err := g.open(ctx); err != nil {
		return 0, err
	}
	if n := len(g.arts); g.prev == nil || n-len(g.prev.StoryOf) >= 1024 {
		// the rows, the statements' arguments and the snapshot a commit of
		// many articles builds come on top of the garbage the stored
		// batches left: collected first, the heap grows from what is live
		// (10k-record ingest peak RSS 578 -> 537 MB; one collection is
		// worth it only for a large commit)
		runtime.GC()
	}
	s := g.db
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, end, err := s.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer end()
	defer tx.Rollback()
	if err := g.addRange(ctx, tx, g.last, 0); err != nil {
		return 0, err
	}
	through, ok, err := groupedThrough(ctx, tx)
	if err != nil {
		return 0, err
	}
	prev := g.prev
	all := full || !ok || through != g.base || prev == nil
	if all {
		// the tables are not what this grouper last saw: rewrite them
		if g.partial {
			// from every article, with every decision
			g.c, g.arts, g.index, g.last, g.partial = stories.New(g.opt), nil, map[string]int{}, 0, false
			g.c.UseRecords(g.recs)
			g.c.TrackChanges()
			g.log = decisionLog{}
			if err := g.addRange(ctx, tx, 0, 0); err != nil {
				return 0, err
			}
		}
		for _, t := range []string{"statements", "article_copies", "person_entities", "person_decision_parts", "persons", "story_articles", "stories", "topics"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return 0, fmt.Errorf("clear %s: %w", t, err)
			}
		}
		prev = &seenRows{}
	}
	g.c.Consolidate()
	if err := g.c.RecordsErr(); err != nil {
		return 0, err
	}
	// the clusterer's record of changes is taken: should this commit
	// fail, the next one rewrites every row
	g.prev = nil
	cur := storekit.ChangedRows(g.c, groupIDs{g}, all)
	g.built = len(cur.Stories) + len(cur.Statements)
	next, err := g.write(ctx, tx, prev, cur, all)
	if err != nil {
		return 0, err
	}
	if err := g.writeSpeakers(ctx, tx, max(g.base, 0), g.last, len(prev.StoryOf) == 0); err != nil {
		return 0, fmt.Errorf("speakers: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, groupedKey, g.last); err != nil {
		return 0, err
	}
	if err := g.writeRecords(ctx, tx); err != nil {
		return 0, fmt.Errorf("grouping records: %w", err)
	}
	// about 0.6 KB per article, in parts (the records apart)
	if err := g.writeSnapshot(ctx, tx); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	// the decisions and the records are written: the grouper need not keep them
	g.log, g.partial = decisionLog{}, true
	g.c.RecordsKept()
	g.c.ReleaseClosed()
	g.prev, g.base = next, g.last
	s.cmu.Lock()
	s.cacheGen, s.cache = -1, nil // the speakers' counts changed
	s.cmu.Unlock()
	return g.c.Live(), nil
}

// RebuildStories recomputes stories, persons and statements over every
// stored article (from their stored features; articles stored before
// features were kept are read from their text) and replaces the previous
// result in one transaction. It returns the number of stories.
func (s *DB) RebuildStories(ctx context.Context, opt stories.Options) (int, error) {
	g := s.Grouper(opt)
	g.replay = true
	return g.commit(ctx, true)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// loadAdded reads the features of the articles with after < id <= upto
// (upto 0: no bound), in storage order. Articles stored without features
// (by an older version) are read from their text.
func loadAdded(ctx context.Context, q querier, after, upto int64) ([]added, error) {
	if upto <= 0 {
		upto = 1<<63 - 1
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.ext_id, f.first_entity, f.first_quote, f.data
		FROM articles a LEFT JOIN story_features f ON f.article_id = a.id WHERE a.id > ? AND a.id <= ? ORDER BY a.id`, after, upto)
	if err != nil {
		return nil, err
	}
	var out []added
	missing := 0
	for rows.Next() {
		var a added
		var e0, q0 sql.NullInt64
		var data sql.RawBytes
		if err := rows.Scan(&a.aid, &a.ext, &e0, &q0, &data); err != nil {
			rows.Close()
			return nil, err
		}
		if data != nil {
			a.e0, a.q0 = e0.Int64, q0.Int64
			if a.f, err = stories.DecodeFeatures(data); err != nil {
				rows.Close()
				return nil, fmt.Errorf("article %s: %w", a.ext, err)
			}
		}
		if a.f == nil {
			missing++
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if missing > 0 {
		docs, err := loadForStories(ctx, q, after, upto)
		if err != nil {
			return nil, err
		}
		byAid := make(map[int64]*storedDoc, len(docs))
		for _, sd := range docs {
			byAid[sd.aid] = sd
		}
		for i := range out {
			if a := &out[i]; a.f == nil {
				sd := byAid[a.aid]
				if sd == nil {
					return nil, fmt.Errorf("article %s vanished", a.ext)
				}
				a.f, a.ents, a.quotes = stories.FeaturesOf(sd.doc), sd.entities, sd.quotes
				if a.ents == nil {
					a.ents = []int64{}
				}
				if a.quotes == nil {
					a.quotes = []int64{}
				}
			}
		}
	}
	return out, nil
}

// Ingester stores documents and adds them to the library's stories at once
// (Grouper.Put, then Commit), one batch at a time: what a server does with
// articles posted to it, so that they join stories as ingest's do.
type Ingester struct {
	mu sync.Mutex
	g  *Grouper
}

// Ingester returns an ingester of the library; the articles stored
// without grouping meanwhile are grouped first.
func (s *DB) Ingester(ctx context.Context, opt stories.Options) (*Ingester, error) {
	in := &Ingester{g: s.Grouper(opt)}
	if _, err := in.g.Commit(ctx); err != nil {
		return nil, err
	}
	return in, nil
}

// Put stores documents as DB.Put does and groups the stored ones into the
// library's stories before it returns.
func (in *Ingester) Put(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	outs, err := in.g.Put(ctx, docs)
	if err != nil {
		return nil, err
	}
	if _, err := in.g.Commit(ctx); err != nil {
		return nil, err
	}
	return outs, nil
}
