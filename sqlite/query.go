package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// dayRange adds the conditions that keep ISO days of col from since to
// until (inclusive; either may be empty, a year or a month).
func dayRange(col, since, until string, where []string, args []any) ([]string, []any, error) {
	r, ok, err := storekit.DayBounds(since, until)
	if err != nil {
		return where, args, err
	}
	if ok {
		where = append(where, r.Cond(col, func(v any) string { args = append(args, v); return "?" }))
	}
	return where, args, nil
}

// statementCond keeps statements: what speaker pages, speaker lists and
// story timelines show.
const statementCond = storekit.StatementCond

// quoteFilters adds the conditions of the kind, confidence and named-source
// filters of qq.
func quoteFilters(qq verbatim.QuoteQuery, where []string, args []any) ([]string, []any, error) {
	kinds, minConf, err := storekit.QuoteKinds(qq)
	if err != nil {
		return where, args, err
	}
	if len(kinds) > 0 {
		where = append(where, `q.kind IN (`+strings.TrimSuffix(strings.Repeat("?,", len(kinds)), ",")+`)`)
		for _, k := range kinds {
			args = append(args, k)
		}
	}
	if minConf > 0 {
		where = append(where, `q.confidence >= ?`)
		args = append(args, minConf)
	}
	if qq.NamedOnly {
		where = append(where, `q.speaker IS NOT NULL`)
	}
	return where, args, nil
}

// speakerCond matches a quote's speaker by any known name form.
const speakerCond = `(q.speaker_fold = ? OR q.speaker_entity IN (SELECT entity_id FROM aliases WHERE alias = ?))`

