package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// A search runs in two steps. The first finds the ids of the page, reading
// only what filters and orders (the full-text index, the day index, the
// speaker's quotes); the second reads the page's rows, their story and the
// highlighted words of the query for those ids alone. The cost of a page is
// then the cost of finding its ids, whatever it shows. Exports stream the
// rows of the first step's query with the columns of the second.

// hitCols are the columns of a QuoteHit (scanHit reads them).
const hitCols = `q.id, q.text, q.type, coalesce(q.speaker,''), q.cue, q.addressee, q.via, q.confidence, a.ext_id, a.title, a.outlet,
	a.url, a.published, q.said_on, q.start, q.end, q.speaker_mention, q.kind,
	coalesce((SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = q.article_id LIMIT 1), '')`

func scanHit(rows *sql.Rows, h *verbatim.QuoteHit) error {
	var typ, kind string
	err := rows.Scan(&h.ID, &h.Text, &typ, &h.Speaker, &h.Cue, &h.Addressee, &h.Via, &h.Confidence, &h.ArticleID, &h.Title,
		&h.Outlet, &h.URL, &h.Published, &h.SaidOn, &h.Start, &h.End, &h.Mention, &kind, &h.Story)
	h.Type, h.Kind = verbatim.QuoteType(typ), verbatim.QuoteKind(kind)
	return err
}

// scanHits reads every row of hitCols.
func scanHits(rows *sql.Rows) ([]verbatim.QuoteHit, error) {
	defer rows.Close()
	hits := []verbatim.QuoteHit{}
	for rows.Next() {
		var h verbatim.QuoteHit
		if err := scanHit(rows, &h); err != nil {
			return nil, queryErr(err)
		}
		hits = append(hits, h)
	}
	return hits, queryErr(rows.Err())
}

// searchPlan is a query planned: FROM with its joins, the conditions and
// their arguments, the order.
type searchPlan struct {
	from     string // drives: the full-text index or the table
	where    []string
	args     []any
	order    string
	text     string // the full-text query, "" when none
	articles bool   // a condition reads the articles table (a)
	ranked   bool   // ordered by full-text rank
	speaker  bool   // one speaker's quotes drive (the text is checked per quote)
	sort     string // the order (verbatim.Sort…)
	none     bool   // nothing can match (an outlet no article has)
}

func (p *searchPlan) cond(c string, args ...any) {
	p.where = append(p.where, c)
	p.args = append(p.args, args...)
}

func (p *searchPlan) whereSQL() string {
	if len(p.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(p.where, " AND ")
}

// planQuotes plans a quote search. The speaker's quotes (the speaker-id
// index) drive when a speaker is given and the order is by date (the text
// is then checked per quote), else the full-text index, else the day index.
func (s *DB) planQuotes(ctx context.Context, qq verbatim.QuoteQuery) (*searchPlan, error) {
	p := &searchPlan{from: `quotes q`, text: strings.TrimSpace(qq.Text)}
	if err := storekit.CheckSyntax(p.text, []string{"text"}); err != nil {
		return nil, err
	}
	p.text = ftsQuery(p.text, []string{"text"})
	sort := storekit.SortOf(qq.Sort, p.text, true)
	p.sort = sort
	key := "" // the speaker identity asked for
	if strings.TrimSpace(qq.Speaker) != "" {
		k, _, err := s.resolveSpeaker(ctx, qq.Speaker, qq.SpeakerType)
		if errors.Is(err, verbatim.ErrNotFound) {
			p.none = true
			return p, nil
		}
		if err != nil {
			return nil, err
		}
		key = k
	}
	switch {
	case p.text != "" && (key == "" || sort == verbatim.SortRelevance):
		p.from = `quotes_fts f JOIN quotes q ON q.id = f.rowid`
		p.cond(`quotes_fts MATCH ?`, p.text)
		if key != "" {
			c, args := speakerCond(key)
			p.cond(c, args...)
		}
	case key != "":
		c, args := speakerCond(key)
		p.cond(c, args...)
		p.speaker = true
		if p.text != "" {
			p.cond(`q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`, p.text)
		}
	}
	if qq.SpeakerType != "" {
		p.cond(`q.speaker_type = ?`, string(qq.SpeakerType))
	}
	if err := s.outletCond(ctx, p, qq.Outlet); err != nil {
		return nil, err
	}
	if qq.Article != "" {
		p.cond(`q.article_id = (SELECT id FROM articles WHERE ext_id = ?)`, qq.Article)
	}
	if qq.Story != "" {
		p.cond(`q.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)`, qq.Story)
	}
	if ts := splitList(qq.Type); len(ts) > 0 {
		p.cond(`q.type IN (`+placeholders(len(ts))+`)`, ts...)
	}
	var err error
	if p.where, p.args, err = quoteFilters(qq, p.where, p.args); err != nil { // kinds, confidence, named sources
		return nil, err
	}
	if p.where, p.args, err = dayRange("q.day", qq.Since, qq.Until, p.where, p.args); err != nil {
		return nil, err
	}
	switch sort {
	case verbatim.SortRelevance:
		p.order, p.ranked = `f.rank, q.day DESC, q.id DESC`, true
	case verbatim.SortOldest:
		p.order = storekit.UndatedLast("q.day") + `, q.day, q.id`
	case verbatim.SortAdded:
		p.order = `q.id DESC`
		if strings.HasPrefix(p.from, `quotes_fts`) {
			p.order = `f.rowid DESC` // the same order, which the full-text index gives without a sort
		}
	default:
		p.order = `q.day DESC, q.id DESC`
	}
	return p, nil
}

// outletCond keeps the rows of articles from outlets whose name holds o
// (case and accents ignored). The outlets are looked up in the outlets
// table (one row per outlet), so the condition is an index lookup.
func (s *DB) outletCond(ctx context.Context, p *searchPlan, o string) error {
	o = storekit.Fold(o)
	if o == "" {
		return nil
	}
	names, err := s.outletsLike(ctx, o)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		p.none = true
		return nil
	}
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = n
	}
	p.cond(`a.outlet COLLATE NOCASE IN (`+placeholders(len(names))+`)`, args...)
	p.articles = true
	return nil
}

