package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/verbatim-news/verbatim/internal/binenc"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/stories"
)

// lockGroup is the advisory lock key of grouping: a grouping step holds it
// for its transaction, and the worker that leads grouping holds it for its
// session.
const (
	lockGroup  = 0x76657262_00000002
	lockLeader = 0x76657262_00000003
)

// Grouper keeps the library's stories, persons and statements up to date.
// Articles join the stories in their input order (story_features.ord: the queue's
// sequence number, or the order stored), as a single process reading the
// input in order would group them, so several workers storing articles
// concurrently end with the stories of one process. Each Step runs under a
// transaction-scoped advisory lock, so steps of any number of processes
// apply one after another; the grouping state stays in this process between
// steps (a step that finds another process grouped meanwhile reloads it:
// the last snapshot, then the articles grouped since, by their group_pos).
type Grouper struct {
	db    *DB
	opt   stories.Options
	c     *stories.Clusterer
	arts  []art // in clusterer order
	index map[string]int
	pos   int64 // the group_pos the state reflects; -1: not loaded
	prev  *storekit.Rows
	snap  time.Time // when the last snapshot was written
	// SnapshotEvery is how often a step also writes a snapshot (a new
	// grouper continues from it); 0: every step.
	SnapshotEvery time.Duration
}

type art struct {
	aid          int64
	ext          string
	ents, quotes []int64
}

// Grouper returns a grouper of the library's stories.
func (s *DB) Grouper(opt stories.Options) *Grouper {
	return &Grouper{db: s, opt: opt, pos: -1, SnapshotEvery: 30 * time.Second}
}

// ids gives storekit the database ids of the grouped articles.
type ids struct{ g *Grouper }

func (x ids) Entity(i, k int) int64 { return x.g.arts[i].ents[k] }
func (x ids) Quote(i, k int) int64  { return x.g.arts[i].quotes[k] }
func (x ids) Index(id string) (int, bool) {
	i, ok := x.g.index[id]
	return i, ok
}

// stepChunk is how many articles one step groups at most.
var stepChunk = 5000

// Step groups the stored articles not grouped yet whose ord is at most
// bound (bound < 0: all), in ord order, at most a few thousand, and writes
// the rows that changed, in one transaction. It returns how many articles
// it grouped and whether more wait.
func (g *Grouper) Step(ctx context.Context, bound int64) (n int, more bool, err error) {
	tx, err := g.db.pool.Begin(ctx)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback(context.Background())
	defer func() {
		if err != nil {
			g.pos = -1 // the state may be ahead of the tables: reload
		}
	}()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockGroup)); err != nil {
		return 0, false, err
	}
	var top int64
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(group_pos), 0) FROM story_features WHERE group_pos IS NOT NULL`).Scan(&top); err != nil {
		return 0, false, err
	}
	if top != g.pos {
		if err := g.load(ctx, tx, top); err != nil {
			return 0, false, err
		}
	}
	if bound < 0 {
		bound = 1<<63 - 1
	}
	rows, err := tx.Query(ctx, `SELECT a.id, a.ext_id, f.entity_ids, f.quote_ids, f.data FROM story_features f
		JOIN articles a ON a.id = f.article_id WHERE f.group_pos IS NULL AND f.ord <= $1 ORDER BY f.ord, f.article_id LIMIT $2`, bound, stepChunk+1)
	if err != nil {
		return 0, false, err
	}
	var grouped []int64
	var a art
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&a.aid, &a.ext, &a.ents, &a.quotes, &data}, func() error {
		if len(grouped) == stepChunk {
			more = true
			return nil
		}
		f, err := stories.DecodeFeatures(data)
		if err != nil {
			return fmt.Errorf("article %s: %w", a.ext, err)
		}
		g.add(a, f)
		grouped = append(grouped, a.aid)
		return nil
	})
	if err != nil || len(grouped) == 0 {
		return 0, false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE story_features f SET group_pos = $2 + x.n FROM unnest($1::bigint[]) WITH ORDINALITY AS x(id, n)
		WHERE f.article_id = x.id`, grouped, top); err != nil {
		return 0, false, err
	}
	g.c.Consolidate()
	cur := storekit.RowsOf(g.c, ids{g})
	if err := g.write(ctx, tx, g.prev, cur); err != nil {
		return 0, false, err
	}
	if err := g.writeSpeakers(ctx, tx, grouped); err != nil {
		return 0, false, fmt.Errorf("speakers: %w", err)
	}
	g.pos = top + int64(len(grouped))
	if time.Since(g.snap) >= g.SnapshotEvery {
		if err := g.writeSnapshot(ctx, tx); err != nil {
			return 0, false, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, false, err
	}
	g.prev = cur
	return len(grouped), more, nil
}