// Speakers lists quoted speakers, most quoted first. Answers are cached
// until a quote is added (by this process or another: the key includes the
// highest quote id).
func (s *DB) Speakers(ctx context.Context, q string, limit int) ([]verbatim.SpeakerSummary, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var gen int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM quotes`).Scan(&gen); err != nil {
		return nil, err
	}
	key := strconv.Itoa(limit) + "\x00" + storekit.Fold(q)
	s.cmu.Lock()
	if s.cacheGen != gen || len(s.cache) > 1024 {
		s.cacheGen, s.cache = gen, map[string][]verbatim.SpeakerSummary{}
	}
	if r, ok := s.cache[key]; ok {
		s.cmu.Unlock()
		return append([]verbatim.SpeakerSummary(nil), r...), nil
	}
	s.cmu.Unlock()
	r, err := s.speakers(ctx, q, limit)
	if err == nil {
		s.cmu.Lock()
		if s.cacheGen == gen {
			s.cache[key] = r
		}
		s.cmu.Unlock()
	}
	return r, err
}

func (s *DB) speakers(ctx context.Context, q string, limit int) ([]verbatim.SpeakerSummary, error) {
	args := []any{}
	w := `q.speaker_fold IS NOT NULL AND ` + statementCond
	if f := storekit.Fold(q); f != "" {
		like := "%" + storekit.EscapeLike(f) + "%"
		w += ` AND (q.speaker_fold LIKE ? ESCAPE '\' OR q.speaker_entity IN (SELECT entity_id FROM aliases WHERE alias LIKE ? ESCAPE '\'))`
		args = append(args, like, storekit.EscapeLike(f)+"%")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT max(q.speaker), count(*), count(DISTINCT q.article_id),
		coalesce(min(nullif(q.day,'')),''), coalesce(max(nullif(q.day,'')),'')
		FROM quotes q WHERE `+w+` GROUP BY q.speaker_fold ORDER BY count(*) DESC, max(q.speaker) LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []verbatim.SpeakerSummary{}
	for rows.Next() {
		var sp verbatim.SpeakerSummary
		if err := rows.Scan(&sp.Name, &sp.Quotes, &sp.Articles, &sp.First, &sp.Last); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// personCond matches the quotes of a person as their page shows them: the
// name as resolved in articles, and every entity of the persons
// (cross-article identities) those entities belong to ("Keith Kellogg" also
// finds the quotes an article attributed to "Kellog"); when no quote has
// the name as resolved, any name form (speakerCond). ErrNotFound for an
// empty name.
func (s *DB) personCond(ctx context.Context, name string) (string, []any, error) {
	f := storekit.Fold(name)
	if f == "" {
		return "", nil, verbatim.ErrNotFound
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quotes WHERE speaker_fold = ?)`, f).Scan(&n); err != nil {
		return "", nil, err
	}
	if n == 0 {
		return speakerCond, []any{f, f}, nil
	}
	return `(q.speaker_fold = ? OR q.speaker_entity IN (SELECT pe2.entity_id FROM quotes q0
		JOIN person_entities pe ON pe.entity_id = q0.speaker_entity
		JOIN person_entities pe2 ON pe2.person_id = pe.person_id WHERE q0.speaker_fold = ?))`, []any{f, f}, nil
}

// Speaker returns everything a person said, oldest first (the first 5,000
// statements; EachQuote with QuoteQuery.Person streams them all), with the
// outlets quoting them, their statements per month, their roles and name
// forms.
func (s *DB) Speaker(ctx context.Context, name string) (*verbatim.SpeakerDetail, error) {
	cond, args, err := s.personCond(ctx, name)
	if err != nil {
		return nil, err
	}
	cond = cond + ` AND ` + statementCond // statements: what the person said
	f := storekit.Fold(name)
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
	d := storekit.Speaker(hits, f)
	d.Outlets, d.Months = []verbatim.OutletCount{}, []verbatim.MonthCount{}
	// counts over every statement, not only those listed
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT q.article_id), coalesce(min(nullif(q.day,'')),''),
		coalesce(max(nullif(q.day,'')),''), count(*) FILTER (WHERE q.day = '') FROM quotes q WHERE `+cond, args...).
		Scan(&d.Quotes, &d.Articles, &d.First, &d.Last, &d.Undated); err != nil {
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
	// roles and name forms of the entities that are this speaker
	rrows, err := s.db.QueryContext(ctx, `SELECT e.roles, e.mentions, count(*) FROM quotes q JOIN entities e ON e.id = q.speaker_entity
		WHERE `+cond+` GROUP BY e.id ORDER BY e.id`, args...)
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
		if err := forms.Add(roles, mentions, n); err != nil { // roles weighed by the entity's statements
			return nil, err
		}
	}
	forms.Done()
	return d, rrows.Err()
}

// Article returns a stored article with its spans.
func (s *DB) Article(ctx context.Context, id string) (*verbatim.StoredArticle, error) {
	a := &verbatim.StoredArticle{Quotes: []verbatim.QuoteOut{}, Entities: []verbatim.EntityOut{}, Dates: []verbatim.DateOut{}}
	var aid int64
	err := s.db.QueryRowContext(ctx, `SELECT id, ext_id, title, url, outlet, published, hash, text FROM articles WHERE ext_id = ?`, id).
		Scan(&aid, &a.ID, &a.Title, &a.URL, &a.Outlet, &a.Published, &a.Hash, &a.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, verbatim.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT start, end, type, speaker, speaker_type, speaker_mention, sm_start, sm_end, cue,
		cue_start, cue_end, addressee, via, confidence, said_on, kind FROM quotes WHERE article_id = ? ORDER BY start`, aid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var q verbatim.QuoteOut
		var typ, kind string
		var speaker sql.NullString
		var sms, sme, cs, ce sql.NullInt64
		if err := rows.Scan(&q.Start, &q.End, &typ, &speaker, &q.SpeakerType, &q.SpeakerMention, &sms, &sme, &q.Cue, &cs, &ce,
			&q.Addressee, &q.Via, &q.Confidence, &q.SaidOn, &kind); err != nil {
			rows.Close()
			return nil, err
		}
		q.Type, q.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
		if speaker.Valid {
			q.Speaker = &speaker.String
		}
		q.SpeakerStart, q.SpeakerEnd = nint(sms), nint(sme)
		q.CueStart, q.CueEnd = nint(cs), nint(ce)
		if q.Start >= 0 && q.End <= len(a.Text) && q.Start < q.End {
			q.Text = a.Text[q.Start:q.End]
		}
		a.Quotes = append(a.Quotes, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT name, type, roles, mentions FROM entities WHERE article_id = ? ORDER BY idx`, aid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, typ, roles, mentions string
		if err := rows.Scan(&name, &typ, &roles, &mentions); err != nil {
			rows.Close()
			return nil, err
		}
		ms, err := storekit.DecodeMentions(mentions)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("article %s, entity %q: %w", id, name, err)
		}
		e := verbatim.EntityOut{Name: name, Type: verbatim.EntityType(typ), Mentions: make([]verbatim.MentionOut, len(ms))}
		if roles != "" {
			e.Roles = strings.Split(roles, "; ")
		}
		for i, m := range ms {
			e.Mentions[i] = verbatim.MentionOut{Text: m.Text, Start: m.Start, End: m.End}
		}
		a.Entities = append(a.Entities, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT start, end, text, value FROM dates WHERE article_id = ? ORDER BY start`, aid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d verbatim.DateOut
		if err := rows.Scan(&d.Start, &d.End, &d.Text, &d.Value); err != nil {
			rows.Close()
			return nil, err
		}
		a.Dates = append(a.Dates, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	a.Stories, err = s.stories(ctx, `WHERE s.id IN (SELECT story_id FROM story_articles WHERE article_id = ?)`, aid)
	return a, err
}

func nint(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	i := int(n.Int64)
	return &i
}

func (s *DB) stories(ctx context.Context, where string, args ...any) ([]verbatim.StorySummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, coalesce(a.ext_id,''), coalesce(a.title,''), coalesce(a.outlet,''),
		coalesce(a.published,'') FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id
		LEFT JOIN articles a ON a.id = sa.article_id `+where+` ORDER BY s.id, `+storekit.UndatedLast("a.published")+`, a.published, a.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []verbatim.StorySummary{}
	for rows.Next() {
		var id, title string
		var r verbatim.ArticleRef
		if err := rows.Scan(&id, &title, &r.ID, &r.Title, &r.Outlet, &r.Published); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, verbatim.StorySummary{ID: id, Title: title, Articles: []verbatim.ArticleRef{}})
		}
		if r.ID != "" {
			st := &out[len(out)-1]
			st.Articles = append(st.Articles, r)
		}
	}
	return out, rows.Err()
}

// Stories lists the stories with their articles.
func (s *DB) Stories(ctx context.Context) ([]verbatim.StorySummary, error) { return s.stories(ctx, "") }

// Story returns one story with the statements of its articles in time order.
func (s *DB) Story(ctx context.Context, id string) (*verbatim.StoryDetail, error) {
	ss, err := s.stories(ctx, `WHERE s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, verbatim.ErrNotFound
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		JOIN quotes q ON q.article_id = a.id WHERE sa.story_id = ? AND `+statementCond+` ORDER BY `+storekit.UndatedLast("q.day")+`, q.day, a.published, q.article_id, q.start LIMIT 5000`, id)
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, err
	}
	return &verbatim.StoryDetail{StorySummary: ss[0], Timeline: hits}, nil
}

// Stats counts what is stored, cached until an article or a quote is
// stored.
func (s *DB) Stats(ctx context.Context) (verbatim.StoreStats, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return verbatim.StoreStats{}, err
	}
	st, err := s.stats.Get(gen, func() (verbatim.StoreStats, error) {
		var st verbatim.StoreStats
		err := s.db.QueryRowContext(ctx, storekit.StatsSQL(`SELECT count(*) FROM outlets`)).Scan(storekit.StatsDest(&st)...)
		return st, err
	})
	if err != nil {
		return st, err
	}
	// stories change without a new article (a rebuild): counted each time
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM stories`).Scan(&st.Stories)
	return st, err
}
