package sqlite

// Story queries: stories listed a page at a time (latest or largest first,
// by the words of their articles or by topic), a story's summary with pages
// of its articles and statements, and topics.

import (
	"context"
	"strings"

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
	rows, err := s.db.QueryContext(ctx, `SELECT `+storekit.StoryCols+` FROM stories s LEFT JOIN topics t ON t.id = s.topic `+where, args...)
	if err != nil {
		return nil, queryErr(err)
	}
	defer rows.Close()
	out := []verbatim.StorySummary{}
	for rows.Next() {
		var st verbatim.StorySummary
		var people string
		if err := rows.Scan(&st.ID, &st.Title, &st.Topic, &st.TopicLabel, &st.First, &st.Last, &st.Articles, &st.Outlets, &people); err != nil {
			return nil, queryErr(err)
		}
		st.People = storekit.ParseStoryPeople(people)
		out = append(out, st)
	}
	return out, queryErr(rows.Err())
}

// Stories lists stories a page at a time: latest publication first
// (undated last) or most articles first; Text selects the stories with an
// article whose title or text matches (as article search reads it:
// verbatim.SearchSyntax), Topic the stories of one topic.
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
	var args []any
	if text := strings.TrimSpace(q.Text); text != "" {
		cols := []string{"title", "text"}
		if err := storekit.CheckSyntax(text, cols); err != nil {
			return res, err
		}
		where = append(where, `s.id IN (SELECT sa.story_id FROM story_articles sa WHERE sa.article_id IN
			(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`)
		args = append(args, ftsQuery(text, cols))
	}
	if t := strings.TrimSpace(q.Topic); t != "" {
		where = append(where, `s.topic = ?`)
		args = append(args, t)
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM stories s`+w, args...).Scan(&res.Total); err != nil {
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
		cond := storekit.StoryAfter(cur, func(v any) string { args = append(args, v); return "?" })
		if w == "" {
			w = " WHERE " + cond
		} else {
			w += " AND " + cond
		}
		offset = 0
	}
	if res.Stories, err = s.stories(ctx, w+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...); err != nil {
		return res, err
	}
	if n := len(res.Stories); n == limit {
		last := res.Stories[n-1]
		var seq int64
		if err := s.db.QueryRowContext(ctx, `SELECT seq FROM stories WHERE id = ?`, last.ID).Scan(&seq); err != nil {
			return res, queryErr(err)
		}
		res.Next = storekit.StoryCursor(q.Sort, last.Last, last.Articles, seq, offset+n)
	}
	return res, nil
}

// Story returns one story: its summary, its outlets, a page of its
// articles (publication order, undated last) and a page of its statements
// (in the order they were made, undated last), each with every report.
func (s *DB) Story(ctx context.Context, id string, p verbatim.StoryPage) (*verbatim.StoryDetail, error) {
	ss, err := s.stories(ctx, `WHERE s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, verbatim.ErrNotFound
	}
	d := &verbatim.StoryDetail{StorySummary: ss[0], OutletList: []verbatim.OutletCount{}, ArticleList: []verbatim.ArticleRef{},
		Statements: []verbatim.StoryStatement{}}
	limit, offset, alimit, aoffset := storekit.StoryPageBounds(p)
	rows, err := s.db.QueryContext(ctx, `SELECT a.outlet, count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = ? GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o verbatim.OutletCount
		if err := rows.Scan(&o.Outlet, &o.Count); err != nil {
			rows.Close()
			return nil, err
		}
		d.OutletList = append(d.OutletList, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT a.ext_id, a.title, a.outlet, a.published FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?
		ORDER BY `+storekit.UndatedLast("a.published")+`, a.published, a.id LIMIT ? OFFSET ?`, id, alimit, aoffset)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r verbatim.ArticleRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Outlet, &r.Published); err != nil {
			rows.Close()
			return nil, err
		}
		d.ArticleList = append(d.ArticleList, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// a story's statements: what speaker pages and timelines show
	// (attributions of the kind statement, judged by the first report)
	const from = `statements st JOIN quotes q ON q.id = CAST(rtrim(substr(st.quotes, 1, instr(st.quotes || ',', ',') - 1), 's') AS INTEGER)
		WHERE st.story_id = ? AND ` + statementCond
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+from, id).Scan(&d.StatementsTotal); err != nil || d.StatementsTotal == 0 {
		return d, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT st.id, st.speaker, st.text, st.said_on, st.outlets, st.quotes FROM `+from+`
		ORDER BY `+storekit.UndatedLast("st.said_on")+`, st.said_on, CAST(substr(st.id, 2) AS INTEGER) LIMIT ? OFFSET ?`, id, limit, offset)
	if err != nil {
		return nil, err
	}
	var page []storekit.StatementRow
	for rows.Next() {
		var r storekit.StatementRow
		if err := rows.Scan(&r.ID, &r.Speaker, &r.Text, &r.SaidOn, &r.Outlets, &r.Quotes); err != nil {
			rows.Close()
			return nil, err
		}
		page = append(page, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	d.Statements, err = storekit.StoryStatements(page, func(ids []int64) (map[int64]verbatim.StatementReport, error) {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT q.id, a.ext_id, a.title, a.outlet, a.published, q.start FROM quotes q
			JOIN articles a ON a.id = q.article_id WHERE q.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := make(map[int64]verbatim.StatementReport, len(ids))
		for rows.Next() {
			var qid int64
			var r verbatim.StatementReport
			if err := rows.Scan(&qid, &r.ArticleID, &r.Title, &r.Outlet, &r.Published, &r.Start); err != nil {
				return nil, err
			}
			out[qid] = r
		}
		return out, rows.Err()
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
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM topics`).Scan(&res.Total); err != nil || res.Total == 0 {
		return res, err
	}
	limit, offset := storekit.Page(q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, stories, articles, last FROM topics
		ORDER BY articles DESC, stories DESC, CAST(substr(id, 2) AS INTEGER) LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var t verbatim.TopicSummary
		if err := rows.Scan(&t.ID, &t.Label, &t.Stories, &t.Articles, &t.Last); err != nil {
			rows.Close()
			return res, err
		}
		res.Topics = append(res.Topics, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	for i := range res.Topics {
		t := &res.Topics[i]
		t.Titles = []string{}
		rows, err := s.db.QueryContext(ctx, `SELECT title FROM stories WHERE topic = ? ORDER BY size DESC, seq LIMIT 3`, t.ID)
		if err != nil {
			return res, err
		}
		for rows.Next() {
			var title string
			if err := rows.Scan(&title); err != nil {
				rows.Close()
				return res, err
			}
			t.Titles = append(t.Titles, title)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
	}
	return res, nil
}

// StoryArticles returns the ids of a story's articles in publication order
// (undated last) and its syndicated copies (copy id -> original id).
func (s *DB) StoryArticles(ctx context.Context, id string) ([]string, map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.ext_id, coalesce(o.ext_id, '') FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id
		LEFT JOIN article_copies c ON c.article_id = a.id LEFT JOIN articles o ON o.id = c.copy_of
		WHERE sa.story_id = ? ORDER BY `+storekit.UndatedLast("a.published")+`, a.published, a.id`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	ids := []string{}
	var copies map[string]string
	for rows.Next() {
		var a, orig string
		if err := rows.Scan(&a, &orig); err != nil {
			return nil, nil, err
		}
		ids = append(ids, a)
		if orig != "" {
			if copies == nil {
				copies = map[string]string{}
			}
			copies[a] = orig
		}
	}
	return ids, copies, rows.Err()
}
