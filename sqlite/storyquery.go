package sqlite

// Story queries: stories listed a page at a time (latest or largest first,
// by the words of their articles or by topic), a story's summary with pages
// of its articles and statements, and topics.

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/verbatim-news/verbatim"
)

const storyCols = `s.id, s.title, s.topic, coalesce(t.label, ''), s.first, s.last, s.size, s.outlets, s.people`

// stories returns the summaries of the stories a WHERE clause (on s, the
// stories, and t, their topics) selects, in an ORDER BY's order.
func (s *DB) stories(ctx context.Context, where string, args ...any) ([]verbatim.StorySummary, error) {
	if !strings.Contains(where, "ORDER BY") {
		where += ` ORDER BY s.last DESC, s.size DESC, s.seq`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+storyCols+` FROM stories s LEFT JOIN topics t ON t.id = s.topic `+where, args...)
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
		st.People = parseStoryPeople(people)
		out = append(out, st)
	}
	return out, queryErr(rows.Err())
}

// parseStoryPeople reads a story row's people: [[id, name, mentions], ...].
func parseStoryPeople(s string) []verbatim.StoryPerson {
	var raw [][3]any
	if s == "" || json.Unmarshal([]byte(s), &raw) != nil || len(raw) == 0 {
		return nil
	}
	out := make([]verbatim.StoryPerson, 0, len(raw))
	for _, r := range raw {
		id, _ := r[0].(string)
		name, _ := r[1].(string)
		n, _ := r[2].(float64)
		out = append(out, verbatim.StoryPerson{ID: id, Name: name, Mentions: int(n)})
	}
	return out
}

// Stories lists stories a page at a time: latest publication first
// (undated last) or most articles first; Text selects the stories with an
// article whose title or text matches (words, OR, NOT, prefix*), Topic the
// stories of one topic.
func (s *DB) Stories(ctx context.Context, q verbatim.StoryQuery) (verbatim.StoryResults, error) {
	res := verbatim.StoryResults{Stories: []verbatim.StorySummary{}}
	var where []string
	var args []any
	if text := strings.TrimSpace(q.Text); text != "" {
		where = append(where, `s.id IN (SELECT sa.story_id FROM story_articles sa WHERE sa.article_id IN
			(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`)
		args = append(args, text)
	}
	if t := strings.TrimSpace(q.Topic); t != "" {
		where = append(where, `s.topic = ?`)
		args = append(args, t)
	}
	order := ` ORDER BY s.last DESC, s.size DESC, s.seq`
	switch q.Sort {
	case "", "recent":
	case "size":
		order = ` ORDER BY s.size DESC, s.last DESC, s.seq`
	default:
		return res, &verbatim.QueryError{Msg: `sort: "recent" or "size", not "` + q.Sort + `"`}
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM stories s`+w, args...).Scan(&res.Total); err != nil {
		if strings.Contains(err.Error(), "phrase queries are not supported") {
			return res, &verbatim.QueryError{Msg: `search syntax: story search takes words, OR, NOT and prefix*, not "phrases"`}
		}
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := pageOf(q.Limit, q.Offset)
	st, err := s.stories(ctx, w+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return res, err
	}
	res.Stories = st
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
		Statements: []verbatim.Statement{}}
	rows, err := s.db.QueryContext(ctx, `SELECT a.outlet, count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		WHERE sa.story_id = ? GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o verbatim.OutletCount
		if err := rows.Scan(&o.Outlet, &o.Articles); err != nil {
			rows.Close()
			return nil, err
		}
		d.OutletList = append(d.OutletList, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	alimit, aoffset := p.ArticleLimit, p.ArticleOffset
	if alimit <= 0 {
		alimit = 20
	}
	alimit, aoffset = pageOf(alimit, aoffset)
	rows, err = s.db.QueryContext(ctx, `SELECT a.ext_id, a.title, a.outlet, a.published FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?
		ORDER BY a.published = '', a.published, a.id LIMIT ? OFFSET ?`, id, alimit, aoffset)
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
	if err := s.storyStatements(ctx, d, p); err != nil {
		return nil, err
	}
	return d, nil
}

// storyStatements fills a page of a story's statements with their reports.
func (s *DB) storyStatements(ctx context.Context, d *verbatim.StoryDetail, p verbatim.StoryPage) error {
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM statements WHERE story_id = ?`, d.ID).Scan(&d.StatementsTotal); err != nil {
		return err
	}
	if d.StatementsTotal == 0 {
		return nil
	}
	limit, offset := p.Limit, p.Offset
	if limit <= 0 {
		limit = 50
	}
	limit, offset = pageOf(limit, offset)
	rows, err := s.db.QueryContext(ctx, `SELECT id, speaker, text, said_on, outlets, quotes FROM statements
		WHERE story_id = ? ORDER BY said_on = '', said_on, CAST(substr(id, 2) AS INTEGER) LIMIT ? OFFSET ?`, d.ID, limit, offset)
	if err != nil {
		return err
	}
	var lists [][]StatementQuote
	var ids []any
	for rows.Next() {
		var st verbatim.Statement
		var outlets, list string
		if err := rows.Scan(&st.ID, &st.Speaker, &st.Text, &st.SaidOn, &outlets, &list); err != nil {
			rows.Close()
			return err
		}
		st.Outlets = []string{}
		if outlets != "" {
			st.Outlets = strings.Split(outlets, "; ")
		}
		qs, err := parseQuoteList(st.ID, list)
		if err != nil {
			rows.Close()
			return err
		}
		for _, q := range qs {
			ids = append(ids, q.Quote)
		}
		lists = append(lists, qs)
		d.Statements = append(d.Statements, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	reports := make(map[int64]verbatim.StatementReport, len(ids))
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.db.QueryContext(ctx, `SELECT q.id, a.ext_id, a.title, a.outlet, a.published, q.start FROM quotes q
			JOIN articles a ON a.id = q.article_id WHERE q.id IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, chunk...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var qid int64
			var r verbatim.StatementReport
			if err := rows.Scan(&qid, &r.ArticleID, &r.Title, &r.Outlet, &r.Published, &r.Start); err != nil {
				rows.Close()
				return err
			}
			reports[qid] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i, qs := range lists {
		st := &d.Statements[i]
		st.Reports = make([]verbatim.StatementReport, 0, len(qs))
		for _, q := range qs {
			if r, ok := reports[q.Quote]; ok {
				r.Syndicated = q.Syndicated
				st.Reports = append(st.Reports, r)
			}
		}
	}
	return nil
}

// Topics lists topics, most articles first, each with the titles of its
// three largest stories.
func (s *DB) Topics(ctx context.Context, q verbatim.TopicQuery) (verbatim.TopicResults, error) {
	res := verbatim.TopicResults{Topics: []verbatim.TopicSummary{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM topics`).Scan(&res.Total); err != nil || res.Total == 0 {
		return res, err
	}
	limit, offset := pageOf(q.Limit, q.Offset)
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
		WHERE sa.story_id = ? ORDER BY a.published = '', a.published, a.id`, id)
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
