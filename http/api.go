package http

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	stdhttp "net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
)

// quoteQuery reads a search from URL parameters.
func quoteQuery(r *stdhttp.Request) (verbatim.QuoteQuery, error) {
	v := r.URL.Query()
	q := verbatim.QuoteQuery{Text: v.Get("q"), Speaker: v.Get("speaker"), Outlet: v.Get("outlet"),
		Since: v.Get("since"), Until: v.Get("until"), Article: v.Get("article"), NamedOnly: boolParam(v.Get("named"))}
	var err error
	if q.Kinds, err = verbatim.ParseKinds(v.Get("kind")); err != nil {
		return q, err
	}
	if q.SpeakerType, err = speakerType(v.Get("speaker_type")); err != nil {
		return q, err
	}
	if c := v.Get("min_confidence"); c != "" {
		if q.MinConfidence, err = strconv.ParseFloat(c, 64); err != nil || q.MinConfidence < 0 || q.MinConfidence > 1 {
			return q, &verbatim.QueryError{Msg: fmt.Sprintf("min_confidence %q: give a number from 0 to 1", c)}
		}
	}
	q.Limit, q.Offset, err = pageParams(v)
	return q, err
}

// speakerType reads a speaker type filter: "person" or "organization"
// (also "people", "organisation", ...), empty for any.
func speakerType(s string) (verbatim.EntityType, error) {
	t, err := verbatim.ParseSpeakerType(s)
	if err != nil {
		return "", &verbatim.QueryError{Msg: err.Error()}
	}
	return t, nil
}

// boolParam reads a checkbox-like parameter: "1", "true", "on", "yes".
func boolParam(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}

// pageParams reads limit and offset from URL parameters.
func pageParams(v url.Values) (limit, offset int, err error) {
	if limit, err = intParam(v.Get("limit"), 20, 0, 1000); err != nil {
		return 0, 0, &verbatim.QueryError{Msg: "limit: " + err.Error()}
	}
	if offset, err = intParam(v.Get("offset"), 0, 0, 1_000_000); err != nil {
		return 0, 0, &verbatim.QueryError{Msg: "offset: " + err.Error()}
	}
	return limit, offset, nil
}

// articleQuery reads an article search from URL parameters.
func articleQuery(r *stdhttp.Request) (verbatim.ArticleQuery, error) {
	v := r.URL.Query()
	q := verbatim.ArticleQuery{Text: v.Get("q"), Outlet: v.Get("outlet"), Since: v.Get("since"), Until: v.Get("until")}
	var err error
	q.Limit, q.Offset, err = pageParams(v)
	return q, err
}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("not a number")
	}
	if n < lo || n > hi {
		return 0, errors.New("out of range " + strconv.Itoa(lo) + ".." + strconv.Itoa(hi))
	}
	return n, nil
}

func (s *Server) apiQuotes(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := quoteQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Store.Quotes(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, res)
}

func (s *Server) apiArticles(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	q, err := articleQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Store.Articles(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, res)
}

func (s *Server) apiSpeakers(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 100, 1, 1000)
	if err != nil {
		s.fail(w, r, &verbatim.QueryError{Msg: "limit: " + err.Error()})
		return
	}
	typ, err := speakerType(r.URL.Query().Get("type"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sp, err := s.Store.Speakers(r.Context(), verbatim.SpeakerQuery{Text: r.URL.Query().Get("q"), Type: typ, Limit: limit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, map[string]any{"speakers": sp})
}

func (s *Server) apiSpeaker(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	d, err := s.Store.Speaker(r.Context(), r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, d)
}

func (s *Server) apiArticle(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, a)
}

func (s *Server) apiStats(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	st, err := s.Store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, st)
}

// Posted is one analysed article in the answer to POST /api/articles.
type Posted struct {
	verbatim.Result
	Stored    bool   `json:"stored"`
	Duplicate string `json:"duplicate_of,omitempty"`
}

// apiPost analyses and stores the articles in the body: a JSON record (or
// JSON Lines, or an array) as in the output contract's input, HTML, a feed,
// or raw text (?id=, ?title=, ?outlet=, ?published= name it).
func (s *Server) apiPost(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	r.Body = stdhttp.MaxBytesReader(w, r.Body, s.MaxBody)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *stdhttp.MaxBytesError
		if errors.As(err, &mbe) {
			writeErr(w, stdhttp.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(s.MaxBody, 10)+" bytes")
			return
		}
		writeErr(w, stdhttp.StatusBadRequest, "reading body: "+err.Error())
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		writeErr(w, stdhttp.StatusBadRequest, "empty body")
		return
	}
	v := r.URL.Query()
	if p := v.Get("published"); p != "" {
		if _, err := verbatim.ParseDate(p); err != nil {
			writeErr(w, stdhttp.StatusBadRequest, "published: "+strconv.Quote(p)+" is not a date (give YYYY-MM-DD)")
			return
		}
	}
	id := v.Get("id")
	if id == "" {
		id = verbatim.ContentHash(string(data))[:16]
	}
	ext := ".txt"
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case strings.Contains(ct, "json"):
		ext = ".jsonl"
	case ct == "text/html" || ct == "application/xhtml+xml":
		ext = ".html"
	case strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || ct == "application/xml" || ct == "text/xml":
		ext = ".xml"
	case ct == "application/pdf":
		ext = ".pdf"
	case ct == "text/plain":
		ext = ".txt"
	default:
		ext = "" // sniff
	}
	arts, perr := input.Parse(data, id+ext, input.Options{Published: v.Get("published")})
	if len(arts) == 0 {
		msg := "no article in body"
		if perr != nil {
			msg = perr.Error()
		}
		writeErr(w, stdhttp.StatusBadRequest, msg)
		return
	}
	if len(arts) > 1000 {
		writeErr(w, stdhttp.StatusRequestEntityTooLarge, "more than 1000 articles in one request")
		return
	}
	var docs []*verbatim.Doc
	for _, a := range arts {
		if len(arts) == 1 && ext != ".jsonl" {
			if t := v.Get("title"); t != "" {
				a.Title = t
			}
			if o := v.Get("outlet"); o != "" {
				a.Outlet = o
			}
		}
		d, err := s.Pipeline.Analyze(a)
		if err != nil {
			s.logf("POST /api/articles: %s: %v", a.ID, err)
			writeErr(w, stdhttp.StatusUnprocessableEntity, a.ID+": analysis failed: "+err.Error())
			return
		}
		docs = append(docs, d)
	}
	put := s.Store.Put
	if s.Ingest != nil {
		put = s.Ingest
	}
	outs, err := put(r.Context(), docs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := make([]Posted, len(docs))
	for i, d := range docs {
		res[i] = Posted{Result: d.Result(), Stored: outs[i].Stored, Duplicate: outs[i].Duplicate}
		res[i].ID = outs[i].ID
		if !input.Verbatim(d.Article) {
			res[i].Text = d.Text
		}
	}
	body := map[string]any{"articles": res}
	if perr != nil {
		body["errors"] = perr.Error()
	}
	code := stdhttp.StatusCreated
	if len(res) == 1 && !res[0].Stored {
		code = stdhttp.StatusOK
	}
	writeJSON(w, code, body)
}
