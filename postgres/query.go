package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// args collects query parameters and names them $1, $2, ...
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

const hitCols = `q.id, q.text, q.type, coalesce(q.speaker,''), q.cue, q.addressee, q.via, a.ext_id, a.title, a.outlet,
	a.published, q.said_on, q.start, q."end", q.speaker_mention, q.kind, q.confidence`

// statementCond keeps statements: what speaker pages, speaker lists and
// story timelines show.
const statementCond = storekit.StatementCond

func scanHits(rows pgx.Rows) ([]verbatim.QuoteHit, error) {
	hits := []verbatim.QuoteHit{}
	var h verbatim.QuoteHit
	var typ, kind string
	_, err := pgx.ForEachRow(rows, []any{&h.ID, &h.Text, &typ, &h.Speaker, &h.Cue, &h.Addressee, &h.Via, &h.ArticleID, &h.Title,
		&h.Outlet, &h.Published, &h.SaidOn, &h.Start, &h.End, &h.Mention, &kind, &h.Confidence}, func() error {
		h.Type, h.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
		hits = append(hits, h)
		return nil
	})
	return hits, err
}

// dayRange adds the condition that keeps the dates of col (ISO days,
// months, years, or "" when undated) from since to until: see
// storekit.DayRange.
func dayRange(col, since, until string, where []string, a *args) ([]string, error) {
	r, ok, err := storekit.DayBounds(since, until)
	if err != nil {
		return where, err
	}
	if ok {
		where = append(where, r.Cond(col, a.add))
	}
	return where, nil
}

func whereOf(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// Quotes searches quotes, newest first.
func (s *DB) Quotes(ctx context.Context, qq verbatim.QuoteQuery) (verbatim.QuoteResults, error) {
	res := verbatim.QuoteResults{Quotes: []verbatim.QuoteHit{}}
	var where []string
	var a args
	if text := strings.TrimSpace(qq.Text); text != "" {
		tq, err := tsQuery(text, true)
		if err != nil {
			return res, err
		}
		if tq == "" {
			return res, nil // only punctuation: nothing to find
		}
		where = append(where, `q.tsv @@ `+a.add(tq)+`::tsquery`)
	}
	if strings.TrimSpace(qq.Speaker) != "" {
		id, err := storekit.ResolveSpeaker(ctx, lookup{s}, qq.Speaker, qq.SpeakerType)
		if errors.Is(err, verbatim.ErrNotFound) {
			return res, nil
		}
		if err != nil {
			return res, err
		}
		where = append(where, speakerCond(id, &a))
	}
	if qq.SpeakerType != "" {
		where = append(where, `q.speaker_type = `+a.add(string(qq.SpeakerType)))
	}
	if o := strings.TrimSpace(qq.Outlet); o != "" {
		where = append(where, `lower(a.outlet) = lower(`+a.add(o)+`)`)
	}
	if qq.Article != "" {
		where = append(where, `a.ext_id = `+a.add(qq.Article))
	}
	where, err := dayRange("q.day", qq.Since, qq.Until, where, &a)
	if err != nil {
		return res, err
	}
	kinds, minConf, err := storekit.QuoteKinds(qq)
	if err != nil {
		return res, err
	}
	if len(kinds) > 0 {
		where = append(where, `q.kind = ANY(`+a.add(kinds)+`)`)
	}
	if minConf > 0 {
		where = append(where, `q.confidence >= `+a.add(minConf))
	}
	if qq.NamedOnly {
		where = append(where, `q.speaker IS NOT NULL`)
	}
	from := ` FROM quotes q JOIN articles a ON a.id = q.article_id` + whereOf(where)
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+from, a...).Scan(&res.Total); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := storekit.Page(qq.Limit, qq.Offset)
	rows, err := s.pool.Query(ctx, `SELECT `+hitCols+from+` ORDER BY q.day DESC, q.id DESC LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return res, queryErr(err)
	}
	res.Quotes, err = scanHits(rows)
	return res, queryErr(err)
}

// queryErr turns PostgreSQL's complaints about a tsquery (which tsQuery
// should never write) into a *verbatim.QueryError.
func queryErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "tsquery") {
		return &verbatim.QueryError{Msg: "search syntax: " + err.Error()}
	}
	return err
}

// Articles searches article titles and text, newest first (then latest
// stored). The index keeps no positions: words, prefixes, AND, OR and NOT
// work, phrases give a *verbatim.QueryError.
func (s *DB) Articles(ctx context.Context, aq verbatim.ArticleQuery) (verbatim.ArticleResults, error) {
	res := verbatim.ArticleResults{Articles: []verbatim.ArticleHit{}}
	var where []string
	var a args
	if text := strings.TrimSpace(aq.Text); text != "" {
		tq, err := tsQuery(text, false)
		if err != nil {
			return res, err
		}
		if tq == "" {
			return res, nil
		}
		where = append(where, `a.tsv @@ `+a.add(tq)+`::tsquery`)
	}
	if o := strings.TrimSpace(aq.Outlet); o != "" {
		where = append(where, `lower(a.outlet) = lower(`+a.add(o)+`)`)
	}
	where, err := dayRange("a.published", aq.Since, aq.Until, where, &a)
	if err != nil {
		return res, err
	}
	from := ` FROM articles a` + whereOf(where)
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+from, a...).Scan(&res.Total); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := storekit.Page(aq.Limit, aq.Offset)
	rows, err := s.pool.Query(ctx, `SELECT a.ext_id, a.title, a.outlet, a.published,
		(SELECT count(*) FROM quotes q WHERE q.article_id = a.id)`+from+
		` ORDER BY a.published DESC, a.id DESC LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return res, queryErr(err)
	}
	var h verbatim.ArticleHit
	_, err = pgx.ForEachRow(rows, []any{&h.ID, &h.Title, &h.Outlet, &h.Published, &h.Quotes}, func() error {
		res.Articles = append(res.Articles, h)
		return nil
	})
	return res, queryErr(err)
}

