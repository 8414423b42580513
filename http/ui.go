package http

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	stdhttp "net/http"
	"net/url"
	"sort"
	"strconv"
	"sync"

	"github.com/verbatim-news/verbatim"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func staticHandler() stdhttp.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := stdhttp.FileServer(stdhttp.FS(sub))
	return stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

var funcs = template.FuncMap{
	"speakerURL": func(name string) string { return "/speaker/" + url.PathEscape(name) },
	// searchAs is the search q with one speaker chosen (by id)
	"searchAs": func(q verbatim.QuoteQuery, id string) string {
		v := url.Values{"speaker": {id}}
		for k, x := range map[string]string{"q": q.Text, "outlet": q.Outlet, "since": q.Since, "until": q.Until} {
			if x != "" {
				v.Set(k, x)
			}
		}
		return "/?" + v.Encode()
	},
	"articleURL": func(id string) string { return "/article/" + url.PathEscape(id) },
	"storyURL":   func(id string) string { return "/story/" + url.PathEscape(id) },
	"topicURL":   func(id string) string { return "/stories?topic=" + url.QueryEscape(id) },
	"span":       span,
	"quoteURL": func(h verbatim.QuoteHit) string {
		return "/article/" + url.PathEscape(h.ArticleID) + "#q" + strconv.Itoa(h.Start)
	},
	"day": func(h verbatim.QuoteHit) verbatim.Day {
		if h.SaidOn != "" {
			return h.SaidOn
		}
		return h.Published
	},
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
	"add": func(a, b int) int { return a + b },
}

// pages are the UI's templates, parsed once when the first server is made
// (not at start-up of every command).
var pages = sync.OnceValue(func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, p := range []string{"search", "articles", "speakers", "speaker", "article", "stories", "story", "topics", "error"} {
		m[p] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p+".html"))
	}
	return m
})

type page struct {
	Title string
	Nav   string
	Q     verbatim.QuoteQuery
	Data  any
}

