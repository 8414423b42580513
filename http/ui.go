package http

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	stdhttp "net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
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
	"articleURL": func(id string) string { return "/article/" + pathOf(id) },
	"storyURL":   func(id string) string { return "/story/" + url.PathEscape(id) },
	"topicURL":   func(id string) string { return "/stories?topic=" + url.QueryEscape(id) },
	"span":       span,
	"quoteURL": func(h verbatim.QuoteHit) string {
		return "/article/" + pathOf(h.ArticleID) + "#q" + strconv.Itoa(h.Start)
	},
	"day": func(h verbatim.QuoteHit) verbatim.Day { return h.Day() },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return thousands(n) + " " + many
	},
	"add":   func(a, b int) int { return a + b },
	"marks": highlighted,
	"num":   thousands,
}

// pathOf escapes an id for a URL path, keeping its slashes ("politics/034").
func pathOf(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// thousands writes a count with thousands separators (2,129).
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// hlSeg is a run of text, marked or not.
type hlSeg struct {
	Text string
	Mark bool
}

// highlighted cuts a text at its highlights (byte ranges) for the
// template, which escapes each run.
func highlighted(text string, hs []verbatim.Span) []hlSeg {
	var out []hlSeg
	at := 0
	for _, h := range hs {
		if h.Start < at || h.End > len(text) || h.Start >= h.End {
			continue
		}
		if h.Start > at {
			out = append(out, hlSeg{Text: text[at:h.Start]})
		}
		out = append(out, hlSeg{Text: text[h.Start:h.End], Mark: true})
		at = h.End
	}
	if at < len(text) {
		out = append(out, hlSeg{Text: text[at:]})
	}
	return out
}

// pages are the UI's templates, parsed once when the first server is made
// (not at start-up of every command).
var pages = sync.OnceValue(func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, p := range []string{"search", "articles", "speakers", "speaker", "article", "stories", "story", "topics", "error", "help"} {
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

// pagination is where a page of results stands, with links to the pages
// before and after it and to the whole result as CSV and JSON Lines.
type pagination struct {
	From, To, Total int
	About           bool // Total is an estimate ("of about 12,400")
	Prev, Next      string
	CSV, JSONL      string
}

// paginate places a page of n results from offset among total, keeping
// the request's other parameters in the links; api is the API path that
// exports the same search.
func paginate(r *stdhttp.Request, path, api string, offset, limit, n, total int) pagination {
	if limit <= 0 {
		limit = 20
	}
	p := pagination{From: offset + 1, To: offset + n, Total: total}
	at := func(off int) string {
		v := r.URL.Query()
		v.Del("cursor") // a page by cursor links others by offset
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		} else {
			v.Del("offset")
		}
		return path + "?" + v.Encode()
	}
	if offset > 0 {
		p.Prev = at(max(0, offset-limit))
	}
	if offset+n < total {
		p.Next = at(offset + limit)
	}
	return paginateTail(r, p, api, total)
}

// paginateAbout is paginate for a listing that answers a count and a
// cursor (c): past an estimated total, a full page has a next one.
func paginateAbout(r *stdhttp.Request, path, api string, offset, limit, n, total int, c verbatim.Count) pagination {
	p := paginate(r, path, api, offset, limit, n, total)
	p.About = c.Approximate
	if limit <= 0 {
		limit = 20
	}
	if c.Approximate && p.Next == "" && n >= limit {
		p.Next = "next"
	}
	// the next page by cursor (read where this one stopped, however deep;
	// the offset numbers it), the others by offset
	if p.Next != "" {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(offset+n))
		v.Del("cursor")
		if c.Next != "" {
			v.Set("cursor", c.Next)
		}
		p.Next = path + "?" + v.Encode()
	}
	return p
}

// paginateTail adds the export links of a page.
func paginateTail(r *stdhttp.Request, p pagination, api string, total int) pagination {
	if api != "" && total > 0 {
		v := r.URL.Query()
		v.Del("offset")
		v.Del("cursor")
		v.Del("limit")
		v.Set("format", "csv")
		p.CSV = api + "?" + v.Encode()
		v.Set("format", "jsonl")
		p.JSONL = api + "?" + v.Encode()
	}
	return p
}

type searchData struct {
	Results verbatim.QuoteResults
	Err     string
	Page    pagination
	Order   string
	// the home page (no query)
	Empty    bool
	Stats    verbatim.StoreStats
	Speakers []verbatim.SpeakerSummary
	Latest   []verbatim.QuoteHit
	Recent   bool   // the latest by storage order (the library has no dates)
	Kind     string // the kind filter as asked ("", "all", "belief", …)
	SpType   string // the speaker type filter as asked
	// Candidates: the speakers a name given as speaker could mean
	Candidates []candidate
	MinConf    string // the minimum confidence as asked
}

// candidate is a speaker a name could mean, with the search by them.
type candidate struct {
	verbatim.SpeakerSummary
	URL string
}

func (s *Server) uiSearch(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := quoteQuery(r)
	d := searchData{}
	code := 200
	d.Empty = q.Text == "" && q.Speaker == "" && q.SpeakerType == "" && q.Outlet == "" && q.Since == "" && q.Until == "" &&
		q.Type == "" && q.Story == "" && q.Article == "" && q.Offset == 0 && q.Kinds == nil && q.MinConfidence == 0 && !q.NamedOnly
	if err == nil && d.Empty {
		d.Stats, err = s.Store.Stats(r.Context())
		if err == nil {
			d.Speakers, _ = s.Store.Speakers(r.Context(), verbatim.SpeakerQuery{Limit: 12})
			d.Latest, d.Recent, err = s.latest(r, d.Stats)
		}
	} else if err == nil {
		d.Results, err = s.Store.Quotes(r.Context(), q)
	}
	var ae *verbatim.AmbiguousError
	if errors.As(err, &ae) { // which one: the same search by each candidate
		for _, c := range ae.Candidates {
			v := r.URL.Query()
			v.Set("speaker", c.ID)
			v.Del("offset")
			v.Del("cursor")
			d.Candidates = append(d.Candidates, candidate{c, "/?" + v.Encode()})
		}
		err = nil
	}
	if err != nil {
		code, d.Err = status(err)
		if code >= 500 {
			s.uiFail(w, r, err)
			return
		}
	}
	d.Kind, d.MinConf, d.SpType = r.URL.Query().Get("kind"), r.URL.Query().Get("min_confidence"), r.URL.Query().Get("speaker_type")
	d.Order = verbatim.SortLabel(d.Results.Sort)
	d.Page = paginateAbout(r, "/", "/api/quotes", q.Offset, q.Limit, len(d.Results.Quotes), d.Results.Total, d.Results.Count)
	title := "Search"
	if q.Text != "" {
		title = q.Text
	}
	s.render(w, r, code, "search", page{Title: title, Nav: "search", Q: q, Data: d})
}

// latest picks the home page's statements: attributed, of good confidence
// (0.8: on PolNeAR dev 85% or more of such quotes are real attributions),
// one per wording and at most two per article, newest first but none dated after the library's last
// publication date (a date read in the text, "to unfold in 2030", is not
// when it was said); in a library without dates, the most recently stored.
func (s *Server) latest(r *stdhttp.Request, st verbatim.StoreStats) ([]verbatim.QuoteHit, bool, error) {
	q := verbatim.QuoteQuery{NamedOnly: true, MinConfidence: 0.8, Sort: verbatim.SortNewest, Until: string(st.Last), Limit: 100}
	recent := st.Last == ""
	if recent {
		q.Sort, q.Until = verbatim.SortAdded, ""
	}
	res, err := s.Store.Quotes(r.Context(), q)
	if err != nil {
		return nil, recent, err
	}
	var out []verbatim.QuoteHit
	seen := map[string]bool{}
	per := map[string]int{}
	for _, h := range res.Quotes {
		k := strings.ToLower(strings.Join(strings.Fields(h.Text), " "))
		if seen[k] || per[h.ArticleID] == 2 {
			continue
		}
		seen[k] = true
		per[h.ArticleID]++
		out = append(out, h)
		if len(out) == 10 {
			break
		}
	}
	return out, recent, nil
}

type articlesData struct {
	Q       verbatim.ArticleQuery
	Results verbatim.ArticleResults
	Err     string
	Page    pagination
	Order   string
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
	d.Order = verbatim.SortLabel(d.Results.Sort)
	d.Page = paginateAbout(r, "/articles", "/api/articles", q.Offset, q.Limit, len(d.Results.Articles), d.Results.Total, d.Results.Count)
	title := "Articles"
	if q.Text != "" {
		title = q.Text + " — articles"
	}
	s.render(w, r, code, "articles", page{Title: title, Nav: "articles", Data: d})
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
	// the list as a download: up to 1,000 speakers, as filtered
	v := url.Values{"limit": {"1000"}}
	for k, x := range map[string]string{"q": q, "type": string(typ)} {
		if x != "" {
			v.Set(k, x)
		}
	}
	v.Set("format", "csv")
	csv := "/api/speakers?" + v.Encode()
	v.Set("format", "jsonl")
	s.render(w, r, 200, "speakers", page{Title: "Speakers", Nav: "speakers", Q: verbatim.QuoteQuery{Speaker: q, SpeakerType: typ},
		Data: map[string]any{"Speakers": sp, "Type": string(typ), "CSV": csv, "JSONL": "/api/speakers?" + v.Encode()}})
}

// speakerPage is a person's page: who they are, when and where they were
// quoted, and their statements in date order.
type speakerPage struct {
	S          *verbatim.SpeakerDetail
	Chart      *chart
	Statements []verbatim.QuoteHit // this page of them
	Page       pagination
	Listed     int // statements the detail lists (at most 5,000)
	CSV, JSONL string
}

// speakerPageSize is the statements one speaker page shows.
const speakerPageSize = 50

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
	off, err := intParam(r.URL.Query().Get("offset"), 0, 0, len(d.Statements))
	if err != nil {
		s.uiError(w, r, stdhttp.StatusBadRequest, "offset: "+err.Error())
		return
	}
	p := speakerPage{S: d, Chart: newChart(d.Months), Listed: len(d.Statements)}
	end := min(off+speakerPageSize, len(d.Statements))
	p.Statements = d.Statements[off:end]
	base := "/speaker/" + url.PathEscape(r.PathValue("name"))
	p.Page = paginate(r, base, "", off, speakerPageSize, end-off, len(d.Statements))
	api := "/api/speakers/" + url.PathEscape(d.ID) // the speaker found, whatever name led here
	p.CSV, p.JSONL = api+"?format=csv", api+"?format=jsonl"
	s.render(w, r, 200, "speaker", page{Title: d.Name, Nav: "speakers", Data: p})
}

