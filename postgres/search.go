package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// Searches answer as the SQLite store's do (package sqlite, search.go):
// the same filters, orders, limits and messages (storekit), the words found
// marked in the page's texts and article snippets cut in Go (storekit).
// Relevance is ts_rank over the search vectors; an article's vector keeps
// no positions, so article search takes no "phrases" here and title:word
// searches the whole article.

// hitCols are the columns of a QuoteHit (scanHit reads them).
const hitCols = `q.id, q.text, q.type, coalesce(q.speaker,''), q.cue, q.addressee, q.via, a.ext_id, a.title, a.outlet,
	a.published, q.said_on, q.start, q."end", q.speaker_mention, q.kind, q.confidence, a.url,
	coalesce((SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = q.article_id ORDER BY sa.story_id LIMIT 1), '')`

// hitRow reads rows of hitCols into h.
type hitRow struct {
	h         verbatim.QuoteHit
	typ, kind string
}

func (r *hitRow) dest() []any {
	h := &r.h
	return []any{&h.ID, &h.Text, &r.typ, &h.Speaker, &h.Cue, &h.Addressee, &h.Via, &h.ArticleID, &h.Title,
		&h.Outlet, &h.Published, &h.SaidOn, &h.Start, &h.End, &h.Mention, &r.kind, &h.Confidence, &h.URL, &h.Story}
}

func (r *hitRow) hit() verbatim.QuoteHit {
	r.h.Type, r.h.Kind = verbatim.QuoteType(r.typ), verbatim.QuoteKind(r.kind)
	return r.h
}

func scanHits(rows pgx.Rows) ([]verbatim.QuoteHit, error) {
	hits := []verbatim.QuoteHit{}
	var r hitRow
	_, err := pgx.ForEachRow(rows, r.dest(), func() error {
		hits = append(hits, r.hit())
		return nil
	})
	return hits, err
}

// plan is a search planned: its conditions and their arguments, its order.
type plan struct {
	where []string
	a     args
	order string
	sort  string
	text  string // the query as given, "" without one
	none  bool   // nothing can match
}

// outletCond keeps the rows of articles from outlets whose name holds o
// (case and accents ignored; storekit.OutletsLike).
func (s *DB) outletCond(ctx context.Context, p *plan, o string) error {
	f := storekit.Fold(o)
	if f == "" {
		return nil
	}
	all, err := s.outlets(ctx)
	if err != nil {
		return err
	}
	names := storekit.OutletsLike(all, f)
	if len(names) == 0 {
		p.none = true
		return nil
	}
	p.where = append(p.where, `a.outlet = ANY(`+p.a.add(names)+`)`)
	return nil
}

// outlets lists the outlets with their number of articles, most first,
// cached until an article is stored.
func (s *DB) outlets(ctx context.Context) ([]verbatim.OutletCount, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	return s.outletList.Get(gen, func() ([]verbatim.OutletCount, error) {
		rows, err := s.pool.Query(ctx, `SELECT outlet, count(*) FROM articles WHERE outlet <> '' GROUP BY outlet ORDER BY count(*) DESC, outlet`)
		if err != nil {
			return nil, err
		}
		l := []verbatim.OutletCount{}
		var o verbatim.OutletCount
		_, err = pgx.ForEachRow(rows, []any{&o.Outlet, &o.Count}, func() error { l = append(l, o); return nil })
		return l, err
	})
}

