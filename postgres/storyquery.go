package postgres

// Story queries: as the SQLite store answers them (sqlite/storyquery.go;
// orders, pages and report lists from storekit).

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// stories returns the summaries of the stories a WHERE clause (on s, the
// stories, and t, their topics) selects, latest first unless it orders
// them.
func (s *DB) stories(ctx context.Context, where string, args ...any) ([]verbatim.StorySummary, error) {
	if !strings.Contains(where, "ORDER BY") {
		order, _ := storekit.StoryOrder("")
		where += order
	}
	rows, err := s.pool.Query(ctx, `SELECT `+storekit.StoryCols+` FROM stories s LEFT JOIN topics t ON t.id = s.topic `+where, args...)
	if err != nil {
		return nil, queryErr(err)
	}
	out := []verbatim.StorySummary{}
	var st verbatim.StorySummary
	var people string
	_, err = pgx.ForEachRow(rows, []any{&st.ID, &st.Title, &st.Topic, &st.TopicLabel, &st.First, &st.Last, &st.Articles, &st.Outlets, &people}, func() error {
		st.People = storekit.ParseStoryPeople(people)
		out = append(out, st)
		return nil
	})
	return out, queryErr(err)
}

// Stories lists stories a page at a time: latest publication first
// (undated last) or most articles first, by the words of their articles or
// by topic.
func (s *DB) Stories(ctx context.Context, q verbatim.StoryQuery) (verbatim.StoryResults, error) {
	res := verbatim.StoryResults{Stories: []verbatim.StorySummary{}}
	if err := q.Check(); err != nil {
		return res, err
	}
	order, err := storekit.StoryOrder(q.Sort)
	if err != nil {
		return res, err
	}
	var where []string
	var a args
	if text := strings.TrimSpace(q.Text); text != "" {
		if err := storekit.CheckSyntax(text, []string{"title", "text"}); err != nil {
			return res, err
		}
		tq, err := tsQuery(text, false)
		if err != nil {
			return res, err
		}
		if tq == "" {
			return res, nil
		}
		where = append(where, `s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
			WHERE a.tsv @@ `+a.add(tq)+`::tsquery)`)
	}
	if t := strings.TrimSpace(q.Topic); t != "" {
		where = append(where, `s.topic = `+a.add(t))
	}
	w := whereOf(where)
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM stories s`+w, a...).Scan(&res.Total); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := storekit.Page(q.Limit, q.Offset)
	cur, err := storekit.ParseCursor(q.Cursor, storekit.StorySort(q.Sort))
	if err != nil {
		return res, err
	}
	if cur != nil { // where the last page stopped, through the order's index
		where = append(where, storekit.StoryAfter(cur, a.add))
		w = whereOf(where)
		offset = 0
	}
	if res.Stories, err = s.stories(ctx, w+order+` LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...); err != nil {
		return res, err
	}
	if n := len(res.Stories); n == limit {
		last := res.Stories[n-1]
		var seq int64
		if err := s.pool.QueryRow(ctx, `SELECT seq FROM stories WHERE id = $1`, last.ID).Scan(&seq); err != nil {
			return res, queryErr(err)
		}
		res.Next = storekit.StoryCursor(q.Sort, last.Last, last.Articles, seq, offset+n)
	}
	return res, nil
}