// outletsLike returns the outlets whose name contains the folded text f
// (storekit.OutletsLike).
func (s *DB) outletsLike(ctx context.Context, f string) ([]string, error) {
	all, err := s.outlets(ctx)
	if err != nil {
		return nil, err
	}
	return storekit.OutletsLike(all, f), nil
}

// outlets lists the outlets with their number of articles, most first,
// cached until an article is stored.
func (s *DB) outlets(ctx context.Context) ([]verbatim.OutletCount, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	return s.outletList.Get(gen, func() ([]verbatim.OutletCount, error) {
		rows, err := s.db.QueryContext(ctx, `SELECT name, articles FROM outlets ORDER BY articles DESC, name`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		l := []verbatim.OutletCount{}
		for rows.Next() {
			var o verbatim.OutletCount
			if err := rows.Scan(&o.Outlet, &o.Count); err != nil {
				return nil, err
			}
			l = append(l, o)
		}
		return l, rows.Err()
	})
}

// generation changes whenever an article or a quote is stored (by this
// process or another): caches of the library's summaries are keyed by it.
func (s *DB) generation(ctx context.Context) (string, error) {
	var a, q int64
	err := s.db.QueryRowContext(ctx, storekit.GenerationSQL).Scan(&a, &q)
	return storekit.Generation(a, q), err
}

func splitList(s string) []any {
	var out []any
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// Quotes searches quotes: one page, in the order asked (newest first by
// default).
func (s *DB) Quotes(ctx context.Context, qq verbatim.QuoteQuery) (verbatim.QuoteResults, error) {
	res := verbatim.QuoteResults{Quotes: []verbatim.QuoteHit{}}
	if err := qq.Check(false); err != nil {
		return res, err
	}
	p, err := s.planQuotes(ctx, qq)
	if err != nil || p.none {
		return res, err
	}
	res.Sort = p.sort
	limit, offset := pageOf(qq.Limit, qq.Offset)
	cur, err := storekit.ParseCursor(qq.Cursor, p.sort)
	if err != nil {
		return res, err
	}
	from := p.from
	if p.articles {
		from += ` JOIN articles a ON a.id = q.article_id`
	}
	if res.Total, res.Count, err = s.count(ctx, p, from, "quotes"); err != nil || res.Total == 0 {
		return res, err
	}
	pg := p.after(cur, &offset, "q.day", "q.id")
	if p.ranked && res.Approximate {
		if pg, err = s.windowed(ctx, pg, "quotes_fts", &res.Count); err != nil {
			return res, err
		}
	}
	if p.from == `quotes q` && p.text == "" && (p.sort == verbatim.SortNewest || p.sort == verbatim.SortAdded) {
		// the day (or id) index, or a speaker's (speaker_id, kind, day),
		// gives the page in order: it is read once, with its columns, and
		// nothing past it
		rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM quotes q JOIN articles a ON a.id = q.article_id`+pg.whereSQL()+
			` ORDER BY `+p.order+` LIMIT ? OFFSET ?`, append(pg.args, limit, offset)...)
		if err != nil {
			return res, queryErr(err)
		}
		if res.Quotes, err = scanHits(rows); err != nil {
			return res, err
		}
	} else {
		var ids []int64
		if strings.HasPrefix(p.from, `quotes_fts`) && (p.sort == verbatim.SortNewest || p.sort == verbatim.SortOldest) && offset+limit <= 2000 {
			ids, err = s.topByDay(ctx, pg, from, p.sort == verbatim.SortOldest, limit, offset)
		} else {
			ids, err = s.pageIDs(ctx, pg, from, `q.id`, limit, offset)
		}
		if err != nil || len(ids) == 0 {
			return res, err
		}
		if res.Quotes, err = s.hitsByID(ctx, ids); err != nil {
			return res, err
		}
		if p.text != "" {
			storekit.HighlightQuotes(p.text, res.Quotes)
		}
	}
	if n := len(res.Quotes); n == limit {
		last := res.Quotes[n-1]
		c := storekit.Cursor{Sort: p.sort, ID: last.ID, Offset: offset + n}
		if err := s.db.QueryRowContext(ctx, `SELECT day FROM quotes WHERE id = ?`, last.ID).Scan(&c.Day); err != nil {
			return res, queryErr(err)
		}
		res.Next = c.Encode()
	}
	return res, nil
}

// EachQuote streams every quote a query matches, in its order, without a
// cap.
func (s *DB) EachQuote(ctx context.Context, qq verbatim.QuoteQuery, fn func(*verbatim.QuoteHit) error) error {
	if err := qq.Check(true); err != nil {
		return err
	}
	p, err := s.planQuotes(ctx, qq)
	if err != nil || p.none {
		return err
	}
	lim := -1 // SQLite: no limit
	if qq.Limit > 0 {
		lim = qq.Limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM `+p.from+` JOIN articles a ON a.id = q.article_id`+p.whereSQL()+
		` ORDER BY `+p.order+` LIMIT ? OFFSET ?`, append(p.args, lim, max(qq.Offset, 0))...)
	if err != nil {
		return queryErr(err)
	}
	defer rows.Close()
	var h verbatim.QuoteHit
	for rows.Next() {
		h = verbatim.QuoteHit{}
		if err := scanHit(rows, &h); err != nil {
			return queryErr(err)
		}
		if err := fn(&h); err != nil {
			return err
		}
	}
	return queryErr(rows.Err())
}

// countCap is the most matches a search counts one by one: past it, a
// search by words estimates its total (verbatim.Count).
var countCap = 1000 // a variable: tests of small libraries scale it down

// count counts the rows a plan selects (from: its FROM with any join;
// table: the table the full-text index indexes). A search by words counts
// its first countCap matches in the index's order (row ids ascending); past
// that, the total is estimated from how far into the table they reach:
// matches are spread over the library about evenly, and the estimate
// costs what countCap matches do, however many there are. Other searches
// count exactly through their index.
func (s *DB) count(ctx context.Context, p *searchPlan, from, table string) (int, verbatim.Count, error) {
	var c verbatim.Count
	w := p.whereSQL()
	if p.text == "" || p.speaker {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w, p.args...).Scan(&n)
		return n, c, queryErr(err)
	}
	if f, _, ok := strings.Cut(from, ` JOIN `); ok && len(p.where) == 1 {
		from = f // the words alone: the index counts without reading the table
	}
	var n int
	var last sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), max(r) FROM (SELECT f.rowid AS r FROM `+from+w+` LIMIT ?)`,
		append(p.args, countCap)...).Scan(&n, &last); err != nil {
		return 0, c, queryErr(err)
	}
	if n < countCap {
		return n, c, nil
	}
	var lo, hi int64 // (min and max apart: together they read the whole table)
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT min(id) FROM `+table+`), 0), coalesce((SELECT max(id) FROM `+table+`), 0)`).Scan(&lo, &hi); err != nil {
		return 0, c, queryErr(err)
	}
	est := n
	if span := last.Int64 - lo + 1; span > 0 && hi > last.Int64 {
		est = int(float64(n) * float64(hi-lo+1) / float64(span))
	}
	c.Approximate, c.TotalEstimate = true, storekit.Round(est)
	return c.TotalEstimate, c, nil
}

