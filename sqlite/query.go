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

const hitCols = `q.id, q.text, q.type, coalesce(q.speaker,''), q.cue, q.addressee, q.via, a.ext_id, a.title, a.outlet,
	a.published, q.said_on, q.start, q.end, q.speaker_mention, q.kind, q.confidence`

func scanHits(rows *sql.Rows) ([]verbatim.QuoteHit, error) {
	defer rows.Close()
	hits := []verbatim.QuoteHit{}
	for rows.Next() {
		var h verbatim.QuoteHit
		var typ, kind string
		if err := rows.Scan(&h.ID, &h.Text, &typ, &h.Speaker, &h.Cue, &h.Addressee, &h.Via, &h.ArticleID, &h.Title,
			&h.Outlet, &h.Published, &h.SaidOn, &h.Start, &h.End, &h.Mention, &kind, &h.Confidence); err != nil {
			return nil, queryErr(err)
		}
		h.Type, h.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
		hits = append(hits, h)
	}
	return hits, queryErr(rows.Err())
}

// scanHitsTotal is scanHits for rows that end with a window count.
func scanHitsTotal(rows *sql.Rows) ([]verbatim.QuoteHit, int, error) {
	defer rows.Close()
	hits := []verbatim.QuoteHit{}
	total := 0
	for rows.Next() {
		var h verbatim.QuoteHit
		var typ, kind string
		if err := rows.Scan(&h.ID, &h.Text, &typ, &h.Speaker, &h.Cue, &h.Addressee, &h.Via, &h.ArticleID, &h.Title,
			&h.Outlet, &h.Published, &h.SaidOn, &h.Start, &h.End, &h.Mention, &kind, &h.Confidence, &total); err != nil {
			return nil, 0, queryErr(err)
		}
		h.Type, h.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
		hits = append(hits, h)
	}
	return hits, total, queryErr(rows.Err())
}

// queryErr turns SQLite's complaints about a full-text query into a
// *verbatim.QueryError.
func queryErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, k := range []string{"fts5", "syntax error", "unterminated string", "no such column", "unknown special query", "malformed MATCH"} {
		if strings.Contains(msg, k) {
			if i := strings.Index(msg, "fts5: "); i >= 0 {
				msg = msg[i+6:]
			} else if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "SQL logic error") {
				msg = msg[i+2:]
			}
			msg = strings.TrimSuffix(msg, " (1)")
			return &verbatim.QueryError{Msg: "search syntax: " + msg}
		}
	}
	return err
}

// dayRange adds the condition that keeps the dates of col (ISO days,
// months, years, or "" when undated) from since to until: see
// storekit.DayRange.
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

