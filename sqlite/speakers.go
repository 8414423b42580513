package sqlite

// Speakers as readers meet them: one row per speaker identity everywhere
// (see internal/storekit/speakers.go).
//
// When the grouper commits, it writes each newly grouped quote's identity
// (quotes.speaker_id), adds the new quotes to their identity's counts (the
// speakers table: the list reads its index instead of counting quotes) and
// records the identity's name forms (speaker_names). Quotes of articles
// stored after the last grouping (ingest --no-stories) have no speaker_id
// yet: they are counted live, by name, until they are grouped.

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

func init() {
	Register(Migration{107, "stories: one row per speaker identity (quotes.speaker_id, speaker counts, speaker name forms); existing libraries are regrouped", schemaSpeakers})
}

const schemaSpeakers = `
ALTER TABLE quotes ADD COLUMN speaker_id TEXT; -- the speaker identity, once grouped
CREATE INDEX quotes_speaker_id ON quotes(speaker_id, kind, day) WHERE speaker_id IS NOT NULL;
CREATE TABLE speakers (
	id         TEXT PRIMARY KEY,          -- person:tony-blair, organization:reuters, name:tories
	name       TEXT NOT NULL,             -- for name: identities (persons: persons.name)
	type       TEXT NOT NULL,
	statements INTEGER NOT NULL DEFAULT 0,
	articles   INTEGER NOT NULL DEFAULT 0, -- with a statement of it
	first      TEXT NOT NULL DEFAULT '',
	last       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX speakers_rank ON speakers(statements DESC, name);
CREATE INDEX speakers_type_rank ON speakers(type, statements DESC, name);
-- the folded name forms of each identity (as written, without titles, surname)
CREATE TABLE speaker_names (
	name       TEXT NOT NULL,
	speaker_id TEXT NOT NULL,
	PRIMARY KEY (name, speaker_id)
) WITHOUT ROWID;
DELETE FROM story_state WHERE key = 'grouped_through';
`

