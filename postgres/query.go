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

// statementCond keeps statements: what speaker pages, speaker lists and
// story timelines show.
const statementCond = storekit.StatementCond

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

// queryErr turns PostgreSQL's complaints about a tsquery (which tsQuery
// should never write) into a *verbatim.QueryError.
func queryErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "tsquery") {
		return &verbatim.QueryError{Msg: "search syntax: " + err.Error()}
	}
	return err
}

// Speakers lists quoted speakers, most quoted first.
func (s *DB) Speakers(ctx context.Context, q string, limit int) ([]verbatim.SpeakerSummary, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var a args
	w := `q.speaker_fold IS NOT NULL AND ` + statementCond
	if f := storekit.Fold(q); f != "" {
		w += ` AND (q.speaker_fold LIKE ` + a.add("%"+storekit.EscapeLike(f)+"%") +
			` OR q.speaker_entity IN (SELECT entity_id FROM aliases WHERE alias LIKE ` + a.add(storekit.EscapeLike(f)+"%") + `))`
	}
	rows, err := s.pool.Query(ctx, `SELECT max(q.speaker), count(*), count(DISTINCT q.article_id),
		coalesce(min(nullif(q.day,'')),''), coalesce(max(nullif(q.day,'')),'')
		FROM quotes q WHERE `+w+` GROUP BY q.speaker_fold ORDER BY count(*) DESC, max(q.speaker) LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, err
	}
	out := []verbatim.SpeakerSummary{}
	var sp verbatim.SpeakerSummary
	_, err = pgx.ForEachRow(rows, []any{&sp.Name, &sp.Quotes, &sp.Articles, &sp.First, &sp.Last}, func() error {
		out = append(out, sp)
		return nil
	})
	return out, err
}

// Speaker returns everything a person said, oldest first (the first
// 5,000 statements; EachQuote with QuoteQuery.Person streams them all),
// with the outlets quoting them, their statements per month, their roles
// and name forms, as the SQLite store does.
func (s *DB) Speaker(ctx context.Context, name string) (*verbatim.SpeakerDetail, error) {
	var a args
	cond, err := s.personCond(ctx, name, &a)
	if err != nil {
		return nil, err
	}
	cond += ` AND ` + statementCond // statements: what the person said
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
	d := storekit.Speaker(hits, storekit.Fold(name))
	d.Outlets, d.Months = []verbatim.OutletCount{}, []verbatim.MonthCount{}
	// counts over every statement, not only those listed
	if err := s.pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT q.article_id), coalesce(min(nullif(q.day,'')),''),
		coalesce(max(nullif(q.day,'')),''), count(*) FILTER (WHERE q.day = '') FROM quotes q WHERE `+cond, a...).
		Scan(&d.Quotes, &d.Articles, &d.First, &d.Last, &d.Undated); err != nil {
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
	rows, err = s.pool.Query(ctx, `SELECT e.roles, e.mentions, count(*) FROM quotes q JOIN entities e ON e.id = q.speaker_entity
		WHERE `+cond+` GROUP BY e.id, e.roles, e.mentions ORDER BY e.id`, a...)
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

func (s *DB) stories(ctx context.Context, where string, args ...any) ([]verbatim.StorySummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT s.id, s.title, coalesce(a.ext_id,''), coalesce(a.title,''), coalesce(a.outlet,''),
		coalesce(a.published,'') FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id
		LEFT JOIN articles a ON a.id = sa.article_id `+where+` ORDER BY s.id, `+storekit.UndatedLast("a.published")+`, a.published, a.id`, args...)
	if err != nil {
		return nil, err
	}
	out := []verbatim.StorySummary{}
	var id, title string
	var r verbatim.ArticleRef
	_, err = pgx.ForEachRow(rows, []any{&id, &title, &r.ID, &r.Title, &r.Outlet, &r.Published}, func() error {
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, verbatim.StorySummary{ID: id, Title: title, Articles: []verbatim.ArticleRef{}})
		}
		if r.ID != "" {
			st := &out[len(out)-1]
			st.Articles = append(st.Articles, r)
		}
		return nil
	})
	return out, err
}

// Stories lists the stories with their articles.
func (s *DB) Stories(ctx context.Context) ([]verbatim.StorySummary, error) { return s.stories(ctx, "") }

// Story returns one story with the statements of its articles in time order.
func (s *DB) Story(ctx context.Context, id string) (*verbatim.StoryDetail, error) {
	ss, err := s.stories(ctx, `WHERE s.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, verbatim.ErrNotFound
	}
	rows, err := s.pool.Query(ctx, `SELECT `+hitCols+` FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		JOIN quotes q ON q.article_id = a.id WHERE sa.story_id = $1 AND `+statementCond+` ORDER BY `+storekit.UndatedLast("q.day")+`, q.day, a.published, q.article_id, q.start LIMIT 5000`, id)
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, err
	}
	return &verbatim.StoryDetail{StorySummary: ss[0], Timeline: hits}, nil
}

// Stats counts what is stored (statements and their speakers, as search
// counts them), cached until an article or a quote is stored.
func (s *DB) Stats(ctx context.Context) (verbatim.StoreStats, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return verbatim.StoreStats{}, err
	}
	st, err := s.stats.Get(gen, func() (verbatim.StoreStats, error) {
		var st verbatim.StoreStats
		err := s.pool.QueryRow(ctx, storekit.StatsSQL(`SELECT count(DISTINCT outlet) FROM articles WHERE outlet <> ''`)).
			Scan(storekit.StatsDest(&st)...)
		return st, err
	})
	if err != nil {
		return st, err
	}
	// stories change without a new article (a regrouping): counted each time
	err = s.pool.QueryRow(ctx, `SELECT count(*) FROM stories`).Scan(&st.Stories)
	return st, err
}