// Article returns a stored article with its spans.
func (s *DB) Article(ctx context.Context, id string) (*verbatim.StoredArticle, error) {
	a := &verbatim.StoredArticle{Quotes: []verbatim.QuoteOut{}, Entities: []verbatim.EntityOut{}, Dates: []verbatim.DateOut{}}
	var aid int64
	err := s.pool.QueryRow(ctx, `SELECT id, ext_id, title, url, outlet, published, hash, text FROM articles WHERE ext_id = $1`, id).
		Scan(&aid, &a.ID, &a.Title, &a.URL, &a.Outlet, &a.Published, &a.Hash, &a.Text)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, verbatim.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT start, "end", type, speaker, speaker_type, speaker_mention, sm_start, sm_end, cue,
		cue_start, cue_end, addressee, via, confidence, said_on, kind FROM quotes WHERE article_id = $1 ORDER BY start, id`, aid)
	if err != nil {
		return nil, err
	}
	var q verbatim.QuoteOut
	var typ, kind string
	var speaker *string
	var sms, sme, cs, ce *int
	_, err = pgx.ForEachRow(rows, []any{&q.Start, &q.End, &typ, &speaker, &q.SpeakerType, &q.SpeakerMention, &sms, &sme, &q.Cue, &cs, &ce,
		&q.Addressee, &q.Via, &q.Confidence, &q.SaidOn, &kind}, func() error {
		q.Type, q.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
		q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.CueStart, q.CueEnd = speaker, sms, sme, cs, ce
		q.Text = ""
		if q.Start >= 0 && q.End <= len(a.Text) && q.Start < q.End {
			q.Text = a.Text[q.Start:q.End]
		}
		a.Quotes = append(a.Quotes, q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT name, type, roles, mentions FROM entities WHERE article_id = $1 ORDER BY idx`, aid)
	if err != nil {
		return nil, err
	}
	var name, roles, mentions string
	_, err = pgx.ForEachRow(rows, []any{&name, &typ, &roles, &mentions}, func() error {
		ms, err := storekit.DecodeMentions(mentions)
		if err != nil {
			return fmt.Errorf("article %s, entity %q: %w", id, name, err)
		}
		e := verbatim.EntityOut{Name: name, Type: verbatim.EntityType(typ), Mentions: make([]verbatim.MentionOut, len(ms))}
		if roles != "" {
			e.Roles = strings.Split(roles, "; ")
		}
		for i, m := range ms {
			e.Mentions[i] = verbatim.MentionOut{Text: m.Text, Start: m.Start, End: m.End}
		}
		a.Entities = append(a.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT start, "end", text, value FROM dates WHERE article_id = $1 ORDER BY start`, aid)
	if err != nil {
		return nil, err
	}
	var dt verbatim.DateOut
	_, err = pgx.ForEachRow(rows, []any{&dt.Start, &dt.End, &dt.Text, &dt.Value}, func() error {
		a.Dates = append(a.Dates, dt)
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.Stories, err = s.stories(ctx, `WHERE s.id IN (SELECT story_id FROM story_articles WHERE article_id = $1)`, aid)
	return a, err
}

// Stats counts what is stored.
func (s *DB) Stats(ctx context.Context) (verbatim.StoreStats, error) {
	var st verbatim.StoreStats
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM speakers WHERE statements > 0) + (SELECT count(DISTINCT speaker_fold) FROM quotes
		WHERE speaker_id IS NULL AND speaker_fold IS NOT NULL AND kind = 'statement'), (SELECT count(*) FROM stories)`).
		Scan(&st.Articles, &st.Quotes, &st.Speakers, &st.Stories)
	return st, err
}