// after returns the plan of the rows after a cursor's (day, id: the
// columns of its order): a keyset condition, or, for a ranked order, the
// cursor's offset in offset.
func (p *searchPlan) after(c *storekit.Cursor, offset *int, day, id string) *searchPlan {
	if c == nil {
		return p
	}
	q := *p
	q.where, q.args = append([]string(nil), p.where...), append([]any(nil), p.args...)
	cond := storekit.KeysetCond(c, day, id, func(v any) string { q.args = append(q.args, v); return "?" })
	if cond == "" {
		*offset = c.Offset
		return &q
	}
	q.where = append(q.where, cond)
	*offset = 0
	return &q
}

// windowed keeps, of a plan ranked by relevance, the newest rankWindow
// matches (rankWindow).
func (s *DB) windowed(ctx context.Context, p *searchPlan, fts string, c *verbatim.Count) (*searchPlan, error) {
	lo, err := s.rankBound(ctx, fts, p.text)
	if err != nil || lo == 0 {
		return p, err
	}
	q := *p
	q.where = append(append([]string(nil), p.where...), `f.rowid >= ?`)
	q.args = append(append([]any(nil), p.args...), lo)
	c.RankedWithin = rankWindow
	return &q, nil
}

// pageIDs finds the ids of a page of a plan's rows (from: its FROM with
// any join; id: the id column).
func (s *DB) pageIDs(ctx context.Context, p *searchPlan, from, id string, limit, offset int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+id+` FROM `+from+p.whereSQL()+` ORDER BY `+p.order+` LIMIT ? OFFSET ?`,
		append(p.args, limit, offset)...)
	if err != nil {
		return nil, queryErr(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, queryErr(err)
		}
		ids = append(ids, id)
	}
	return ids, queryErr(rows.Err())
}

