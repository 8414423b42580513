package postgres

// Speakers as readers meet them: one row per speaker identity everywhere
// (see internal/storekit/speakers.go). Each grouping step writes its
// articles' quotes' identity (quotes.speaker_id), adds them to their
// identity's counts (speakers) and records the identity's name forms
// (speaker_names). Quotes of articles not grouped yet have no speaker_id:
// they are counted live, by name (a partial index holds them).

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

const schemaSpeakers = `
ALTER TABLE quotes ADD COLUMN speaker_id text COLLATE "C"; -- the speaker identity, once grouped
CREATE INDEX quotes_speaker_id ON quotes (speaker_id, kind, day) WHERE speaker_id IS NOT NULL;
CREATE INDEX quotes_ungrouped_speaker ON quotes (speaker_fold) WHERE speaker_id IS NULL AND speaker_fold IS NOT NULL;
CREATE TABLE speakers (
	id         text COLLATE "C" PRIMARY KEY, -- person:tony-blair, organization:reuters, name:tories
	name       text COLLATE "C" NOT NULL,     -- for name: identities (persons: persons.name)
	type       text COLLATE "C" NOT NULL,
	statements integer NOT NULL DEFAULT 0,
	articles   integer NOT NULL DEFAULT 0,    -- with a statement of it
	first      text COLLATE "C" NOT NULL DEFAULT '',
	last       text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX speakers_rank ON speakers (statements DESC, name);
CREATE INDEX speakers_type_rank ON speakers (type, statements DESC, name);
CREATE TABLE speaker_names (
	name       text COLLATE "C" NOT NULL,
	speaker_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (name, speaker_id)
);
-- articles grouped before: their identities and counts, their name forms
-- as written and the last word (later groupings add the resolver's forms)
UPDATE quotes q SET speaker_id = coalesce((SELECT person_id FROM person_entities WHERE entity_id = q.speaker_entity), 'name:' || q.speaker_fold)
	WHERE q.speaker_fold IS NOT NULL AND q.article_id IN (SELECT article_id FROM story_features WHERE group_pos IS NOT NULL);
INSERT INTO speakers(id, name, type, statements, articles, first, last)
	` + speakerCounts + ` WHERE speaker_id IS NOT NULL GROUP BY speaker_id;
INSERT INTO speaker_names(name, speaker_id)
	SELECT DISTINCT f, speaker_id FROM quotes, LATERAL (VALUES (speaker_fold), (regexp_replace(speaker_fold, '^.* ', ''))) AS x(f)
	WHERE speaker_id IS NOT NULL
	ON CONFLICT DO NOTHING;
`

// speakerCounts selects each identity's row of speakers from quotes (a
// WHERE and GROUP BY speaker_id follow).
const speakerCounts = `SELECT speaker_id, max(speaker),
		CASE WHEN speaker_id LIKE 'name:%' THEN max(speaker_type) ELSE split_part(speaker_id, ':', 1) END,
		count(*) FILTER (WHERE kind = 'statement'), count(DISTINCT article_id) FILTER (WHERE kind = 'statement'),
		coalesce(min(nullif(day, '')) FILTER (WHERE kind = 'statement'), ''),
		coalesce(max(nullif(day, '')) FILTER (WHERE kind = 'statement'), '')
	FROM quotes`