// planQuotes plans a quote search.
func (s *DB) planQuotes(ctx context.Context, qq verbatim.QuoteQuery, export bool) (*plan, error) {
	if err := qq.Check(export); err != nil {
		return nil, err
	}
	p := &plan{text: strings.TrimSpace(qq.Text)}
	if err := storekit.CheckSyntax(p.text, []string{"text"}); err != nil {
		return nil, err
	}
	tq := "" // the tsquery's parameter
	if p.text != "" {
		q, err := tsQuery(p.text, true)
		if err != nil {
			return nil, err
		}
		if q == "" {
			p.none = true // only punctuation: nothing to find
			return p, nil
		}
		tq = p.a.add(q)
		p.where = append(p.where, `q.tsv @@ `+tq+`::tsquery`)
	}
	if strings.TrimSpace(qq.Speaker) != "" {
		id, err := storekit.ResolveSpeaker(ctx, lookup{s}, qq.Speaker, qq.SpeakerType)
		if errors.Is(err, verbatim.ErrNotFound) {
			p.none = true
			return p, nil
		}
		if err != nil {
			return nil, err
		}
		p.where = append(p.where, speakerCond(id, &p.a))
	}
	if qq.SpeakerType != "" {
		p.where = append(p.where, `q.speaker_type = `+p.a.add(string(qq.SpeakerType)))
	}
	if err := s.outletCond(ctx, p, qq.Outlet); err != nil || p.none {
		return p, err
	}
	if qq.Article != "" {
		p.where = append(p.where, `a.ext_id = `+p.a.add(qq.Article))
	}
	if qq.Story != "" {
		p.where = append(p.where, `q.article_id IN (SELECT article_id FROM story_articles WHERE story_id = `+p.a.add(qq.Story)+`)`)
	}
	var types []string
	for _, t := range strings.Split(qq.Type, ",") {
		if t = strings.TrimSpace(t); t != "" {
			types = append(types, t)
		}
	}
	if len(types) > 0 {
		p.where = append(p.where, `q.type = ANY(`+p.a.add(types)+`)`)
	}
	var err error
	if p.where, err = dayRange("q.day", qq.Since, qq.Until, p.where, &p.a); err != nil {
		return nil, err
	}
	kinds, minConf, err := storekit.QuoteKinds(qq)
	if err != nil {
		return nil, err
	}
	if len(kinds) > 0 {
		p.where = append(p.where, `q.kind = ANY(`+p.a.add(kinds)+`)`)
	}
	if minConf > 0 {
		p.where = append(p.where, `q.confidence >= `+p.a.add(minConf))
	}
	if qq.NamedOnly {
		p.where = append(p.where, `q.speaker IS NOT NULL`)
	}
	p.sort = storekit.SortOf(qq.Sort, p.text, true)
	switch p.sort {
	case verbatim.SortRelevance:
		p.order = `ts_rank(q.tsv, ` + tq + `::tsquery, 1) DESC, q.day DESC, q.id DESC`
	case verbatim.SortOldest:
		p.order = storekit.UndatedLast("q.day") + `, q.day, q.id`
	case verbatim.SortAdded:
		p.order = `q.id DESC`
	default:
		p.order = `q.day DESC, q.id DESC`
	}
	return p, nil
}

// Quotes searches quotes: one page, newest first by default.
func (s *DB) Quotes(ctx context.Context, qq verbatim.QuoteQuery) (verbatim.QuoteResults, error) {
	res := verbatim.QuoteResults{Quotes: []verbatim.QuoteHit{}}
	p, err := s.planQuotes(ctx, qq, false)
	if err != nil || p.none {
		return res, err
	}
	res.Sort = p.sort
	from := ` FROM quotes q JOIN articles a ON a.id = q.article_id` + whereOf(p.where)
	if res.Total, res.Count, err = s.count(ctx, p, from); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := storekit.Page(qq.Limit, qq.Offset)
	if from, err = p.after(qq.Cursor, &offset, "q.day", "q.id", ` FROM quotes q JOIN articles a ON a.id = q.article_id`); err != nil {
		return res, err
	}
	rows, err := s.pool.Query(ctx, `SELECT `+hitCols+from+` ORDER BY `+p.order+` LIMIT `+p.a.add(limit)+` OFFSET `+p.a.add(offset), p.a...)
	if err != nil {
		return res, queryErr(err)
	}
	if res.Quotes, err = scanHits(rows); err != nil {
		return res, queryErr(err)
	}
	if p.text != "" {
		storekit.HighlightQuotes(p.text, res.Quotes)
	}
	if n := len(res.Quotes); n == limit {
		c := storekit.Cursor{Sort: p.sort, ID: res.Quotes[n-1].ID, Offset: offset + n}
		if err := s.pool.QueryRow(ctx, `SELECT day FROM quotes WHERE id = $1`, c.ID).Scan(&c.Day); err != nil {
			return res, queryErr(err)
		}
		res.Next = c.Encode()
	}
	return res, nil
}

