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

// Stats counts what is stored: statements and their speakers as search
// counts them. The counts that only new articles change are cached until
// an article or a quote is stored; speakers and stories, which a grouping
// changes too, are counted each time.
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
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM speakers WHERE statements > 0) + (SELECT count(DISTINCT speaker_fold) FROM quotes
		WHERE article_id > coalesce((SELECT value FROM story_state WHERE key = 'grouped_through'), 0) AND speaker_id IS NULL
		AND speaker_fold IS NOT NULL AND kind = 'statement'), (SELECT count(*) FROM stories)`).Scan(&st.Speakers, &st.Stories)
	return st, err
}