// writeSpeakers gives the quotes of the articles with lo < id <= hi (just
// grouped) their speaker identity, adds them to the identities' counts and
// records the identities' name forms. rewrite: the counts start afresh.
//
// The quotes are read once and counted here: two GROUP BY queries over
// them (one for the name forms, one for the counts), each sorting them by
// identity, cost more than the read.
func (g *Grouper) writeSpeakers(ctx context.Context, tx *sql.Tx, lo, hi int64, rewrite bool) error {
	if rewrite {
		for _, t := range []string{"speakers", "speaker_names"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		lo = 0
	}
	if _, err := tx.ExecContext(ctx, `UPDATE quotes SET speaker_id = coalesce(
		(SELECT person_id FROM person_entities WHERE entity_id = quotes.speaker_entity), 'name:' || speaker_fold)
		WHERE article_id > ?1 AND article_id <= ?2 AND speaker_fold IS NOT NULL`, lo, hi); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT speaker_id, speaker, speaker_type, kind, article_id, day FROM quotes
		WHERE article_id > ?1 AND article_id <= ?2 AND speaker_id IS NOT NULL`, lo, hi)
	if err != nil {
		return err
	}
	tally := speakerTally{}
	for rows.Next() {
		var r speakerRow
		if err := rows.Scan(&r.id, &r.name, &r.typ, &r.kind, &r.article, &r.day); err != nil {
			rows.Close()
			return err
		}
		tally.add(r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := sortedKeys(tally)
	forms := newBulk(`INSERT OR IGNORE INTO speaker_names(name, speaker_id) VALUES `, 2)
	for _, id := range ids {
		add := func(f string) { forms.add(f, id) }
		if e := g.c.Resolver.Get(id); e != nil {
			storekit.SpeakerForms(e.Name, e.Type, add)
			for a := range e.Aliases {
				storekit.SpeakerForms(a, e.Type, add)
			}
		} else {
			storekit.SpeakerForms(tally[id].name.String, verbatim.EntityType(tally[id].typ), add)
		}
	}
	counts := newBulk(`INSERT INTO speakers(id, name, type, statements, articles, first, last) VALUES `, 7)
	counts.tail = ` ON CONFLICT(id) DO UPDATE SET statements = statements + excluded.statements, articles = articles + excluded.articles,
		first = CASE WHEN first = '' OR (excluded.first <> '' AND excluded.first < first) THEN excluded.first ELSE first END,
		last = max(last, excluded.last)`
	for _, id := range ids {
		c := tally[id]
		counts.add(id, c.name, c.identityType(id), c.statements, c.articles(), c.first, c.last)
	}
	return flushAll(ctx, tx, forms, counts)
}

// speakerRow is a quote as writeSpeakers counts it.
type speakerRow struct {
	id, typ, kind, day string
	name               sql.NullString
	article            int64
}

// speakerTally is what the speakers table gains from a set of quotes, by
// identity: what SQL's max(speaker), max(speaker_type), sum(kind =
// 'statement'), count(DISTINCT article_id) of the statements and min/max of
// their nonempty days give.
type speakerTally map[string]*speakerCount

type speakerCount struct {
	name        sql.NullString // the greatest name (bytewise, as SQLite compares text)
	typ         string         // the greatest type
	statements  int64
	arts        []int64 // the articles of the statements
	first, last string  // nonempty days of statements ("" if none)
}

func (t speakerTally) add(r speakerRow) {
	c := t[r.id]
	if c == nil {
		c = &speakerCount{}
		t[r.id] = c
	}
	if r.name.Valid && (!c.name.Valid || r.name.String > c.name.String) {
		c.name = r.name
	}
	c.typ = max(c.typ, r.typ)
	if r.kind != string(verbatim.Statement) {
		return
	}
	c.statements++
	if n := len(c.arts); n == 0 || c.arts[n-1] != r.article {
		c.arts = append(c.arts, r.article)
	}
	if r.day != "" {
		if c.first == "" || r.day < c.first {
			c.first = r.day
		}
		c.last = max(c.last, r.day)
	}
}

// articles counts the distinct articles of the statements.
func (c *speakerCount) articles() int64 {
	slices.Sort(c.arts)
	return int64(len(slices.Compact(c.arts)))
}

// identityType is the type of an identity's row: for a name (SQL: id LIKE
// 'name:%'), the greatest type it was quoted with; otherwise the id's
// prefix (person:tony-blair -> person).
func (c *speakerCount) identityType(id string) string {
	if len(id) >= 5 && strings.EqualFold(id[:5], "name:") {
		return c.typ
	}
	typ, _, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	return typ
}

// grouped returns the highest article id whose quotes have their speaker
// identity (0: none).
func (s *DB) grouped(ctx context.Context) (int64, error) {
	through, _, err := groupedThrough(ctx, s.db)
	return through, err
}

// speakerCond selects the quotes of one speaker identity (q is the quotes
// table): grouped quotes by identity, quotes of ungrouped articles by name.
func speakerCond(key string) (string, []any) {
	if f, ok := strings.CutPrefix(key, "name:"); ok {
		return `(q.speaker_id = ? OR (q.speaker_id IS NULL AND q.speaker_fold = ?))`, []any{key, f}
	}
	return `q.speaker_id = ?`, []any{key}
}

const summaryCols = `s.id, coalesce(p.name, s.name), s.type, s.statements, s.articles, s.first, s.last`

func scanSummaries(rows *sql.Rows) ([]verbatim.SpeakerSummary, error) {
	defer rows.Close()
	var out []verbatim.SpeakerSummary
	for rows.Next() {
		var sp verbatim.SpeakerSummary
		var typ string
		if err := rows.Scan(&sp.ID, &sp.Name, &typ, &sp.Quotes, &sp.Articles, &sp.First, &sp.Last); err != nil {
			return nil, err
		}
		sp.Type = verbatim.EntityType(typ)
		out = append(out, sp)
	}
	return out, rows.Err()
}

// liveSummaries counts, by name, the statements of articles stored after
// the last grouping (after: grouped through), keeping speakers that cond
// selects (on q).
//
// The quotes are read from the article index (the articles stored since,
// often none), not the name index: SQLite chose the name index to group
// without sorting and read every quote of the library (2.6 s of 2.7 for
// the speaker list at 25k articles), unless one name is asked for.
func (s *DB) liveSummaries(ctx context.Context, after int64, cond string, args ...any) ([]verbatim.SpeakerSummary, error) {
	from := `quotes q INDEXED BY quotes_article`
	if strings.Contains(cond, `q.speaker_fold = ?`) {
		from = `quotes q`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT 'name:' || q.speaker_fold, max(q.speaker), max(q.speaker_type), count(*),
		count(DISTINCT q.article_id), coalesce(min(nullif(q.day, '')), ''), coalesce(max(nullif(q.day, '')), '')
		FROM `+from+` WHERE q.article_id > ? AND q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL AND `+statementCond+cond+`
		GROUP BY q.speaker_fold`, append([]any{after}, args...)...)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// summaries returns the summaries of the given identities, grouped and live
// counts together, most quoted first (identities with no statement too).
func (s *DB) summaries(ctx context.Context, after int64, keys []string) ([]verbatim.SpeakerSummary, error) {
	out := make([]verbatim.SpeakerSummary, 0, len(keys))
	for _, k := range keys {
		rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE s.id = ?`, k)
		if err != nil {
			return nil, err
		}
		got, err := scanSummaries(rows)
		if err != nil {
			return nil, err
		}
		sum := verbatim.SpeakerSummary{ID: k}
		if len(got) > 0 {
			sum = got[0]
		}
		if f, ok := strings.CutPrefix(k, "name:"); ok {
			live, err := s.liveSummaries(ctx, after, ` AND q.speaker_fold = ?`, f)
			if err != nil {
				return nil, err
			}
			for _, l := range live {
				storekit.MergeSummary(&sum, l)
			}
		}
		if sum.Name == "" { // quotes of other kinds only
			cond, args := speakerCond(k)
			var typ string
			if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(speaker), ''), coalesce(max(speaker_type), '') FROM quotes q WHERE `+
				cond, args...).Scan(&sum.Name, &typ); err != nil {
				return nil, err
			}
			sum.Type = verbatim.EntityType(typ)
		}
		out = append(out, sum)
	}
	storekit.SortSummaries(out)
	return out, nil
}