// after adds to a plan the keyset condition of a cursor (day, id: the
// columns of its order) and returns its FROM and WHERE (from: the FROM);
// a ranked order's cursor gives its offset instead.
func (p *plan) after(cursor string, offset *int, day, id, from string) (string, error) {
	c, err := storekit.ParseCursor(cursor, p.sort)
	if err != nil || c == nil {
		return from + whereOf(p.where), err
	}
	if cond := storekit.KeysetCond(c, day, id, p.a.add); cond != "" {
		p.where = append(p.where, cond)
		*offset = 0
	} else {
		*offset = c.Offset
	}
	return from + whereOf(p.where), nil
}

// EachQuote streams every quote a query matches, in its order, without a
// cap.
func (s *DB) EachQuote(ctx context.Context, qq verbatim.QuoteQuery, fn func(*verbatim.QuoteHit) error) error {
	p, err := s.planQuotes(ctx, qq, true)
	if err != nil || p.none {
		return err
	}
	q := `SELECT ` + hitCols + ` FROM quotes q JOIN articles a ON a.id = q.article_id` + whereOf(p.where) + ` ORDER BY ` + p.order
	if qq.Limit > 0 {
		q += ` LIMIT ` + p.a.add(qq.Limit)
	}
	q += ` OFFSET ` + p.a.add(max(qq.Offset, 0))
	rows, err := s.pool.Query(ctx, q, p.a...)
	if err != nil {
		return queryErr(err)
	}
	var r hitRow
	_, err = pgx.ForEachRow(rows, r.dest(), func() error {
		h := r.hit()
		return fn(&h)
	})
	return queryErr(err)
}

// planArticles plans an article search.
func (s *DB) planArticles(ctx context.Context, aq verbatim.ArticleQuery, export bool) (*plan, error) {
	if err := aq.Check(export); err != nil {
		return nil, err
	}
	p := &plan{text: strings.TrimSpace(aq.Text)}
	if err := storekit.CheckSyntax(p.text, []string{"title", "text"}); err != nil {
		return nil, err
	}
	tq := ""
	if p.text != "" {
		q, err := tsQuery(p.text, false)
		if err != nil {
			return nil, err
		}
		if q == "" {
			p.none = true
			return p, nil
		}
		tq = p.a.add(q)
		p.where = append(p.where, `a.tsv @@ `+tq+`::tsquery`)
	}
	if err := s.outletCond(ctx, p, aq.Outlet); err != nil || p.none {
		return p, err
	}
	var err error
	if p.where, err = dayRange("a.published", aq.Since, aq.Until, p.where, &p.a); err != nil {
		return nil, err
	}
	p.sort = storekit.SortOf(aq.Sort, p.text, false)
	switch p.sort {
	case verbatim.SortRelevance:
		p.order = `ts_rank(a.tsv, ` + tq + `::tsquery, 1) DESC, a.published DESC, a.id DESC`
	case verbatim.SortOldest:
		p.order = storekit.UndatedLast("a.published") + `, a.published, a.id`
	case verbatim.SortAdded:
		p.order = `a.id DESC`
	default:
		p.order = `a.published DESC, a.id DESC`
	}
	return p, nil
}

// articleCols are the columns of an ArticleHit without its snippet.
const articleCols = `a.ext_id, a.title, a.outlet, a.url, a.published, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),
	coalesce((SELECT s.id || chr(1) || s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id
		WHERE sa.article_id = a.id ORDER BY s.id LIMIT 1), '')`

// articleRow reads rows of articleCols (and more columns) into h.
type articleRow struct {
	h     verbatim.ArticleHit
	story string
}

func (r *articleRow) dest(extra ...any) []any {
	h := &r.h
	return append([]any{&h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Quotes, &r.story}, extra...)
}

func (r *articleRow) hit() verbatim.ArticleHit {
	r.h.Story, r.h.StoryTitle, _ = strings.Cut(r.story, "\x01")
	return r.h
}

