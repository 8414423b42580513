package http

// Stories and topics: the API (/api/stories, /api/stories/{id},
// /api/topics) and the pages (/stories, /story/{id}, /topics).

import (
	stdhttp "net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
)

// storyQuery reads a story listing from URL parameters: q, topic, sort
// (recent or size), limit, offset.
func storyQuery(r *stdhttp.Request) (verbatim.StoryQuery, error) {
	v := r.URL.Query()
	q := verbatim.StoryQuery{Text: v.Get("q"), Topic: v.Get("topic"), Sort: v.Get("sort"), Cursor: v.Get("cursor")}
	var err error
	if q.Limit, q.Offset, err = pageParams(v); err != nil {
		return q, err
	}
	return q, q.Check()
}

// storyPage reads the pages of a story from URL parameters: limit and
// offset of its statements (default 50), article_limit and article_offset
// of its articles (default 20).
func storyPage(r *stdhttp.Request) (verbatim.StoryPage, error) {
	v := r.URL.Query()
	var p verbatim.StoryPage
	var err error
	if p.Limit, err = intParam(v.Get("limit"), 50, 1, 1000); err != nil {
		return p, &verbatim.QueryError{Msg: "limit: " + err.Error()}
	}
	if p.Offset, err = intParam(v.Get("offset"), 0, 0, 1_000_000); err != nil {
		return p, &verbatim.QueryError{Msg: "offset: " + err.Error()}
	}
	if p.ArticleLimit, err = intParam(v.Get("article_limit"), 20, 1, 1000); err != nil {
		return p, &verbatim.QueryError{Msg: "article_limit: " + err.Error()}
	}
	if p.ArticleOffset, err = intParam(v.Get("article_offset"), 0, 0, 1_000_000); err != nil {
		return p, &verbatim.QueryError{Msg: "article_offset: " + err.Error()}
	}
	return p, nil
}

// apiStories answers a page of stories as JSON, or with format=csv|jsonl
// every story the listing selects (from offset on), a row each.
func (s *Server) apiStories(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	ctx := r.Context()
	listing(s, w, r, storyQuery, "verbatim-stories", export.StoryColumns,
		func(x *export.Writer, q verbatim.StoryQuery) error {
			q.Limit = verbatim.MaxPage
			for {
				res, err := s.Store.Stories(ctx, q)
				if err != nil {
					return err
				}
				for i := range res.Stories {
					if err := x.Story(&res.Stories[i]); err != nil {
						return err
					}
				}
				if res.Next == "" || len(res.Stories) < q.Limit {
					return nil
				}
				q.Cursor = res.Next // the next page where this one stopped
			}
		},
		func(q verbatim.StoryQuery) (verbatim.StoryResults, error) { return s.Store.Stories(ctx, q) })
}