// speakers lists speaker identities, most quoted first.
func (s *DB) speakers(ctx context.Context, q verbatim.SpeakerQuery) ([]verbatim.SpeakerSummary, error) {
	limit := storekit.SpeakerLimit(q.Limit)
	after, err := s.grouped(ctx)
	if err != nil {
		return nil, err
	}
	where, args := `s.statements > 0`, []any{}
	liveCond, liveArgs := "", []any{}
	if q.Type != "" {
		where += ` AND s.type = ?`
		args = append(args, string(q.Type))
		liveCond += ` AND q.speaker_type = ?`
		liveArgs = append(liveArgs, string(q.Type))
	}
	if f := storekit.Fold(q.Text); f != "" {
		where += ` AND s.id IN (SELECT speaker_id FROM speaker_names WHERE name >= ? AND name < ?)`
		args = append(args, f, f+"\U0010FFFF")
		liveCond += ` AND (q.speaker_fold LIKE ? ESCAPE '\' OR q.speaker_fold LIKE ? ESCAPE '\')`
		liveArgs = append(liveArgs, storekit.EscapeLike(f)+"%", "% "+storekit.EscapeLike(f)+"%")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE `+where+
		` ORDER BY s.statements DESC, s.name LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	out, err := scanSummaries(rows)
	if err != nil {
		return nil, err
	}
	live, err := s.liveSummaries(ctx, after, liveCond, liveArgs...)
	if err != nil || len(live) == 0 {
		if out == nil {
			out = []verbatim.SpeakerSummary{}
		}
		return out, err
	}
	return storekit.MergeLive(out, live, limit, func(id string) (verbatim.SpeakerSummary, error) {
		sum, err := s.summaries(ctx, after, []string{id}) // its grouped part, if any
		if err != nil {
			return verbatim.SpeakerSummary{}, err
		}
		return sum[0], nil
	})
}

// lookup answers storekit.ResolveSpeaker for a library grouped through
// article after.
type lookup struct {
	s     *DB
	after int64
	live  bool // articles were stored after the last grouping
}

func (l lookup) Exists(ctx context.Context, id string) (bool, error) {
	cond, args := speakerCond(id)
	var ok bool
	err := l.s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quotes q WHERE `+cond+`)`, args...).Scan(&ok)
	return ok, err
}

func (l lookup) Named(ctx context.Context, f string) ([]string, error) {
	return l.s.speakersNamed(ctx, f, l.after, l.live)
}

func (l lookup) Summaries(ctx context.Context, ids []string) ([]verbatim.SpeakerSummary, error) {
	return l.s.summaries(ctx, l.after, ids)
}

func (l lookup) HasRole(ctx context.Context, id, role string) (bool, error) {
	return l.s.hasRole(ctx, id, role)
}

// resolveSpeaker finds the speaker identity a reader means by name
// (storekit.ResolveSpeaker). It returns the identity and the highest
// grouped article id.
func (s *DB) resolveSpeaker(ctx context.Context, name string, typ verbatim.EntityType) (string, int64, error) {
	after, err := s.grouped(ctx)
	if err != nil {
		return "", 0, err
	}
	var top int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&top); err != nil {
		return "", after, err
	}
	id, err := storekit.ResolveSpeaker(ctx, lookup{s, after, top > after}, name, typ)
	return id, after, err
}

// speakersNamed returns the identities with the folded name form f: by
// their name forms, and, with live, the speakers of articles stored after
// the last grouping (grouped through after) by their name or a name form of
// their entity.
func (s *DB) speakersNamed(ctx context.Context, f string, after int64, live bool) ([]string, error) {
	q := `SELECT speaker_id FROM speaker_names WHERE name = ?2`
	if live {
		q += ` UNION SELECT 'name:' || speaker_fold FROM quotes WHERE speaker_fold = ?2 AND article_id > ?1 AND speaker_id IS NULL
		UNION SELECT 'name:' || q.speaker_fold FROM aliases al JOIN quotes q ON q.speaker_entity = al.entity_id
		WHERE al.alias = ?2 AND q.article_id > ?1 AND q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL`
	}
	rows, err := s.db.QueryContext(ctx, q, after, f)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// hasRole reports whether an article gave the speaker a role containing
// role (folded words), looking at its most recent statements' entities.
func (s *DB) hasRole(ctx context.Context, key, role string) (bool, error) {
	cond, args := speakerCond(key)
	rows, err := s.db.QueryContext(ctx, `SELECT e.roles FROM (SELECT q.speaker_entity FROM quotes q WHERE `+cond+
		` ORDER BY q.day DESC LIMIT 500) x JOIN entities e ON e.id = x.speaker_entity WHERE e.roles <> ''`, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return false, err
		}
		if storekit.RoleHas(r, role) {
			return true, nil
		}
	}
	return false, rows.Err()
}

// Speaker returns everything a speaker said, oldest first (the first 5,000
// statements; EachQuote with QuoteQuery.Speaker streams them all), with the
// outlets quoting them, their statements per month, their roles and name
// forms.
func (s *DB) Speaker(ctx context.Context, name string) (*verbatim.SpeakerDetail, error) {
	key, after, err := s.resolveSpeaker(ctx, name, "")
	if err != nil {
		return nil, err
	}
	sums, err := s.summaries(ctx, after, []string{key})
	if err != nil {
		return nil, err
	}
	cond, args := speakerCond(key)
	cond += ` AND ` + statementCond // statements: what the speaker said
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM quotes q JOIN articles a ON a.id = q.article_id WHERE `+cond+
		` ORDER BY `+storekit.UndatedLast("q.day")+`, q.day, q.id LIMIT 5000`, args...) // oldest first, undated last
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, err
	}
	if len(hits) == 0 {
		return nil, verbatim.ErrNotFound
	}
	d := &verbatim.SpeakerDetail{SpeakerSummary: sums[0], Statements: hits, Aliases: []string{}, Roles: []string{},
		Outlets: []verbatim.OutletCount{}, Months: []verbatim.MonthCount{}}
	// counted over every statement, not only those listed
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM quotes q WHERE `+cond+` AND q.day = ''`, args...).Scan(&d.Undated); err != nil {
		return nil, err
	}
	orows, err := s.db.QueryContext(ctx, `SELECT a.outlet, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE `+cond+
		` AND a.outlet <> '' GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet`, args...)
	if err != nil {
		return nil, err
	}
	for orows.Next() {
		var o verbatim.OutletCount
		if err := orows.Scan(&o.Outlet, &o.Count); err != nil {
			orows.Close()
			return nil, err
		}
		d.Outlets = append(d.Outlets, o)
	}
	orows.Close()
	if err := orows.Err(); err != nil {
		return nil, err
	}
	mrows, err := s.db.QueryContext(ctx, `SELECT substr(q.day, 1, 7), count(*) FROM quotes q WHERE `+cond+
		` AND length(q.day) >= 7 GROUP BY 1 ORDER BY 1`, args...)
	if err != nil {
		return nil, err
	}
	for mrows.Next() {
		var m verbatim.MonthCount
		if err := mrows.Scan(&m.Month, &m.Count); err != nil {
			mrows.Close()
			return nil, err
		}
		d.Months = append(d.Months, m)
	}
	mrows.Close()
	if err := mrows.Err(); err != nil {
		return nil, err
	}
	// roles (weighed by each entity's statements) and name forms of the
	// entities that are this speaker, in the order of their first statement
	rrows, err := s.db.QueryContext(ctx, `SELECT e.roles, e.mentions, x.n FROM (SELECT q.speaker_entity, count(*) n FROM quotes q WHERE `+cond+
		` GROUP BY q.speaker_entity) x JOIN entities e ON e.id = x.speaker_entity ORDER BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	forms := storekit.NewForms(d)
	for rrows.Next() {
		var roles, mentions string
		var n int
		if err := rrows.Scan(&roles, &mentions, &n); err != nil {
			return nil, err
		}
		if err := forms.Add(roles, mentions, n); err != nil {
			return nil, err
		}
	}
	forms.Done()
	return d, rrows.Err()
}