// Story returns one story: its summary, its outlets, a page of its
// articles and a page of its statements, each with every report.
func (s *DB) Story(ctx context.Context, id string, p verbatim.StoryPage) (*verbatim.StoryDetail, error) {
	ss, err := s.stories(ctx, `WHERE s.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, verbatim.ErrNotFound
	}
	d := &verbatim.StoryDetail{StorySummary: ss[0], OutletList: []verbatim.OutletCount{}, ArticleList: []verbatim.ArticleRef{},
		Statements: []verbatim.StoryStatement{}}
	limit, offset, alimit, aoffset := storekit.StoryPageBounds(p)
	rows, err := s.pool.Query(ctx, `SELECT a.outlet, count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = $1 GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet`, id)
	if err != nil {
		return nil, err
	}
	var o verbatim.OutletCount
	if _, err := pgx.ForEachRow(rows, []any{&o.Outlet, &o.Count}, func() error {
		d.OutletList = append(d.OutletList, o)
		return nil
	}); err != nil {
		return nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT a.ext_id, a.title, a.outlet, a.published FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = $1
		ORDER BY `+storekit.UndatedLast("a.published")+`, a.published, a.id LIMIT $2 OFFSET $3`, id, alimit, aoffset)
	if err != nil {
		return nil, err
	}
	var r verbatim.ArticleRef
	if _, err := pgx.ForEachRow(rows, []any{&r.ID, &r.Title, &r.Outlet, &r.Published}, func() error {
		d.ArticleList = append(d.ArticleList, r)
		return nil
	}); err != nil {
		return nil, err
	}
	// a story's statements: what speaker pages and timelines show
	// (attributions of the kind statement, judged by the first report)
	const from = `statements st JOIN quotes q ON q.id = rtrim(split_part(st.quotes, ',', 1), 's')::bigint
		WHERE st.story_id = $1 AND ` + statementCond
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+from, id).Scan(&d.StatementsTotal); err != nil || d.StatementsTotal == 0 {
		return d, err
	}
	rows, err = s.pool.Query(ctx, `SELECT st.id, st.speaker, st.text, st.said_on, st.outlets, st.quotes FROM `+from+`
		ORDER BY `+storekit.UndatedLast("st.said_on")+`, st.said_on, substr(st.id, 2)::bigint LIMIT $2 OFFSET $3`, id, limit, offset)
	if err != nil {
		return nil, err
	}
	var page []storekit.StatementRow
	var sr storekit.StatementRow
	if _, err := pgx.ForEachRow(rows, []any{&sr.ID, &sr.Speaker, &sr.Text, &sr.SaidOn, &sr.Outlets, &sr.Quotes}, func() error {
		page = append(page, sr)
		return nil
	}); err != nil {
		return nil, err
	}
	d.Statements, err = storekit.StoryStatements(page, func(ids []int64) (map[int64]verbatim.StatementReport, error) {
		rows, err := s.pool.Query(ctx, `SELECT q.id, a.ext_id, a.title, a.outlet, a.published, q.start FROM quotes q
			JOIN articles a ON a.id = q.article_id WHERE q.id = ANY($1)`, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[int64]verbatim.StatementReport, len(ids))
		var qid int64
		var r verbatim.StatementReport
		_, err = pgx.ForEachRow(rows, []any{&qid, &r.ArticleID, &r.Title, &r.Outlet, &r.Published, &r.Start}, func() error {
			out[qid] = r
			return nil
		})
		return out, err
	})
	return d, err
}

// Topics lists topics, most articles first, each with the titles of its
// three largest stories.
func (s *DB) Topics(ctx context.Context, q verbatim.TopicQuery) (verbatim.TopicResults, error) {
	res := verbatim.TopicResults{Topics: []verbatim.TopicSummary{}}
	if err := q.Check(); err != nil {
		return res, err
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM topics`).Scan(&res.Total); err != nil || res.Total == 0 {
		return res, err
	}
	limit, offset := storekit.Page(q.Limit, q.Offset)
	rows, err := s.pool.Query(ctx, `SELECT id, label, stories, articles, last FROM topics
		ORDER BY articles DESC, stories DESC, substr(id, 2)::bigint LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return res, err
	}
	var t verbatim.TopicSummary
	if _, err := pgx.ForEachRow(rows, []any{&t.ID, &t.Label, &t.Stories, &t.Articles, &t.Last}, func() error {
		res.Topics = append(res.Topics, t)
		return nil
	}); err != nil {
		return res, err
	}
	for i := range res.Topics {
		t := &res.Topics[i]
		t.Titles = []string{}
		rows, err := s.pool.Query(ctx, `SELECT title FROM stories WHERE topic = $1 ORDER BY size DESC, seq LIMIT 3`, t.ID)
		if err != nil {
			return res, err
		}
		var title string
		if _, err := pgx.ForEachRow(rows, []any{&title}, func() error {
			t.Titles = append(t.Titles, title)
			return nil
		}); err != nil {
			return res, err
		}
	}
	return res, nil
}

// StoryArticles returns the ids of a story's articles in publication order
// (undated last) and its syndicated copies (copy id -> original id).
func (s *DB) StoryArticles(ctx context.Context, id string) ([]string, map[string]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.ext_id, coalesce(o.ext_id, '') FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id
		LEFT JOIN article_copies c ON c.article_id = a.id LEFT JOIN articles o ON o.id = c.copy_of
		WHERE sa.story_id = $1 ORDER BY `+storekit.UndatedLast("a.published")+`, a.published, a.id`, id)
	if err != nil {
		return nil, nil, err
	}
	ids := []string{}
	var copies map[string]string
	var a, orig string
	_, err = pgx.ForEachRow(rows, []any{&a, &orig}, func() error {
		ids = append(ids, a)
		if orig != "" {
			if copies == nil {
				copies = map[string]string{}
			}
			copies[a] = orig
		}
		return nil
	})
	return ids, copies, err
}