// GroupAll groups every stored article not grouped yet and writes a
// snapshot. It returns the number of stories.
func (g *Grouper) GroupAll(ctx context.Context) (int, error) {
	for {
		_, more, err := g.Step(ctx, -1)
		if err != nil {
			return 0, err
		}
		if !more {
			break
		}
	}
	if err := g.Snapshot(ctx); err != nil {
		return 0, err
	}
	var n int
	err := g.db.pool.QueryRow(ctx, `SELECT count(*) FROM stories`).Scan(&n)
	return n, err
}

// Snapshot writes a snapshot of the grouping state, unless another process
// grouped since this grouper last did.
func (g *Grouper) Snapshot(ctx context.Context) error {
	if g.pos < 0 {
		return nil
	}
	return pgx.BeginFunc(ctx, g.db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockGroup)); err != nil {
			return err
		}
		var top int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(group_pos), 0) FROM story_features WHERE group_pos IS NOT NULL`).Scan(&top); err != nil || top != g.pos {
			return err
		}
		return g.writeSnapshot(ctx, tx)
	})
}

func (g *Grouper) add(a art, f *stories.Features) {
	r := g.c.AddFeatures(f, a.ext)
	// the audit trail of merge decisions is the SQLite library's; here
	// they are dropped as taken, so that they never pile up
	clear(g.c.Resolver.Decisions)
	g.c.Resolver.Decisions = g.c.Resolver.Decisions[:0]
	g.index[r.ID] = len(g.arts)
	g.arts = append(g.arts, a)
}

// load rebuilds the state of the articles grouped through top: the
// snapshot when it is usable, then the articles grouped after it.
func (g *Grouper) load(ctx context.Context, tx pgx.Tx, top int64) error {
	g.c, g.arts, g.index = stories.New(g.opt), nil, map[string]int{}
	from := int64(0)
	var through int64
	var state, arts []byte
	err := tx.QueryRow(ctx, `SELECT through, state, arts FROM story_snapshot WHERE id = 1`).Scan(&through, &state, &arts)
	if err == nil && through <= top {
		if c, err := stories.LoadSnapshot(state, g.opt); err == nil {
			if as, ok := decodeArts(arts); ok && len(as) == len(c.Articles()) && int64(len(as)) == through {
				g.c, g.arts = c, as
				for i, a := range c.Articles() {
					g.index[a.ID] = i
				}
				from = through
			}
		}
	} else if err != nil && err != pgx.ErrNoRows {
		return err
	}
	if from < top {
		rows, err := tx.Query(ctx, `SELECT a.id, a.ext_id, f.entity_ids, f.quote_ids, f.data FROM story_features f
			JOIN articles a ON a.id = f.article_id WHERE f.group_pos > $1 AND f.group_pos <= $2 ORDER BY f.group_pos`, from, top)
		if err != nil {
			return err
		}
		var a art
		var data []byte
		_, err = pgx.ForEachRow(rows, []any{&a.aid, &a.ext, &a.ents, &a.quotes, &data}, func() error {
			f, err := stories.DecodeFeatures(data)
			if err != nil {
				return fmt.Errorf("article %s: %w", a.ext, err)
			}
			g.add(a, f)
			return nil
		})
		if err != nil {
			return err
		}
	}
	if int64(len(g.arts)) != top {
		return fmt.Errorf("grouping state: %d articles grouped, %d found", top, len(g.arts))
	}
	g.pos, g.snap = top, time.Now()
	// the tables hold what this state gives (every step wrote it: its
	// consolidation gives the stories of any split into steps)
	g.c.Consolidate()
	g.prev = storekit.RowsOf(g.c, ids{g})
	return nil
}

func (g *Grouper) writeSnapshot(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `INSERT INTO story_snapshot(id, through, state, arts) VALUES (1, $1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET through = excluded.through, state = excluded.state, arts = excluded.arts`,
		g.pos, g.c.AppendSnapshot(nil), appendArts(nil, g.arts))
	if err == nil {
		g.snap = time.Now()
	}
	return err
}

func appendArts(buf []byte, arts []art) []byte {
	buf = binenc.AppendUint(buf, uint64(len(arts)))
	for _, a := range arts {
		buf = binenc.AppendInt(buf, a.aid)
		buf = binenc.AppendStr(buf, a.ext)
		for _, ids := range [][]int64{a.ents, a.quotes} {
			buf = binenc.AppendUint(buf, uint64(len(ids)))
			for _, id := range ids {
				buf = binenc.AppendInt(buf, id)
			}
		}
	}
	return buf
}

func decodeArts(data []byte) ([]art, bool) {
	d := binenc.NewDecoder(data)
	as := make([]art, 0, d.Count())
	for i := 0; i < cap(as) && !d.Bad; i++ {
		a := art{aid: d.Int(), ext: d.Str()}
		a.ents = make([]int64, d.Count())
		for k := range a.ents {
			a.ents[k] = d.Int()
		}
		a.quotes = make([]int64, d.Count())
		for k := range a.quotes {
			a.quotes[k] = d.Int()
		}
		as = append(as, a)
	}
	return as, d.Done()
}

// write turns the story tables from prev into cur: new rows by COPY,
// changed rows by upsert, rows gone deleted.
func (g *Grouper) write(ctx context.Context, tx pgx.Tx, prev, cur *storekit.Rows) error {
	var b pgx.Batch
	storiesNew := &copyIn{table: "stories", cols: []string{"id", "title", "topic", "first", "last", "size", "outlets", "people", "seq"}}
	var sc struct {
		id, title, topic, first, last, people []string
		size, outlets                         []int32
		seq                                   []int64
	}
	for id, s := range cur.Stories {
		old, ok := prev.Stories[id]
		switch {
		case !ok:
			storiesNew.add(id, s.Title, s.Topic, s.First, s.Last, int32(s.Size), int32(s.Outlets), s.People, int64(s.Seq))
		case old != s:
			sc.id, sc.title, sc.topic, sc.first, sc.last = append(sc.id, id), append(sc.title, s.Title), append(sc.topic, s.Topic), append(sc.first, s.First), append(sc.last, s.Last)
			sc.size, sc.outlets, sc.people, sc.seq = append(sc.size, int32(s.Size)), append(sc.outlets, int32(s.Outlets)), append(sc.people, s.People), append(sc.seq, int64(s.Seq))
		}
	}
	b.Queue(`UPDATE stories s SET title = x.title, topic = x.topic, first = x.first, last = x.last, size = x.size,
		outlets = x.outlets, people = x.people, seq = x.seq
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::bigint[])
		AS x(id, title, topic, first, last, size, outlets, people, seq) WHERE s.id = x.id`,
		sc.id, sc.title, sc.topic, sc.first, sc.last, sc.size, sc.outlets, sc.people, sc.seq)
	// topics change as a whole: upserted, the gone ones deleted
	var tc struct {
		id, label, last   []string
		stories, articles []int32
	}
	for id, t := range cur.Topics {
		if old, ok := prev.Topics[id]; !ok || old != t {
			tc.id, tc.label, tc.last = append(tc.id, id), append(tc.label, t.Label), append(tc.last, t.Last)
			tc.stories, tc.articles = append(tc.stories, int32(t.Stories)), append(tc.articles, int32(t.Articles))
		}
	}
	b.Queue(`INSERT INTO topics(id, label, stories, articles, last)
		SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[])
		ON CONFLICT (id) DO UPDATE SET label = excluded.label, stories = excluded.stories, articles = excluded.articles, last = excluded.last`,
		tc.id, tc.label, tc.stories, tc.articles, tc.last)
	var goneT []string
	for id := range prev.Topics {
		if _, ok := cur.Topics[id]; !ok {
			goneT = append(goneT, id)
		}
	}
	b.Queue(`DELETE FROM topics WHERE id = ANY($1)`, goneT)
	var moved []int64
	storyArts := &copyIn{table: "story_articles", cols: []string{"story_id", "article_id"}}
	personEnts := &copyIn{table: "person_entities", cols: []string{"entity_id", "person_id"}}
	artCopies := &copyIn{table: "article_copies", cols: []string{"article_id", "copy_of", "similarity"}}
	arts := g.c.Articles()
	for i, st := range cur.StoryOf {
		if i < len(prev.StoryOf) {
			if prev.StoryOf[i] == st {
				continue
			}
			moved = append(moved, g.arts[i].aid) // a story merge: it leaves its old story
		}
		storyArts.add(st, g.arts[i].aid)
		if i < len(prev.StoryOf) {
			continue
		}
		a := arts[i] // a new article: its identities and copy never change later
		for k, pid := range a.Entities {
			if pid != "" {
				personEnts.add(g.arts[i].ents[k], pid)
			}
		}
		if a.CopyOf != "" {
			if o, ok := g.index[a.CopyOf]; ok {
				artCopies.add(g.arts[i].aid, g.arts[o].aid, a.Similarity)
			}
		}
	}
	b.Queue(`DELETE FROM story_articles WHERE article_id = ANY($1)`, moved)
	personsNew := &copyIn{table: "persons", cols: []string{"id", "name", "type", "articles"}}
	var pid, pname, ptype []string
	var parts []int32
	for id, p := range cur.Persons {
		old, ok := prev.Persons[id]
		switch {
		case !ok:
			personsNew.add(id, p.Name, p.Type, int32(p.Articles))
		case old != p:
			pid, pname, ptype, parts = append(pid, id), append(pname, p.Name), append(ptype, p.Type), append(parts, int32(p.Articles))
		}
	}
	b.Queue(`UPDATE persons p SET name = x.name, type = x.type, articles = x.articles
		FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS x(id, name, type, articles) WHERE p.id = x.id`, pid, pname, ptype, parts)
	// a person's name forms may already be aliases of an entity (Put
	// writes a speaker's own): ON CONFLICT, so no COPY
	var alias []string
	var aliasEnt []int64
	storekit.NewAliases(prev, cur, func(f string, eid int64) { alias, aliasEnt = append(alias, f), append(aliasEnt, eid) })
	b.Queue(`INSERT INTO aliases(alias, entity_id) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`, alias, aliasEnt)
	stmtsNew := &copyIn{table: "statements", cols: []string{"id", "story_id", "person_id", "speaker", "text", "said_on", "outlets", "reports", "quotes"}}
	var st struct {
		id, story, speaker, text, saidOn, outlets, quotes []string
		person                                            []*string
		reports                                           []int32
	}
	for id, s := range cur.Statements {
		old, ok := prev.Statements[id]
		if ok && old == s {
			continue
		}
		var person *string
		if s.Person != "" {
			person = &s.Person
		}
		if !ok {
			stmtsNew.add(id, s.Story, person, s.Speaker, s.Text, s.SaidOn, s.Outlets, int32(s.Reports), s.Quotes)
			continue
		}
		st.id, st.story, st.person, st.speaker = append(st.id, id), append(st.story, s.Story), append(st.person, person), append(st.speaker, s.Speaker)
		st.text, st.saidOn, st.outlets = append(st.text, s.Text), append(st.saidOn, s.SaidOn), append(st.outlets, s.Outlets)
		st.reports, st.quotes = append(st.reports, int32(s.Reports)), append(st.quotes, s.Quotes)
	}
	b.Queue(`UPDATE statements s SET story_id = x.story_id, person_id = x.person_id, speaker = x.speaker, text = x.text,
		said_on = x.said_on, outlets = x.outlets, reports = x.reports, quotes = x.quotes
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[])
		AS x(id, story_id, person_id, speaker, text, said_on, outlets, reports, quotes) WHERE s.id = x.id`,
		st.id, st.story, st.person, st.speaker, st.text, st.saidOn, st.outlets, st.reports, st.quotes)
	// rows gone: statements joined into an earlier one, stories merged
	var goneS, goneSt []string
	for id := range prev.Statements {
		if _, ok := cur.Statements[id]; !ok {
			goneS = append(goneS, id)
		}
	}
	for id := range prev.Stories {
		if _, ok := cur.Stories[id]; !ok {
			goneSt = append(goneSt, id)
		}
	}
	b.Queue(`DELETE FROM statements WHERE id = ANY($1)`, goneS)
	b.Queue(`DELETE FROM stories WHERE id = ANY($1)`, goneSt)
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return err
	}
	for _, c := range []*copyIn{storiesNew, storyArts, personEnts, artCopies, personsNew, stmtsNew} {
		if err := c.flush(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// copyIn collects new rows of a table for COPY.
type copyIn struct {
	table string
	cols  []string
	rows  [][]any
}

func (c *copyIn) add(v ...any) { c.rows = append(c.rows, v) }

func (c *copyIn) flush(ctx context.Context, tx pgx.Tx) error {
	if len(c.rows) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
		return fmt.Errorf("%s: %w", c.table, err)
	}
	return nil
}

// TryLead makes this process the one that groups (a worker calls it):
// it holds a session advisory lock on its own connection until release is
// called or the process ends. ok is false while another process leads.
func (s *DB) TryLead(ctx context.Context) (release func(), ok bool, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, err
	}
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(lockLeader)).Scan(&ok); err != nil || !ok {
		conn.Release()
		return nil, false, err
	}
	return func() {
		conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(lockLeader))
		conn.Release()
	}, true, nil
}

// Ungrouped counts the stored articles not grouped yet.
func (s *DB) Ungrouped(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM story_features WHERE group_pos IS NULL`).Scan(&n)
	return n, err
}