// Quotes searches quotes, newest first.
func (s *DB) Quotes(ctx context.Context, qq verbatim.QuoteQuery) (verbatim.QuoteResults, error) {
	var where []string
	var args []any
	// Plan by hand: the speaker's quotes drive when a speaker is given (the
	// text is then checked per quote), else the full-text index, else the
	// day index. Articles are joined only when an article field filters.
	from := `quotes q`
	join := false
	text := strings.TrimSpace(qq.Text)
	sp := ""
	if strings.TrimSpace(qq.Speaker) != "" {
		key, _, err := s.resolveSpeaker(ctx, qq.Speaker, qq.SpeakerType)
		if errors.Is(err, verbatim.ErrNotFound) {
			return verbatim.QuoteResults{Quotes: []verbatim.QuoteHit{}}, nil
		}
		if err != nil {
			return verbatim.QuoteResults{}, err
		}
		sp = key
	}
	switch {
	case sp != "":
		cond, cargs := speakerCond(sp)
		where = append(where, cond)
		args = append(args, cargs...)
		if text != "" {
			where = append(where, `q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`)
			args = append(args, text)
		}
	case text != "":
		from = `quotes_fts f JOIN quotes q ON q.id = f.rowid`
		where = append(where, `quotes_fts MATCH ?`)
		args = append(args, text)
	}
	if qq.SpeakerType != "" {
		where = append(where, `q.speaker_type = ?`)
		args = append(args, string(qq.SpeakerType))
	}
	if o := strings.TrimSpace(qq.Outlet); o != "" {
		where = append(where, `a.outlet = ? COLLATE NOCASE`)
		args = append(args, o)
		join = true
	}
	if qq.Article != "" {
		where = append(where, `a.ext_id = ?`)
		args = append(args, qq.Article)
		join = true
	}
	where, args, err := dayRange("q.day", qq.Since, qq.Until, where, args)
	if err != nil {
		return verbatim.QuoteResults{}, err
	}
	if where, args, err = quoteFilters(qq, where, args); err != nil {
		return verbatim.QuoteResults{}, err
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	limit, offset := storekit.Page(qq.Limit, qq.Offset)
	var res verbatim.QuoteResults
	cfrom := from
	if join {
		cfrom += ` JOIN articles a ON a.id = q.article_id`
	} else if sp == "" && text != "" && len(where) == 1 {
		cfrom = `quotes_fts f` // text alone: the index counts without reading quotes
	}
	from += ` JOIN articles a ON a.id = q.article_id`
	if sp != "" {
		// the speaker's set is built once: page and total in one pass
		rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+`, count(*) OVER () FROM `+from+w+
			` ORDER BY q.day DESC, q.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
		if err != nil {
			return res, queryErr(err)
		}
		res.Quotes, res.Total, err = scanHitsTotal(rows)
		if err != nil || len(res.Quotes) > 0 || offset == 0 {
			return res, err
		}
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+cfrom+w, args...).Scan(&res.Total); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		res.Quotes = []verbatim.QuoteHit{}
		return res, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM `+from+w+` ORDER BY q.day DESC, q.id DESC LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return res, queryErr(err)
	}
	res.Quotes, err = scanHits(rows)
	return res, err
}

// Articles searches article titles and text, newest first (then latest
// stored). The full-text index keeps no positions: words, prefixes, AND,
// OR and NOT work, phrases give a *verbatim.QueryError.
func (s *DB) Articles(ctx context.Context, aq verbatim.ArticleQuery) (verbatim.ArticleResults, error) {
	var where []string
	var args []any
	from := `articles a`
	if text := strings.TrimSpace(aq.Text); text != "" {
		from = `articles_fts f JOIN articles a ON a.id = f.rowid`
		where = append(where, `articles_fts MATCH ?`)
		args = append(args, text)
	}
	if o := strings.TrimSpace(aq.Outlet); o != "" {
		where = append(where, `a.outlet = ? COLLATE NOCASE`)
		args = append(args, o)
	}
	where, args, err := dayRange("a.published", aq.Since, aq.Until, where, args)
	if err != nil {
		return verbatim.ArticleResults{}, err
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	limit, offset := storekit.Page(aq.Limit, aq.Offset)
	res := verbatim.ArticleResults{Articles: []verbatim.ArticleHit{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w, args...).Scan(&res.Total); err != nil {
		if strings.Contains(err.Error(), "phrase queries are not supported") {
			return res, &verbatim.QueryError{Msg: `search syntax: article search takes words, OR, NOT and prefix*, not "phrases"`}
		}
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.ext_id, a.title, a.outlet, a.published,
		(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM `+from+w+
		` ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return res, queryErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var h verbatim.ArticleHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.Published, &h.Quotes); err != nil {
			return res, queryErr(err)
		}
		res.Articles = append(res.Articles, h)
	}
	return res, queryErr(rows.Err())
}

// Speakers lists quoted speakers, most quoted first. Answers are cached
// until a quote is added or articles are grouped (by this process or
// another: the key includes the highest quote id and grouped article id).
func (s *DB) Speakers(ctx context.Context, q verbatim.SpeakerQuery) ([]verbatim.SpeakerSummary, error) {
	var gen int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) * 4294967296 + coalesce((SELECT value FROM story_state WHERE key = ?), 0)
		FROM quotes`, groupedKey).Scan(&gen); err != nil {
		return nil, err
	}
	key := strconv.Itoa(q.Limit) + "\x00" + string(q.Type) + "\x00" + storekit.Fold(q.Text)
	s.cmu.Lock()
	if s.cacheGen != gen || len(s.cache) > 1024 {
		s.cacheGen, s.cache = gen, map[string][]verbatim.SpeakerSummary{}
	}
	if r, ok := s.cache[key]; ok {
		s.cmu.Unlock()
		return append([]verbatim.SpeakerSummary(nil), r...), nil
	}
	s.cmu.Unlock()
	r, err := s.speakers(ctx, q)
	if err == nil {
		s.cmu.Lock()
		if s.cacheGen == gen {
			s.cache[key] = r
		}
		s.cmu.Unlock()
	}
	return r, err
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

// Stats counts what is stored.
func (s *DB) Stats(ctx context.Context) (verbatim.StoreStats, error) {
	var st verbatim.StoreStats
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM speakers WHERE statements > 0) + (SELECT count(DISTINCT speaker_fold) FROM quotes
		WHERE article_id > coalesce((SELECT value FROM story_state WHERE key = 'grouped_through'), 0) AND speaker_id IS NULL
		AND speaker_fold IS NOT NULL AND kind = 'statement'), (SELECT count(*) FROM stories)`).
		Scan(&st.Articles, &st.Quotes, &st.Speakers, &st.Stories)
	return st, err
}