// idList binds ids as arguments of an IN list.
func idList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return placeholders(len(ids)), args
}

// hitsByID reads the quotes with these ids, in this order.
func (s *DB) hitsByID(ctx context.Context, ids []int64) ([]verbatim.QuoteHit, error) {
	if len(ids) == 0 {
		return []verbatim.QuoteHit{}, nil
	}
	in, args := idList(ids)
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, queryErr(err)
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	out := make([]verbatim.QuoteHit, len(ids))
	n := 0
	for _, h := range hits {
		if i, ok := at[h.ID]; ok {
			out[i] = h
			n++
		}
	}
	if n < len(ids) { // deleted meanwhile: keep the order of the rest
		keep := out[:0]
		for _, h := range out {
			if h.ID != 0 {
				keep = append(keep, h)
			}
		}
		out = keep
	}
	return out, nil
}

// pageOf bounds a page: 20 by default, at most MaxPage.
func pageOf(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 20
	}
	return min(limit, verbatim.MaxPage), max(offset, 0)
}

// planArticles plans an article search: the full-text index drives when
// there is a text query, else the publication-date index.
func (s *DB) planArticles(ctx context.Context, aq verbatim.ArticleQuery) (*searchPlan, error) {
	p := &searchPlan{from: `articles a`, text: strings.TrimSpace(aq.Text), articles: true}
	if err := storekit.CheckSyntax(p.text, []string{"title", "text"}); err != nil {
		return nil, err
	}
	p.text = ftsQuery(p.text, []string{"title", "text"})
	if p.text != "" {
		p.from = `articles_fts f JOIN articles a ON a.id = f.rowid`
		p.cond(`articles_fts MATCH ?`, p.text)
	}
	if err := s.outletCond(ctx, p, aq.Outlet); err != nil {
		return nil, err
	}
	var err error
	if p.where, p.args, err = dayRange("a.published", aq.Since, aq.Until, p.where, p.args); err != nil {
		return nil, err
	}
	p.sort = storekit.SortOf(aq.Sort, p.text, false)
	switch p.sort {
	case verbatim.SortRelevance:
		// a word of the title counts three times one of the text
		p.order, p.ranked = `bm25(articles_fts, 3.0, 1.0), a.published DESC, a.id DESC`, true
	case verbatim.SortOldest:
		p.order = storekit.UndatedLast("a.published") + `, a.published, a.id`
	case verbatim.SortAdded:
		p.order = `a.id DESC`
		if p.text != "" {
			p.order = `f.rowid DESC`
		}
	default:
		p.order = `a.published DESC, a.id DESC`
	}
	return p, nil
}