// writeSpeakers gives the quotes of the articles just grouped their
// speaker identity, adds them to the identities' counts and records the
// identities' name forms.
func (g *Grouper) writeSpeakers(ctx context.Context, tx pgx.Tx, arts []int64) error {
	if _, err := tx.Exec(ctx, `UPDATE quotes q SET speaker_id = coalesce(
		(SELECT person_id FROM person_entities WHERE entity_id = q.speaker_entity), 'name:' || q.speaker_fold)
		WHERE q.article_id = ANY($1) AND q.speaker_fold IS NOT NULL`, arts); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT speaker_id, max(speaker), max(speaker_type) FROM quotes
		WHERE article_id = ANY($1) AND speaker_id IS NOT NULL GROUP BY speaker_id`, arts)
	if err != nil {
		return err
	}
	var forms, ids []string
	var id, name, typ string
	_, err = pgx.ForEachRow(rows, []any{&id, &name, &typ}, func() error {
		add := func(f string) { forms, ids = append(forms, f), append(ids, id) }
		if e := g.c.Resolver.Get(id); e != nil {
			storekit.SpeakerForms(e.Name, e.Type, add)
			for a := range e.Aliases {
				storekit.SpeakerForms(a, e.Type, add)
			}
		} else {
			storekit.SpeakerForms(name, verbatim.EntityType(typ), add)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO speaker_names(name, speaker_id) SELECT * FROM unnest($1::text[], $2::text[])
		ON CONFLICT DO NOTHING`, forms, ids); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO speakers(id, name, type, statements, articles, first, last)
		`+speakerCounts+` WHERE article_id = ANY($1) AND speaker_id IS NOT NULL GROUP BY speaker_id
		ON CONFLICT (id) DO UPDATE SET statements = speakers.statements + excluded.statements,
			articles = speakers.articles + excluded.articles,
			first = CASE WHEN speakers.first = '' OR (excluded.first <> '' AND excluded.first < speakers.first) THEN excluded.first ELSE speakers.first END,
			last = greatest(speakers.last, excluded.last)`, arts)
	return err
}

// speakerCond selects the quotes of one speaker identity (q is the quotes
// table): grouped quotes by identity, quotes of ungrouped articles by name.
func speakerCond(id string, a *args) string {
	if f, ok := cutName(id); ok {
		return `(q.speaker_id = ` + a.add(id) + ` OR (q.speaker_id IS NULL AND q.speaker_fold = ` + a.add(f) + `))`
	}
	return `q.speaker_id = ` + a.add(id)
}

func cutName(id string) (string, bool) {
	if len(id) > 5 && id[:5] == "name:" {
		return id[5:], true
	}
	return "", false
}

const summaryCols = `s.id, coalesce(p.name, s.name), s.type, s.statements, s.articles, s.first, s.last`

func scanSummaries(rows pgx.Rows) ([]verbatim.SpeakerSummary, error) {
	out := []verbatim.SpeakerSummary{}
	var sp verbatim.SpeakerSummary
	var typ string
	_, err := pgx.ForEachRow(rows, []any{&sp.ID, &sp.Name, &typ, &sp.Quotes, &sp.Articles, &sp.First, &sp.Last}, func() error {
		sp.Type = verbatim.EntityType(typ)
		out = append(out, sp)
		return nil
	})
	return out, err
}

// liveSummaries counts, by name, the statements of articles not grouped
// yet whose speakers cond keeps (on q, with parameters in a).
func (s *DB) liveSummaries(ctx context.Context, cond string, a args) ([]verbatim.SpeakerSummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT 'name:' || q.speaker_fold, max(q.speaker), max(q.speaker_type), count(*),
		count(DISTINCT q.article_id), coalesce(min(nullif(q.day, '')), ''), coalesce(max(nullif(q.day, '')), '')
		FROM quotes q WHERE q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL AND `+statementCond+cond+`
		GROUP BY q.speaker_fold`, a...)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// summaries returns the identities' summaries, grouped and live counts
// together, most quoted first.
func (s *DB) summaries(ctx context.Context, ids []string) ([]verbatim.SpeakerSummary, error) {
	out := make([]verbatim.SpeakerSummary, 0, len(ids))
	for _, id := range ids {
		rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE s.id = $1`, id)
		if err != nil {
			return nil, err
		}
		got, err := scanSummaries(rows)
		if err != nil {
			return nil, err
		}
		sum := verbatim.SpeakerSummary{ID: id}
		if len(got) > 0 {
			sum = got[0]
		}
		if f, ok := cutName(id); ok {
			live, err := s.liveSummaries(ctx, ` AND q.speaker_fold = $1`, args{f})
			if err != nil {
				return nil, err
			}
			for _, l := range live {
				storekit.MergeSummary(&sum, l)
			}
		}
		if sum.Name == "" { // quotes of other kinds only
			var a args
			cond := speakerCond(id, &a)
			var typ string
			if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(speaker), ''), coalesce(max(speaker_type), '') FROM quotes q WHERE `+cond, a...).
				Scan(&sum.Name, &typ); err != nil {
				return nil, err
			}
			sum.Type = verbatim.EntityType(typ)
		}
		out = append(out, sum)
	}
	storekit.SortSummaries(out)
	return out, nil
}

// Speakers lists speaker identities, most quoted first.
func (s *DB) Speakers(ctx context.Context, q verbatim.SpeakerQuery) ([]verbatim.SpeakerSummary, error) {
	limit := storekit.SpeakerLimit(q.Limit)
	where, a := `s.statements > 0`, args{}
	var lcond string
	var la args
	if q.Type != "" {
		where += ` AND s.type = ` + a.add(string(q.Type))
		lcond += ` AND q.speaker_type = ` + la.add(string(q.Type))
	}
	if f := storekit.Fold(q.Text); f != "" {
		where += ` AND s.id IN (SELECT speaker_id FROM speaker_names WHERE name >= ` + a.add(f) + ` AND name < ` + a.add(f+"\U0010FFFF") + `)`
		lcond += ` AND (q.speaker_fold LIKE ` + la.add(storekit.EscapeLike(f)+"%") + ` OR q.speaker_fold LIKE ` + la.add("% "+storekit.EscapeLike(f)+"%") + `)`
	}
	rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE `+where+
		` ORDER BY s.statements DESC, s.name LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, err
	}
	out, err := scanSummaries(rows)
	if err != nil {
		return nil, err
	}
	live, err := s.liveSummaries(ctx, lcond, la)
	if err != nil || len(live) == 0 {
		return out, err
	}
	return storekit.MergeLive(out, live, limit, func(id string) (verbatim.SpeakerSummary, error) {
		sum, err := s.summaries(ctx, []string{id}) // its grouped part, if any
		if err != nil {
			return verbatim.SpeakerSummary{}, err
		}
		return sum[0], nil
	})
}