// articlePage is an article with its text laid out and what it names.
type articlePage struct {
	A          *verbatim.StoredArticle
	Blocks     []block
	Noise      int // lines removed by cleaning
	Quoted     []named
	People     []named
	Orgs       []named
	Places     []named
	Dates      []dateRef
	Unresolved int // date expressions without a value
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
	p := articlePage{A: a}
	p.Blocks, p.Noise = layout(a)
	quoted := map[string]int{}
	var order []string
	for _, q := range a.Quotes {
		if q.Speaker != nil {
			if quoted[*q.Speaker] == 0 {
				order = append(order, *q.Speaker)
			}
			quoted[*q.Speaker]++
		}
	}
	for _, n := range order {
		p.Quoted = append(p.Quoted, named{Name: n, Quotes: quoted[n]})
	}
	p.People = entitiesOf(a, quoted, verbatim.Person)
	p.Orgs = entitiesOf(a, quoted, verbatim.Organization)
	p.Places = entitiesOf(a, quoted, verbatim.Place)
	seen := map[string]bool{}
	for _, dt := range a.Dates {
		if strings.HasPrefix(dt.Value, "X") || dt.Value == "" {
			p.Unresolved++
			continue
		}
		k := dt.Text + "\x00" + dt.Value
		if !seen[k] {
			seen[k] = true
			p.Dates = append(p.Dates, dateRef{Text: dt.Text, Value: dateValue(dt.Value), Start: dt.Start})
		}
	}
	s.render(w, r, 200, "article", page{Title: title, Data: p})
}

// dateValue shows a TimeML value to a reader: the reference to the
// present, past or future in words, else the value (2025-03-02, 2025-W11).
func dateValue(v string) string {
	switch v {
	case "PRESENT_REF":
		return "the present"
	case "PAST_REF":
		return "the past"
	case "FUTURE_REF":
		return "the future"
	}
	return v
}

// original serves an article's text exactly as stored: the bytes every
// offset points into.
func (s *Server) original(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.uiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(a.Text))
}

func (s *Server) uiHelp(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	s.render(w, r, 200, "help", page{Title: "Help", Nav: "help", Data: map[string]any{
		"Syntax": verbatim.SearchSyntax, "QuoteColumns": export.QuoteColumns, "ArticleColumns": export.ArticleColumns,
		"SpeakerColumns": export.SpeakerColumns, "StoryColumns": export.StoryColumns, "MaxPage": verbatim.MaxPage}})
}