// articleCols are the columns of an ArticleHit without its snippet.
const articleCols = `a.id, a.ext_id, a.title, a.outlet, a.url, a.published,
	(SELECT count(*) FROM quotes q WHERE q.article_id = a.id),
	coalesce((SELECT s.id || char(1) || s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = a.id LIMIT 1), '')`

// scanArticle reads a row of articleCols, then the extra columns.
func scanArticle(rows *sql.Rows, rowid *int64, h *verbatim.ArticleHit, extra ...any) error {
	var story string
	if err := rows.Scan(append([]any{rowid, &h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Quotes, &story}, extra...)...); err != nil {
		return err
	}
	h.Story, h.StoryTitle, _ = strings.Cut(story, "\x01")
	return nil
}

// Articles searches article titles and text: one page, best match first
// when there is a text query (else newest first), each with a snippet.
func (s *DB) Articles(ctx context.Context, aq verbatim.ArticleQuery) (verbatim.ArticleResults, error) {
	res := verbatim.ArticleResults{Articles: []verbatim.ArticleHit{}}
	if err := aq.Check(false); err != nil {
		return res, err
	}
	p, err := s.planArticles(ctx, aq)
	if err != nil || p.none {
		return res, err
	}
	res.Sort = p.sort
	limit, offset := pageOf(aq.Limit, aq.Offset)
	cur, err := storekit.ParseCursor(aq.Cursor, p.sort)
	if err != nil {
		return res, err
	}
	if res.Total, res.Count, err = s.count(ctx, p, p.from, "articles"); err != nil || res.Total == 0 {
		return res, err
	}
	pg := p.after(cur, &offset, "a.published", "a.id")
	if p.ranked && res.Approximate {
		if pg, err = s.windowed(ctx, pg, "articles_fts", &res.Count); err != nil {
			return res, err
		}
	}
	ids, err := s.pageIDs(ctx, pg, p.from, `a.id`, limit, offset)
	if err != nil || len(ids) == 0 {
		return res, err
	}
	// the page's rows with their text, for the snippet
	in, args := idList(ids)
	terms := storekit.QueryTerms(p.text)
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+`, a.text FROM articles a WHERE a.id IN (`+in+`)`, args...)
	if err != nil {
		return res, queryErr(err)
	}
	defer rows.Close()
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	hits := make([]verbatim.ArticleHit, len(ids))
	found := make([]bool, len(ids))
	for rows.Next() {
		var h verbatim.ArticleHit
		var rowid int64
		var text string
		if err := scanArticle(rows, &rowid, &h, &text); err != nil {
			return res, queryErr(err)
		}
		var words []verbatim.Span
		if p.text != "" {
			words = storekit.HighlightSpans(text, terms)
		}
		h.Snippet, h.Highlights = storekit.Snippet(text, h.Title, words)
		if i, ok := at[rowid]; ok {
			hits[i], found[i] = h, true
		}
	}
	if err := rows.Err(); err != nil {
		return res, queryErr(err)
	}
	for i := range hits {
		if found[i] {
			res.Articles = append(res.Articles, hits[i])
		}
	}
	if len(ids) == limit {
		c := storekit.Cursor{Sort: p.sort, ID: ids[len(ids)-1], Offset: offset + len(ids)}
		if err := s.db.QueryRowContext(ctx, `SELECT published FROM articles WHERE id = ?`, c.ID).Scan(&c.Day); err != nil {
			return res, queryErr(err)
		}
		res.Next = c.Encode()
	}
	return res, nil
}

// EachArticle streams every article a query matches, in its order, without
// a cap (no snippets).
func (s *DB) EachArticle(ctx context.Context, aq verbatim.ArticleQuery, fn func(*verbatim.ArticleHit) error) error {
	if err := aq.Check(true); err != nil {
		return err
	}
	p, err := s.planArticles(ctx, aq)
	if err != nil || p.none {
		return err
	}
	lim := -1
	if aq.Limit > 0 {
		lim = aq.Limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+` FROM `+p.from+p.whereSQL()+` ORDER BY `+p.order+` LIMIT ? OFFSET ?`,
		append(p.args, lim, max(aq.Offset, 0))...)
	if err != nil {
		return queryErr(err)
	}
	defer rows.Close()
	var h verbatim.ArticleHit
	var rowid int64
	for rows.Next() {
		h = verbatim.ArticleHit{}
		if err := scanArticle(rows, &rowid, &h); err != nil {
			return queryErr(err)
		}
		if err := fn(&h); err != nil {
			return err
		}
	}
	return queryErr(rows.Err())
}