// lookup answers storekit.ResolveSpeaker.
type lookup struct{ s *DB }

func (l lookup) Exists(ctx context.Context, id string) (bool, error) {
	var a args
	cond := speakerCond(id, &a)
	var ok bool
	err := l.s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM quotes q WHERE `+cond+`)`, a...).Scan(&ok)
	return ok, err
}

func (l lookup) Named(ctx context.Context, f string) ([]string, error) {
	// grouped identities by their name forms; speakers of articles not
	// grouped yet by their name, or a name form of their entity
	rows, err := l.s.pool.Query(ctx, `SELECT speaker_id FROM speaker_names WHERE name = $1
		UNION SELECT 'name:' || q.speaker_fold FROM quotes q WHERE q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL
		AND (q.speaker_fold = $1 OR q.speaker_entity IN (SELECT entity_id FROM aliases WHERE alias = $1))`, f)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (l lookup) Summaries(ctx context.Context, ids []string) ([]verbatim.SpeakerSummary, error) {
	return l.s.summaries(ctx, ids)
}

func (l lookup) HasRole(ctx context.Context, id, role string) (bool, error) {
	var a args
	cond := speakerCond(id, &a)
	rows, err := l.s.pool.Query(ctx, `SELECT e.roles FROM (SELECT q.speaker_entity FROM quotes q WHERE `+cond+
		` ORDER BY q.day DESC LIMIT 500) x JOIN entities e ON e.id = x.speaker_entity WHERE e.roles <> ''`, a...)
	if err != nil {
		return false, err
	}
	roles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	for _, r := range roles {
		if storekit.RoleHas(r, role) {
			return true, err
		}
	}
	return false, err
}

// Speaker returns everything a speaker said, oldest first (the first 5,000
// statements; EachQuote with QuoteQuery.Speaker streams them all), with the
// outlets quoting them, their statements per month, their roles and name
// forms, as the SQLite store does.
func (s *DB) Speaker(ctx context.Context, name string) (*verbatim.SpeakerDetail, error) {
	id, err := storekit.ResolveSpeaker(ctx, lookup{s}, name, "")
	if err != nil {
		return nil, err
	}
	sums, err := s.summaries(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	var a args
	cond := speakerCond(id, &a) + ` AND ` + statementCond // statements: what the speaker said
	rows, err := s.pool.Query(ctx, `SELECT `+hitCols+` FROM quotes q JOIN articles a ON a.id = q.article_id WHERE `+cond+
		` ORDER BY `+storekit.UndatedLast("q.day")+`, q.day, q.id LIMIT 5000`, a...) // oldest first, undated last
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
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM quotes q WHERE `+cond+` AND q.day = ''`, a...).Scan(&d.Undated); err != nil {
		return nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT a.outlet, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE `+cond+
		` AND a.outlet <> '' GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet`, a...)
	if err != nil {
		return nil, err
	}
	var o verbatim.OutletCount
	if _, err := pgx.ForEachRow(rows, []any{&o.Outlet, &o.Count}, func() error { d.Outlets = append(d.Outlets, o); return nil }); err != nil {
		return nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT substr(q.day, 1, 7), count(*) FROM quotes q WHERE `+cond+
		` AND length(q.day) >= 7 GROUP BY 1 ORDER BY 1`, a...)
	if err != nil {
		return nil, err
	}
	var m verbatim.MonthCount
	if _, err := pgx.ForEachRow(rows, []any{&m.Month, &m.Count}, func() error { d.Months = append(d.Months, m); return nil }); err != nil {
		return nil, err
	}
	// roles (weighed by each entity's statements) and name forms of the
	// entities that are this speaker, in the order of their first statement
	rows, err = s.pool.Query(ctx, `SELECT e.roles, e.mentions, x.n FROM (SELECT q.speaker_entity, count(*) n FROM quotes q WHERE `+cond+
		` GROUP BY q.speaker_entity) x JOIN entities e ON e.id = x.speaker_entity ORDER BY e.id`, a...)
	if err != nil {
		return nil, err
	}
	forms := storekit.NewForms(d)
	var roles, mentions string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&roles, &mentions, &n}, func() error { return forms.Add(roles, mentions, n) }); err != nil {
		return nil, err
	}
	forms.Done()
	return d, nil
}