// apiStory answers a story (its summary, a page of its articles and of its
// statements) as JSON, or with format=csv|jsonl every report of its
// statements as quotes, oldest first: the search by story (QuoteQuery.Story),
// as every export of quotes.
func (s *Server) apiStory(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	p, err := storyPage(r)
	if err == nil {
		err = checkFormat(r)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := exportFormat(r)
	if f != "" {
		p = verbatim.StoryPage{Limit: 1, ArticleLimit: 1} // the story must exist: its first rows will do
	}
	st, err := s.Store.Story(r.Context(), r.PathValue("id"), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f != "" {
		s.export(w, r, f, "verbatim-story-"+fileName(st.ID), export.QuoteColumns, func(x *export.Writer) error {
			return s.Store.EachQuote(r.Context(), verbatim.QuoteQuery{Story: st.ID, Sort: verbatim.SortOldest}, x.Quote)
		})
		return
	}
	writeJSON(w, 200, st)
}

// topicQuery reads a page of topics from URL parameters: limit, offset.
func topicQuery(r *stdhttp.Request) (verbatim.TopicQuery, error) {
	var q verbatim.TopicQuery
	var err error
	if q.Limit, q.Offset, err = pageParams(r.URL.Query()); err != nil {
		return q, err
	}
	return q, q.Check()
}

func (s *Server) apiTopics(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := topicQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Store.Topics(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, res)
}

type storiesData struct {
	Q       verbatim.StoryQuery
	Results verbatim.StoryResults
	Topic   string // the label of the topic listed, if one
	Err     string
	Page    pagination
	BySize  string // the same listing sorted the other way
}

func (s *Server) uiStories(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := storyQuery(r)
	d := storiesData{Q: q}
	code := 200
	if err == nil {
		d.Results, err = s.Store.Stories(r.Context(), q)
	}
	if err != nil {
		code, d.Err = status(err)
		if code >= 500 {
			s.uiFail(w, r, err)
			return
		}
	}
	if q.Topic != "" && len(d.Results.Stories) > 0 {
		d.Topic = d.Results.Stories[0].TopicLabel
	}
	d.Page = paginateAbout(r, "/stories", "/api/stories", q.Offset, q.Limit, len(d.Results.Stories), d.Results.Total, d.Results.Count)
	v := r.URL.Query()
	v.Del("offset")
	v.Del("cursor")
	if q.Sort == "size" {
		v.Del("sort")
	} else {
		v.Set("sort", "size")
	}
	d.BySize = "/stories?" + v.Encode()
	title := "Stories"
	if q.Text != "" {
		title = q.Text + " — stories"
	} else if d.Topic != "" {
		title = d.Topic + " — stories"
	}
	s.render(w, r, code, "stories", page{Title: title, Nav: "stories", Data: d})
}

type storyData struct {
	S            *verbatim.StoryDetail
	Days         []*statementDay
	Page         pagination // of its statements, with the export of their reports
	MoreArticles string
	ArticlesFrom int
	ArticlesTo   int
	Span         string
}

type statementDay struct {
	Day        verbatim.Day // "" for the undated statements, listed last
	Statements []verbatim.StoryStatement
}

func (s *Server) uiStory(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	p, err := storyPage(r)
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	st, err := s.Store.Story(r.Context(), r.PathValue("id"), p)
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	d := storyData{S: st, ArticlesFrom: p.ArticleOffset + 1, ArticlesTo: p.ArticleOffset + len(st.ArticleList), Span: span(st.First, st.Last)}
	for _, x := range st.Statements {
		day := x.SaidOn
		if len(d.Days) == 0 || d.Days[len(d.Days)-1].Day != day {
			d.Days = append(d.Days, &statementDay{Day: day})
		}
		last := d.Days[len(d.Days)-1]
		last.Statements = append(last.Statements, x)
	}
	path := "/story/" + url.PathEscape(st.ID)
	d.Page = paginate(r, path, "/api/stories/"+url.PathEscape(st.ID), p.Offset, p.Limit, len(st.Statements), st.StatementsTotal)
	if next := p.ArticleOffset + len(st.ArticleList); next < st.Articles {
		v := r.URL.Query()
		v.Set("article_offset", strconv.Itoa(next))
		d.MoreArticles = path + "?" + v.Encode()
	}
	title := st.Title
	if strings.TrimSpace(title) == "" {
		title = "Story " + st.ID
	}
	s.render(w, r, 200, "story", page{Title: title, Nav: "stories", Data: d})
}

// span writes a span of dates: "2025-02-03 – 2025-03-17", one date, or ""
// when undated.
func span(first, last verbatim.Day) string {
	if first == last {
		return string(first)
	}
	return string(first) + " – " + string(last)
}

type topicsData struct {
	Results verbatim.TopicResults
	Page    pagination
}

func (s *Server) uiTopics(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := topicQuery(r)
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	d := topicsData{}
	if d.Results, err = s.Store.Topics(r.Context(), q); err != nil {
		s.uiFail(w, r, err)
		return
	}
	d.Page = paginate(r, "/topics", "", q.Offset, q.Limit, len(d.Results.Topics), d.Results.Total)
	s.render(w, r, 200, "topics", page{Title: "Topics", Nav: "topics", Data: d})
}