// Articles searches article titles and text: one page, best match first
// when there is a text query (else newest first), each with a snippet.
func (s *DB) Articles(ctx context.Context, aq verbatim.ArticleQuery) (verbatim.ArticleResults, error) {
	res := verbatim.ArticleResults{Articles: []verbatim.ArticleHit{}}
	p, err := s.planArticles(ctx, aq, false)
	if err != nil || p.none {
		return res, err
	}
	res.Sort = p.sort
	from := ` FROM articles a` + whereOf(p.where)
	if res.Total, res.Count, err = s.count(ctx, p, from); err != nil {
		return res, queryErr(err)
	}
	if res.Total == 0 {
		return res, nil
	}
	limit, offset := storekit.Page(aq.Limit, aq.Offset)
	if from, err = p.after(aq.Cursor, &offset, "a.published", "a.id", ` FROM articles a`); err != nil {
		return res, err
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, `+articleCols+`, a.text`+from+` ORDER BY `+p.order+
		` LIMIT `+p.a.add(limit)+` OFFSET `+p.a.add(offset), p.a...)
	if err != nil {
		return res, queryErr(err)
	}
	terms := storekit.QueryTerms(p.text)
	var r articleRow
	var text string
	var last int64
	_, err = pgx.ForEachRow(rows, append([]any{&last}, r.dest(&text)...), func() error {
		h := r.hit()
		var words []verbatim.Span
		if p.text != "" {
			words = storekit.HighlightSpans(text, terms)
		}
		h.Snippet, h.Highlights = storekit.Snippet(text, h.Title, words)
		res.Articles = append(res.Articles, h)
		return nil
	})
	if err != nil {
		return res, queryErr(err)
	}
	if n := len(res.Articles); n == limit {
		c := storekit.Cursor{Sort: p.sort, ID: last, Offset: offset + n}
		if err := s.pool.QueryRow(ctx, `SELECT published FROM articles WHERE id = $1`, last).Scan(&c.Day); err != nil {
			return res, queryErr(err)
		}
		res.Next = c.Encode()
	}
	return res, nil
}

// EachArticle streams every article a query matches, in its order, without
// a cap (no snippets).
func (s *DB) EachArticle(ctx context.Context, aq verbatim.ArticleQuery, fn func(*verbatim.ArticleHit) error) error {
	p, err := s.planArticles(ctx, aq, true)
	if err != nil || p.none {
		return err
	}
	q := `SELECT ` + articleCols + ` FROM articles a` + whereOf(p.where) + ` ORDER BY ` + p.order
	if aq.Limit > 0 {
		q += ` LIMIT ` + p.a.add(aq.Limit)
	}
	q += ` OFFSET ` + p.a.add(max(aq.Offset, 0))
	rows, err := s.pool.Query(ctx, q, p.a...)
	if err != nil {
		return queryErr(err)
	}
	var r articleRow
	_, err = pgx.ForEachRow(rows, r.dest(), func() error {
		h := r.hit()
		return fn(&h)
	})
	return queryErr(err)
}

// generation changes whenever an article or a quote is stored.
func (s *DB) generation(ctx context.Context) (string, error) {
	var a, q int64
	err := s.pool.QueryRow(ctx, storekit.GenerationSQL).Scan(&a, &q)
	return storekit.Generation(a, q), err
}

// countCap is the most matches a search by words counts one by one.
const countCap = 1000

// count counts the rows of a plan (from: its FROM and WHERE). A search by
// words counts its first countCap matches; past them, the total is the
// planner's estimate of its rows (from the statistics of the search
// vectors), and the answer says it is one (verbatim.Count): an exact count
// would read every match.
func (s *DB) count(ctx context.Context, p *plan, from string) (int, verbatim.Count, error) {
	var c verbatim.Count
	var n int
	if p.text == "" {
		err := s.pool.QueryRow(ctx, `SELECT count(*)`+from, p.a...).Scan(&n)
		return n, c, queryErr(err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1`+from+` LIMIT `+strconv.Itoa(countCap)+`) x`, p.a...).Scan(&n); err != nil {
		return 0, c, queryErr(err)
	}
	if n < countCap {
		return n, c, nil
	}
	var plan []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	var js []byte
	if err := s.pool.QueryRow(ctx, `EXPLAIN (FORMAT JSON) SELECT 1`+from, p.a...).Scan(&js); err != nil {
		return 0, c, queryErr(err)
	}
	if err := json.Unmarshal(js, &plan); err != nil || len(plan) == 0 {
		return n, c, err
	}
	c.Approximate, c.TotalEstimate = true, storekit.Round(max(n, int(plan[0].Plan.Rows)))
	return c.TotalEstimate, c, nil
}