func (s *Server) render(w stdhttp.ResponseWriter, r *stdhttp.Request, code int, name string, p page) {
	var buf bytes.Buffer
	if err := pages()[name].Execute(&buf, p); err != nil {
		s.logf("render %s: %v", name, err)
		stdhttp.Error(w, "internal error", stdhttp.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

func (s *Server) uiError(w stdhttp.ResponseWriter, r *stdhttp.Request, code int, msg string) {
	s.render(w, r, code, "error", page{Title: stdhttp.StatusText(code), Data: map[string]any{"Code": code, "Msg": msg}})
}

func (s *Server) uiFail(w stdhttp.ResponseWriter, r *stdhttp.Request, err error) {
	code, msg := status(err)
	if code >= 500 {
		s.logf("%s %s: %v", r.Method, r.URL, err)
	}
	if code == stdhttp.StatusNotFound {
		msg = "We have no record of that."
	}
	s.uiError(w, r, code, msg)
}

type searchData struct {
	Results  verbatim.QuoteResults
	Err      string
	Stats    verbatim.StoreStats
	Speakers []verbatim.SpeakerSummary
	Prev     string
	Next     string
	Empty    bool
	Kind     string // the kind filter as asked ("", "all", "belief", …)
	SpType   string // the speaker type filter as asked
	// Candidates: the speakers a name given as speaker could mean
	Candidates []verbatim.SpeakerSummary
	MinConf    string // the minimum confidence as asked
}

func (s *Server) uiSearch(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := quoteQuery(r)
	d := searchData{}
	code := 200
	if err == nil {
		d.Results, err = s.Store.Quotes(r.Context(), q)
	}
	var ae *verbatim.AmbiguousError
	if errors.As(err, &ae) {
		d.Candidates, err = ae.Candidates, nil
	}
	if err != nil {
		code, d.Err = status(err)
		if code >= 500 {
			s.uiFail(w, r, err)
			return
		}
	}
	d.Kind, d.MinConf, d.SpType = r.URL.Query().Get("kind"), r.URL.Query().Get("min_confidence"), r.URL.Query().Get("speaker_type")
	d.Empty = q.Text == "" && q.Speaker == "" && q.Outlet == "" && q.Since == "" && q.Until == "" &&
		q.Kinds == nil && q.MinConfidence == 0 && !q.NamedOnly
	if d.Empty {
		d.Stats, _ = s.Store.Stats(r.Context())
		d.Speakers, _ = s.Store.Speakers(r.Context(), verbatim.SpeakerQuery{Limit: 12})
	}
	d.Prev, d.Next = pager(r, "/", q.Offset, q.Limit, len(d.Results.Quotes), d.Results.Total)
	title := "Search"
	if q.Text != "" {
		title = q.Text
	}
	s.render(w, r, code, "search", page0(title, "search", q, d))
}

// pager links the pages before and after one that shows n of total
// results from offset (empty when there is none), keeping the request's
// other parameters.
func pager(r *stdhttp.Request, path string, offset, limit, n, total int) (prev, next string) {
	at := func(off int) string {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(off))
		return path + "?" + v.Encode()
	}
	if offset > 0 {
		prev = at(max(0, offset-limit))
	}
	if offset+n < total {
		next = at(offset + limit)
	}
	return prev, next
}

type articlesData struct {
	Q          verbatim.ArticleQuery
	Results    verbatim.ArticleResults
	Err        string
	Prev, Next string
}

func (s *Server) uiArticles(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := articleQuery(r)
	d := articlesData{Q: q}
	code := 200
	if err == nil {
		d.Results, err = s.Store.Articles(r.Context(), q)
	}
	if err != nil {
		code, d.Err = status(err)
		if code >= 500 {
			s.uiFail(w, r, err)
			return
		}
	}
	d.Prev, d.Next = pager(r, "/articles", q.Offset, q.Limit, len(d.Results.Articles), d.Results.Total)
	title := "Articles"
	if q.Text != "" {
		title = q.Text + " — articles"
	}
	s.render(w, r, code, "articles", page{Title: title, Nav: "articles", Data: d})
}

func page0(title, nav string, q verbatim.QuoteQuery, d any) page {
	return page{Title: title, Nav: nav, Q: q, Data: d}
}

func (s *Server) uiSpeakers(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, ts := r.URL.Query().Get("q"), r.URL.Query().Get("type")
	typ, err := speakerType(ts)
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	sp, err := s.Store.Speakers(r.Context(), verbatim.SpeakerQuery{Text: q, Type: typ, Limit: 200})
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	s.render(w, r, 200, "speakers", page{Title: "Speakers", Nav: "speakers", Q: verbatim.QuoteQuery{Speaker: q, SpeakerType: typ},
		Data: map[string]any{"Speakers": sp, "Type": string(typ)}})
}

type outletGroup struct {
	Outlet     string
	Statements []verbatim.QuoteHit
}

func (s *Server) uiSpeaker(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	d, err := s.Store.Speaker(r.Context(), r.PathValue("name"))
	var ae *verbatim.AmbiguousError
	if errors.As(err, &ae) { // which one?
		s.render(w, r, stdhttp.StatusMultipleChoices, "speakers", page{Title: ae.Name + " — which one?", Nav: "speakers",
			Q: verbatim.QuoteQuery{Speaker: ae.Name}, Data: map[string]any{"Speakers": ae.Candidates, "Ambiguous": ae.Name}})
		return
	}
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	// newest first, grouped by outlet (the outlet with the latest statement first)
	var groups []*outletGroup
	by := map[string]*outletGroup{}
	for i := len(d.Statements) - 1; i >= 0; i-- {
		h := d.Statements[i]
		o := h.Outlet
		if o == "" {
			o = "Unknown outlet"
		}
		g := by[o]
		if g == nil {
			g = &outletGroup{Outlet: o}
			by[o] = g
			groups = append(groups, g)
		}
		g.Statements = append(g.Statements, h)
	}
	s.render(w, r, 200, "speaker", page{Title: d.Name, Nav: "speakers", Data: map[string]any{"S": d, "Groups": groups}})
}

// segment is a run of article text with the same annotations.
type segment struct {
	Text    string
	Quote   bool
	QuoteID string // anchor at the start of a quote
	Speaker string // link target when inside a speaker mention
	Cue     bool
	Title   string
}

// annotate cuts the text at every span boundary; html/template escapes each
// segment's text, so article content can never become markup.
func annotate(a *verbatim.StoredArticle) []segment {
	type mark struct {
		span    verbatim.Span
		kind    int // 0 quote, 1 speaker, 2 cue
		speaker string
		title   string
	}
	n := len(a.Text)
	valid := func(s, e *int) (verbatim.Span, bool) {
		if s == nil || e == nil || *s < 0 || *e > n || *s >= *e {
			return verbatim.Span{}, false
		}
		return verbatim.Span{Start: *s, End: *e}, true
	}
	var marks []mark
	for _, q := range a.Quotes {
		q := q
		who := "unknown speaker"
		if q.Speaker != nil {
			who = *q.Speaker
		}
		if sp, ok := valid(&q.Start, &q.End); ok {
			kind := ""
			if q.Kind != verbatim.Statement && q.Kind != "" {
				kind = string(q.Kind) + ", "
			}
			marks = append(marks, mark{sp, 0, "", kind + string(q.Type) + " quote — " + who + ", confidence " + strconv.FormatFloat(q.Confidence, 'f', 2, 64)})
		}
		if q.Speaker != nil {
			if sp, ok := valid(q.SpeakerStart, q.SpeakerEnd); ok {
				marks = append(marks, mark{sp, 1, *q.Speaker, *q.Speaker})
			}
		}
		if sp, ok := valid(q.CueStart, q.CueEnd); ok {
			marks = append(marks, mark{sp, 2, "", "cue"})
		}
	}
	cuts := []int{0, n}
	for _, m := range marks {
		cuts = append(cuts, m.span.Start, m.span.End)
	}
	sort.Ints(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		seg := segment{Text: a.Text[s:e]}
		for _, m := range marks {
			if m.span.Start <= s && e <= m.span.End {
				switch m.kind {
				case 0:
					seg.Quote = true
					seg.Title = m.title
					if m.span.Start == s {
						seg.QuoteID = "q" + strconv.Itoa(s)
					}
				case 1:
					seg.Speaker = m.speaker
				case 2:
					seg.Cue = true
				}
			}
		}
		// merge with the previous plain segment
		if len(segs) > 0 && seg == (segment{Text: seg.Text}) && segs[len(segs)-1] == (segment{Text: segs[len(segs)-1].Text}) {
			segs[len(segs)-1].Text += seg.Text
			continue
		}
		segs = append(segs, seg)
	}
	return segs
}

func (s *Server) uiArticle(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	if r.URL.Query().Get("kind") != "all" { // statements, unless all attributions are asked for
		var st []verbatim.QuoteOut
		for _, q := range a.Quotes {
			if q.Kind == verbatim.Statement || q.Kind == "" {
				st = append(st, q)
			}
		}
		a.Quotes = st
	}
	// the people quoted, with counts
	counts := map[string]int{}
	var names []string
	for _, q := range a.Quotes {
		if q.Speaker != nil {
			if counts[*q.Speaker] == 0 {
				names = append(names, *q.Speaker)
			}
			counts[*q.Speaker]++
		}
	}
	type who struct {
		Name  string
		Count int
	}
	var people []who
	for _, n := range names {
		people = append(people, who{n, counts[n]})
	}
	s.render(w, r, 200, "article", page{Title: title, Data: map[string]any{"A": a, "Segments": annotate(a), "People": people}})
}
