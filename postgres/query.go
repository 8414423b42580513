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
		err := s.pool.QueryRow(ctx, storekit.StatsSQL(`SELECT count(DISTINCT outlet) FROM articles WHERE outlet <> ''`)).
			Scan(storekit.StatsDest(&st)...)
		return st, err
	})
	if err != nil {
		return st, err
	}
	err = s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM speakers WHERE statements > 0) + (SELECT count(DISTINCT speaker_fold) FROM quotes
		WHERE speaker_id IS NULL AND speaker_fold IS NOT NULL AND kind = 'statement'), (SELECT count(*) FROM stories)`).
		Scan(&st.Speakers, &st.Stories)
	return st, err
}
